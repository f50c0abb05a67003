import { type Kysely, Migrator, sql } from 'kysely';
import { migrations } from './migrations/index';
import { grantAppPrivileges } from './privileges';

/**
 * Brings the schema up to date. Kysely's migrator holds a PostgreSQL advisory lock while it
 * runs, so several instances starting at once apply each migration exactly once.
 */
export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** The newest migration this code knows: a database is current when it has applied this one. */
export const LATEST_MIGRATION = Object.keys(migrations).sort().at(-1)!;

/** The newest migration the database has applied; null before the first (no migration table yet). */
export async function latestAppliedMigration(db: Kysely<any>): Promise<string | null> {
  const table = await sql<{ found: boolean }>`SELECT to_regclass('kysely_migration') IS NOT NULL AS found`.execute(db);
  if (!table.rows[0]?.found) return null;
  const latest = await sql<{ name: string | null }>`SELECT max(name) AS name FROM kysely_migration`.execute(db);
  return latest.rows[0]?.name ?? null;
}

/**
 * Migrates as the connected (owner) role; when the app connects as another role (`appRole`, from
 * DATABASE_URL), then gives that role the privileges of `privileges.ts` and nothing more.
 * Answers the migrations applied and the role granted (null: the app connects as the owner).
 */
export async function migrateAndGrant(db: Kysely<any>, appRole: string | null): Promise<{ applied: string[]; granted: string | null }> {
  const applied = await migrateToLatest(db);
  return { applied, granted: await grantAppRole(db, appRole) };
}

/** Grants `appRole` its privileges unless it is the connected role itself; answers the role granted. */
export async function grantAppRole(db: Kysely<any>, appRole: string | null): Promise<string | null> {
  if (appRole === null) return null;
  const owner = await sql<{ name: string }>`SELECT current_user AS name`.execute(db);
  if (owner.rows[0]?.name === appRole) return null;
  await grantAppPrivileges(db, appRole);
  return appRole;
}
