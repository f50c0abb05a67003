import { type Kysely, Migrator, sql } from 'kysely';
import { migrations } from './migrations/index';

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
