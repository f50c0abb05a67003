import { type Kysely, sql } from 'kysely';

/**
 * What the app's database role may do, table by table. The app role owns nothing: it cannot
 * ALTER, DROP, TRUNCATE or disable a trigger, and it may change only what this list allows.
 * A table not named here gets READ_WRITE; name a table to give it less.
 */
export type TablePrivilege = 'SELECT' | 'INSERT' | 'UPDATE' | 'DELETE';

const READ_WRITE: readonly TablePrivilege[] = ['SELECT', 'INSERT', 'UPDATE', 'DELETE'];
const APPEND_ONLY: readonly TablePrivilege[] = ['SELECT', 'INSERT'];
const READ_ONLY: readonly TablePrivilege[] = ['SELECT'];

export const APP_TABLE_PRIVILEGES: Readonly<Record<string, readonly TablePrivilege[]>> = {
  // Append-only (their refuse_change triggers hold on PGlite too; here the role cannot even try).
  audit_events: APPEND_ONLY,
  session_history: APPEND_ONLY,
  session_notes: APPEND_ONLY,
  chat_messages: APPEND_ONLY,
  outbox_attempts: APPEND_ONLY,
  session_images: APPEND_ONLY,
  // A reading is corrected by marking it entered-in-error (its trigger checks how), never deleted.
  readings: ['SELECT', 'INSERT', 'UPDATE'],
  document_template_versions: APPEND_ONLY,
  // Each audit append moves its organization's chain head (INSERT … ON CONFLICT DO UPDATE); never deleted.
  audit_chain_heads: ['SELECT', 'INSERT', 'UPDATE'],
  // The app checks which migration the database is at (readiness); only migrations write these.
  kysely_migration: READ_ONLY,
  kysely_migration_lock: READ_ONLY,
};

export const privilegesOf = (table: string): readonly TablePrivilege[] => APP_TABLE_PRIVILEGES[table] ?? READ_WRITE;

// Several instances starting at once would race on the same catalog rows ("tuple concurrently updated").
const GRANTING = 0x6772616e;

const ident = (name: string) => sql.id(name);

/**
 * Gives `appRole` exactly the privileges of the list on every table of the public schema, USAGE on
 * its sequences, and the same for tables and sequences the connected (owner) role creates later.
 * Run as the owner after migrating, in one transaction: the app never sees a table half-granted.
 */
export async function grantAppPrivileges(db: Kysely<any>, appRole: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await sql`SELECT pg_advisory_xact_lock(${GRANTING})`.execute(trx);
    const role = ident(appRole);
    await sql`REVOKE ALL ON SCHEMA public FROM ${role}`.execute(trx);
    await sql`GRANT USAGE ON SCHEMA public TO ${role}`.execute(trx);
    await sql`REVOKE ALL ON ALL TABLES IN SCHEMA public FROM ${role}`.execute(trx);
    await sql`REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM ${role}`.execute(trx);
    const tables = await sql<{ name: string }>`
      SELECT table_name AS name FROM information_schema.tables
      WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`.execute(trx);
    for (const { name } of tables.rows) {
      await sql`GRANT ${sql.raw(privilegesOf(name).join(', '))} ON ${ident(name)} TO ${role}`.execute(trx);
    }
    await sql`GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO ${role}`.execute(trx);
    // A table made outside a migration run (by hand) is usable at once; the next migrate narrows it.
    await sql`ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT ${sql.raw(READ_WRITE.join(', '))} ON TABLES TO ${role}`.execute(trx);
    await sql`ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE ON SEQUENCES TO ${role}`.execute(trx);
  });
}

/**
 * The role the app connects as, to be granted after migrating: the user of DATABASE_URL. Null on
 * PGlite (one process, no roles) and for a URL naming no user (the client's default, unknown here).
 */
export function appRoleOf(database: { kind: 'pglite' } | { kind: 'postgres'; url: string }): string | null {
  if (database.kind !== 'postgres') return null;
  const name = decodeURIComponent(new URL(database.url).username);
  return name === '' ? null : name;
}
