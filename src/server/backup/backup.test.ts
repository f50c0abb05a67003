import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../cli/run';
import type { Config } from '../config';
import { type DatabaseTarget, openDatabase } from '../db/connect';
import { LOCK_FILE } from '../db/data-dir-lock';
import type { Database } from '../db/schema';
import { verifyAuditChain } from '../modules/audit';
import { testConfig } from '../testing/config';
import { adminQuery, databaseUrl } from '../testing/databases';
import { type SignedIn, startTestApp, type TestApp } from '../testing/harness';
import { multipart } from '../testing/multipart';
import { sessionWorld } from '../testing/session-world';
import { FILES_DIR, readManifest } from './manifest';
import { restoreBackup } from './restore';

// A populated database backed up and restored into a new one (a new PGlite data directory, or a
// new PostgreSQL database): every session, stored file (same SHA-256) and audit row is found there.
// PGlite: the running server writes the backup (POST /api/admin/backups). PostgreSQL: the
// `carebeam backup` and `carebeam restore` commands (pg_dump, pg_restore).

const scratch = mkdtempSync(join(tmpdir(), 'carebeam-backup-'));
const backupDir = join(scratch, 'backups');
let t: TestApp;
let admin: SignedIn;
let host: SignedIn;
let restoredDatabase: string | undefined;

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

beforeAll(async () => {
  t = await startTestApp({ config: { backups: { directory: backupDir, intervalHours: null, keep: 2 } } });
  const world = await sessionWorld(t);
  host = world.host;
  admin = await t.staff(['admin'], host.organizationId);
  const session = await world.book();
  await world.book();
  const chat = await t.request({ method: 'POST', url: `/api/sessions/${session.id}/messages`, cookie: host.cookie, body: { clientMessageId: 'backup-test-1', body: 'See you soon' } });
  expect(chat.status).toBe(201);
  const pdf = await PDFDocument.create();
  pdf.addPage().drawText('Clinic privacy policy');
  const document = await t.request({
    method: 'POST',
    url: '/api/document-templates/pdf',
    cookie: admin.cookie,
    ...(await multipart({ bytes: await pdf.save(), filename: 'privacy.pdf', type: 'application/pdf' }, { name: 'Privacy policy', audience: 'participant' })),
  });
  expect(document.status).toBe(201);
}, 120_000);

afterAll(async () => {
  await t?.close();
  if (restoredDatabase) await adminQuery(process.env.TEST_DATABASE_URL!, `DROP DATABASE IF EXISTS ${restoredDatabase} WITH (FORCE)`);
  rmSync(scratch, { recursive: true, force: true });
});

/** What the restore must bring back, read from a database. */
async function contents(db: Kysely<Database>) {
  const ids = async (table: 'sessions' | 'audit_events' | 'session_history' | 'chat_messages') =>
    (await db.selectFrom(table).select('id').orderBy('id').execute()).map((row) => String(row.id));
  return {
    sessions: await ids('sessions'),
    history: await ids('session_history'),
    chat: await ids('chat_messages'),
    audit: await ids('audit_events'),
    files: await db.selectFrom('files').select(['storage_key', 'sha256']).orderBy('storage_key').execute(),
  };
}

/** Every stored file in `filesDir` has the bytes its row's SHA-256 names. */
function expectFilesIn(filesDir: string, files: { storage_key: string; sha256: string }[]) {
  for (const file of files) expect([file.storage_key, sha256(readFileSync(join(filesDir, file.storage_key)))]).toEqual([file.storage_key, file.sha256]);
}

/** The restored audit trail: every row, in the same organization, with its hash chain intact. */
async function expectAuditTrail(db: Kysely<Database>, organizationId: string, audit: string[]) {
  expect((await contents(db)).audit).toEqual(audit);
  expect((await db.selectFrom('audit_events').select('id').where('organization_id', '=', organizationId).execute()).length).toBeGreaterThan(0);
  expect(await verifyAuditChain(db, organizationId)).toMatchObject({ intact: true, firstBroken: null });
}

