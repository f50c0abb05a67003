import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { restoreBackup } from '../backup/restore';
import { writeBackup } from '../backup/write';
import { systemClock } from '../clock';
import { adminQuery, databaseUrl, openTestDatabase } from '../testing/databases';
import { startTestApp, type TestApp } from '../testing/harness';
import { sessionWorld } from '../testing/session-world';
import { type DatabaseHandle, openDatabase } from './connect';
import { LATEST_MIGRATION, migrateAndGrant } from './migrate';
import { APP_TABLE_PRIVILEGES, appRoleOf } from './privileges';

describe('the list of the app’s privileges', () => {
  let database: DatabaseHandle;
  beforeAll(async () => {
    database = await openTestDatabase(inject('testDatabase'));
  });
  afterAll(() => database.close());

  // A new append-only table (a refuse_change trigger) must be named in the list, or the app role
  // would get UPDATE and DELETE on it by default.
  it('names every table whose trigger refuses changes as append-only', async () => {
    const guarded = await sql<{ name: string }>`
      SELECT DISTINCT c.relname AS name FROM pg_trigger t
      JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_proc p ON p.oid = t.tgfoid
      WHERE p.proname = 'refuse_change' AND NOT t.tgisinternal ORDER BY 1`.execute(database.db);
    expect(guarded.rows.length).toBeGreaterThan(5);
    for (const { name } of guarded.rows) expect([name, APP_TABLE_PRIVILEGES[name]]).toEqual([name, ['SELECT', 'INSERT']]);
  });

  it('names only tables that exist', async () => {
    const tables = await sql<{ name: string }>`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public'`.execute(database.db);
    const names = new Set(tables.rows.map((row) => row.name));
    expect(Object.keys(APP_TABLE_PRIVILEGES).filter((name) => !names.has(name))).toEqual([]);
  });

  it('grants the user of DATABASE_URL; nobody on PGlite or for a URL without a user', () => {
    expect(appRoleOf({ kind: 'postgres', url: 'postgres://carebeam_app:secret@db:5432/carebeam' })).toBe('carebeam_app');
    expect(appRoleOf({ kind: 'postgres', url: 'postgres://db:5432/carebeam' })).toBeNull();
    expect(appRoleOf({ kind: 'pglite' })).toBeNull();
  });
});

// Roles belong to the whole PostgreSQL cluster, not to a database: each run makes its own pair
// with unique names and drops them afterwards.
const serverUrl = process.env.TEST_DATABASE_URL;