/** The restored database holds exactly what the original held, and FILES_DIR every file. */
async function expectRestored(target: DatabaseTarget, filesDir: string, before: Awaited<ReturnType<typeof contents>>) {
  const restored = await openDatabase(target);
  try {
    const after = await contents(restored.db);
    expect(after).toEqual(before);
    expectFilesIn(filesDir, after.files);
    await expectAuditTrail(restored.db, host.organizationId, before.audit);
  } finally {
    await restored.close();
  }
}

async function cli(argv: string[], config: Partial<Config>) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, () => testConfig(config), { out: (line) => out.push(line), err: (line) => err.push(line) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe.runIf(!process.env.TEST_DATABASE_URL)('the embedded database, backed up by the running server', { timeout: 120_000 }, () => {
  let before: Awaited<ReturnType<typeof contents>>;
  let name: string;

  it('lets only an administrator start a backup; it is audited and listed', async () => {
    expect((await t.request({ method: 'POST', url: '/api/admin/backups' })).status).toBe(401);
    const refused = await t.request({ method: 'POST', url: '/api/admin/backups', cookie: host.cookie });
    expect(refused.status).toBe(403);
    expect(existsSync(backupDir)).toBe(false);

    before = await contents(t.db);
    const created = await t.request({ method: 'POST', url: '/api/admin/backups', cookie: admin.cookie });
    expect(created.status, created.text).toBe(201);
    name = created.body.name;
    expect(name).toMatch(/^carebeam-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d-\d{3}Z$/);
    const listed = await t.request({ url: '/api/admin/backups', cookie: admin.cookie });
    expect(listed.body).toMatchObject({ available: true, intervalHours: null, keep: 2, items: [{ name, bytes: created.body.bytes }] });
    const audit = await t.db.selectFrom('audit_events').select(['actor_user_id', 'organization_id']).where('action', '=', 'backup.created').execute();
    expect(audit).toEqual([{ actor_user_id: admin.id, organization_id: admin.organizationId }]);
    const manifest = await readManifest(join(backupDir, name));
    expect(manifest).toMatchObject({ kind: 'pglite', rowCounts: { sessions: before.sessions.length, files: before.files.length } });
    expect(manifest.files!.map((f) => [f.key, f.sha256]).sort()).toEqual(before.files.map((f) => [f.storage_key, f.sha256]));
  });

  it('restores into a new data directory and FILES_DIR: every session, file and audit row', async () => {
    const dataDir = join(scratch, 'restored-data');
    const filesDir = join(scratch, 'restored-files');
    await restoreBackup(join(backupDir, name), { database: { kind: 'pglite', dataDir }, appRole: null, filesDir });
    // The dump carried the server's lock file; the new directory opens like any stopped one.
    expect(existsSync(join(dataDir, LOCK_FILE))).toBe(false);
    // The backup's own audit row was written after its snapshot: not in it.
    await expectRestored({ kind: 'pglite', dataDir }, filesDir, before);
    // A second restore into the same place is refused and changes nothing.
    await expect(restoreBackup(join(backupDir, name), { database: { kind: 'pglite', dataDir }, appRole: null, filesDir: join(scratch, 'other-files') })).rejects.toThrow(/not empty/);
    await expect(restoreBackup(join(backupDir, name), { database: { kind: 'pglite', dataDir: join(scratch, 'other-data') }, appRole: null, filesDir })).rejects.toThrow(/already holds files/);
    expect(existsSync(join(scratch, 'other-data'))).toBe(false);
  });

  it('refuses a damaged backup before writing anything', async () => {
    const key = readdirSync(join(backupDir, name, FILES_DIR))[0]!;
    const damaged = join(scratch, 'damaged');
    rmSync(damaged, { recursive: true, force: true });
    await cp(join(backupDir, name), damaged, { recursive: true });
    writeFileSync(join(damaged, FILES_DIR, key), 'not the file');
    const dataDir = join(scratch, 'never');
    await expect(restoreBackup(damaged, { database: { kind: 'pglite', dataDir }, appRole: null, filesDir: join(dataDir, 'files') })).rejects.toThrow(`The backup's file ${key} is damaged`);
    expect(existsSync(dataDir)).toBe(false);
    await expect(restoreBackup(scratch, { database: { kind: 'pglite', dataDir }, appRole: null, filesDir: null })).rejects.toThrow(/no manifest\.json/);
  });

  it('keeps the newest BACKUP_KEEP backups', async () => {
    for (let i = 0; i < 2; i++) {
      t.clock.advance(60_000);
      expect((await t.request({ method: 'POST', url: '/api/admin/backups', cookie: admin.cookie })).status).toBe(201);
    }
    const listed = (await t.request({ url: '/api/admin/backups', cookie: admin.cookie })).body.items.map((b: { name: string }) => b.name);
    expect(listed).toHaveLength(2);
    expect(listed).not.toContain(name);
    expect(readdirSync(backupDir).sort()).toEqual([...listed].sort());
  });

  it('the command line cannot back up a data directory a server holds, and says how', async () => {
    const dataDir = join(scratch, 'restored-data');
    const held = await openDatabase({ kind: 'pglite', dataDir });
    try {
      const result = await cli(['backup', '--out', join(scratch, 'cli-backup')], { database: { kind: 'pglite', dataDir }, migrationDatabase: { kind: 'pglite', dataDir } });
      expect(result.code).toBe(1);
      expect(result.err).toContain('stop the server first');
      expect(result.err).toContain('POST /api/admin/backups');
    } finally {
      await held.close();
    }
  });
});

describe.runIf(!!process.env.TEST_DATABASE_URL)('PostgreSQL, backed up and restored by the command line', { timeout: 120_000 }, () => {
  const serverUrl = process.env.TEST_DATABASE_URL!;
  const out = join(scratch, 'pg-backup');
  const filesDir = join(scratch, 'pg-restored-files');

  it('the server makes no backups itself on PostgreSQL (pg_dump does)', async () => {
    const refused = await t.request({ method: 'POST', url: '/api/admin/backups', cookie: admin.cookie });
    expect([refused.status, refused.body.code]).toEqual([409, 'backups_unavailable']);
  });

  it('backs up with pg_dump and restores into an empty database: every session, file and audit row', async () => {
    const before = await contents(t.db);
    const source: Partial<Config> = {
      database: { kind: 'postgres', url: t.databaseUrl! },
      migrationDatabase: { kind: 'postgres', url: t.databaseUrl! },
      files: { kind: 'local', directory: t.filesDir },
    };
    const backup = await cli(['backup', '--out', out], source);
    expect(backup.err).toBe('');
    expect(backup.out).toContain(`${before.files.length} file(s)`);

    restoredDatabase = `carebeam_restore_${randomBytes(4).toString('hex')}`;
    await adminQuery(serverUrl, `CREATE DATABASE ${restoredDatabase}`);
    const url = databaseUrl(serverUrl, restoredDatabase);
    const target: Partial<Config> = { database: { kind: 'postgres', url }, migrationDatabase: { kind: 'postgres', url }, files: { kind: 'local', directory: filesDir } };
    const restore = await cli(['restore', out], target);
    expect(restore.err).toBe('');
    expect(restore.code).toBe(0);

    await expectRestored({ kind: 'postgres', url, poolSize: 1 }, filesDir, before);
    // Restoring again is refused: the database is no longer empty.
    const again = await cli(['restore', out], { ...target, files: { kind: 'local', directory: join(scratch, 'pg-other-files') } });
    expect(again.code).toBe(1);
    expect(again.err).toContain('The database is not empty');
  });
});