describe.skipIf(!serverUrl)('an app role that owns nothing (PostgreSQL)', { timeout: 120_000 }, () => {
  const suffix = randomBytes(4).toString('hex');
  const name = `carebeam_roles_${suffix}`;
  const ownerRole = `carebeam_owner_${suffix}`;
  const appRole = `carebeam_app_${suffix}`;
  const restoredName = `${name}_restored`;
  const urlAs = (role: string, database = name) => {
    const url = new URL(databaseUrl(serverUrl!, database));
    url.username = role;
    url.password = '';
    return url.toString();
  };
  const scratch = mkdtempSync(join(tmpdir(), 'carebeam-roles-'));
  let owner: DatabaseHandle;
  let app: DatabaseHandle;
  let t: TestApp;

  beforeAll(async () => {
    await adminQuery(serverUrl!, `CREATE ROLE ${ownerRole} LOGIN`);
    await adminQuery(serverUrl!, `CREATE ROLE ${appRole} LOGIN`);
    await adminQuery(serverUrl!, `CREATE DATABASE ${name} OWNER ${ownerRole}`);
    owner = await openDatabase({ kind: 'postgres', url: urlAs(ownerRole), poolSize: 2 });
    const { applied, granted } = await migrateAndGrant(owner.db, appRoleOf({ kind: 'postgres', url: urlAs(appRole) }));
    expect(applied.at(-1)).toBe(LATEST_MIGRATION);
    expect(granted).toBe(appRole);
    app = await openDatabase({ kind: 'postgres', url: urlAs(appRole), poolSize: 2 });
    t = await startTestApp({ sharedDatabaseUrl: urlAs(appRole) });
  });
  afterAll(async () => {
    await t?.close();
    await app?.close();
    await owner?.close();
    await adminQuery(serverUrl!, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await adminQuery(serverUrl!, `DROP DATABASE IF EXISTS ${restoredName} WITH (FORCE)`);
    rmSync(scratch, { recursive: true, force: true });
    await adminQuery(serverUrl!, `DROP ROLE IF EXISTS ${appRole}`);
    await adminQuery(serverUrl!, `DROP ROLE IF EXISTS ${ownerRole}`);
  });

  /** The statement's SQLSTATE as the app role runs it; 42501 is insufficient_privilege. */
  const refusal = (statement: string) =>
    sql.raw(statement).execute(app.db).then(
      () => 'allowed',
      (error: { code?: string }) => error.code,
    );
  const count = async (table: string) => Number((await sql<{ n: string }>`SELECT count(*) AS n FROM ${sql.id(table)}`.execute(owner.db)).rows[0]!.n);

  it('migrating again as the owner keeps the grants (nothing to apply, the same list)', async () => {
    expect(await migrateAndGrant(owner.db, appRole)).toEqual({ applied: [], granted: appRole });
    expect(await migrateAndGrant(owner.db, ownerRole)).toEqual({ applied: [], granted: null });
  });

  it('owns no table, sequence, function or schema', async () => {
    const owned = await sql<{ n: string }>`
      SELECT (SELECT count(*) FROM pg_class WHERE relowner = r.oid) + (SELECT count(*) FROM pg_proc WHERE proowner = r.oid)
           + (SELECT count(*) FROM pg_namespace WHERE nspowner = r.oid) AS n
      FROM pg_roles r WHERE r.rolname = ${appRole}`.execute(owner.db);
    expect(Number(owned.rows[0]!.n)).toBe(0);
  });

  it('works: a booking, participant links, chat and a note through the API, as the app role', async () => {
    const world = await sessionWorld(t);
    const session = await world.book();
    const chat = await t.request({ method: 'POST', url: `/api/sessions/${session.id}/messages`, cookie: world.host.cookie, body: { clientMessageId: 'roles-test-1', body: 'Hello' } });
    expect(chat.status).toBe(201);
    expect((await t.request({ method: 'POST', url: `/api/sessions/${session.id}/notes`, cookie: world.host.cookie, body: { body: 'Seen today.' } })).status).toBe(201);
    const cancel = await t.request({ method: 'POST', url: `/api/sessions/${session.id}/cancel`, cookie: world.host.cookie, body: { reason: 'Patient asked to move it' } });
    expect(cancel.status, cancel.text).toBeLessThan(300);
    const history = await t.db.selectFrom('session_history').select('id').where('session_id', '=', session.id).execute();
    expect(history.length).toBeGreaterThan(1);
  });

  it('cannot ALTER, disable a trigger, TRUNCATE, DROP or create a table', async () => {
    expect(await refusal('ALTER TABLE audit_events ADD COLUMN forged text')).toBe('42501');
    expect(await refusal('ALTER TABLE audit_events DISABLE TRIGGER audit_events_append_only')).toBe('42501');
    expect(await refusal('ALTER TABLE session_history DISABLE TRIGGER ALL')).toBe('42501');
    expect(await refusal('TRUNCATE audit_events')).toBe('42501');
    expect(await refusal('TRUNCATE sessions CASCADE')).toBe('42501');
    expect(await refusal('DROP TABLE audit_events')).toBe('42501');
    expect(await refusal('DROP TABLE sessions CASCADE')).toBe('42501');
    expect(await refusal('CREATE TABLE public.stash (id int)')).toBe('42501');
    expect(await refusal("INSERT INTO kysely_migration (name, timestamp) VALUES ('forged', 'now')")).toBe('42501');
  });

  it('cannot UPDATE or DELETE audit or history rows (refused by privilege, before any trigger)', async () => {
    const audit = await count('audit_events');
    const history = await count('session_history');
    expect(audit).toBeGreaterThan(0);
    expect(history).toBeGreaterThan(0);
    expect(await refusal("UPDATE audit_events SET action = 'forged'")).toBe('42501');
    expect(await refusal('DELETE FROM audit_events')).toBe('42501');
    expect(await refusal("UPDATE session_history SET summary = 'forged'")).toBe('42501');
    expect(await refusal('DELETE FROM session_history')).toBe('42501');
    for (const table of ['session_notes', 'chat_messages', 'outbox_attempts', 'session_images', 'document_template_versions']) {
      expect([table, await refusal(`DELETE FROM ${table}`)]).toEqual([table, '42501']);
    }
    expect(await refusal('DELETE FROM readings')).toBe('42501');
    expect([await count('audit_events'), await count('session_history')]).toEqual([audit, history]);
  });

  it('a backup restored by the owner into a new database gives the app role the same grants', async () => {
    const out = join(scratch, 'backup');
    await writeBackup(out, { database: owner, postgresUrl: urlAs(ownerRole), filesDir: null, clock: systemClock });
    await adminQuery(serverUrl!, `CREATE DATABASE ${restoredName} OWNER ${ownerRole}`);
    await restoreBackup(out, { database: { kind: 'postgres', url: urlAs(ownerRole, restoredName) }, appRole, filesDir: null });
    const restored = await openDatabase({ kind: 'postgres', url: urlAs(appRole, restoredName), poolSize: 1 });
    try {
      expect(Number((await sql<{ n: string }>`SELECT count(*) AS n FROM audit_events`.execute(restored.db)).rows[0]!.n)).toBe(await count('audit_events'));
      const refused = await sql`DELETE FROM audit_events`.execute(restored.db).then(() => 'allowed', (error: { code?: string }) => error.code);
      expect(refused).toBe('42501');
    } finally {
      await restored.close();
    }
  });
});
