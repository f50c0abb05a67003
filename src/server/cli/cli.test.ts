import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DatabaseTarget, openDatabase } from '../db/connect';
import { LATEST_MIGRATION } from '../db/migrate';
import { adminQuery, databaseUrl } from '../testing/databases';
import { createOrganization, createUser } from '../testing/factories';
import { loadConfig } from '../config';
import { testConfig } from '../testing/config';
import { runCli } from './run';

// The command-line tool as an operator runs it: a child process reading its environment, on a
// database of its own (a new embedded data directory, or a new PostgreSQL database when
// TEST_DATABASE_URL is set).

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const serverUrl = process.env.TEST_DATABASE_URL;
let dataDir: string;
let env: Record<string, string>;
let target: DatabaseTarget;
let databaseName: string | undefined;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'carebeam-cli-'));
  env = { DATA_DIR: join(dataDir, 'data'), LOG_LEVEL: 'silent' };
  target = { kind: 'pglite', dataDir: env.DATA_DIR! };
  if (serverUrl) {
    databaseName = `carebeam_cli_${randomBytes(4).toString('hex')}`;
    await adminQuery(serverUrl, `CREATE DATABASE ${databaseName}`);
    // The app's own URL names a database that does not exist: only `migrate` may use the other.
    env = { ...env, DATABASE_URL: databaseUrl(serverUrl, `${databaseName}_app`), MIGRATION_DATABASE_URL: databaseUrl(serverUrl, databaseName) };
    target = { kind: 'postgres', url: env.MIGRATION_DATABASE_URL! };
  }
});

afterAll(async () => {
  if (serverUrl && databaseName) await adminQuery(serverUrl, `DROP DATABASE IF EXISTS ${databaseName} WITH (FORCE)`);
  rmSync(dataDir, { recursive: true, force: true });
});

function carebeam(args: string[], extraEnv: Record<string, string> = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'src/server/cli/main.ts'), ...args], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', ...env, ...extraEnv },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Runs `work` on the CLI's database while no command has it open. */
async function onDatabase<T>(work: (db: Awaited<ReturnType<typeof openDatabase>>['db']) => Promise<T>): Promise<T> {
  const database = await openDatabase(target);
  try {
    return await work(database.db);
  } finally {
    await database.close();
  }
}

describe('usage (in process)', () => {
  const run = async (argv: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCli(argv, () => testConfig(), { out: (line) => out.push(line), err: (line) => err.push(line) });
    return { code, out: out.join('\n'), err: err.join('\n') };
  };

  it('lists the commands, and exits with 2 without one', async () => {
    const bare = await run([]);
    expect(bare.code).toBe(2);
    for (const command of ['migrate', 'org list', 'org deactivate <id|name>']) expect(bare.err).toContain(command);
    expect(await run(['--help'])).toMatchObject({ code: 0, out: expect.stringContaining('org deactivate') });
  });

  it('exits with 2 and says why on an unknown command or bad arguments, touching no database', async () => {
    expect(await run(['org', 'destroy', 'x'])).toMatchObject({ code: 2, err: expect.stringContaining('Unknown command: org destroy x') });
    expect(await run(['org'])).toMatchObject({ code: 2, err: expect.stringContaining('Unknown command: org') });
    expect(await run(['migrate', 'now'])).toMatchObject({ code: 2, err: expect.stringMatching(/Unexpected argument: now\nUsage: npm run carebeam -- migrate/) });
    expect(await run(['org', 'deactivate'])).toMatchObject({ code: 2, err: expect.stringContaining('Usage: npm run carebeam -- org deactivate <id|name>') });
    expect(await run(['org', 'deactivate', 'a', 'b'])).toMatchObject({ code: 2, err: expect.stringContaining('Give one organization') });
    expect(await run(['org', 'list', '--help'])).toMatchObject({ code: 0, out: expect.stringContaining('Usage: npm run carebeam -- org list') });
  });

  it('exits with 1 on a bad environment, naming the variable', async () => {
    const err: string[] = [];
    const code = await runCli(['migrate'], () => loadConfig({ PORT: 'eighty' }), { out: () => undefined, err: (line) => err.push(line) });
    expect(code).toBe(1);
    expect(err.join('\n')).toMatch(/Invalid configuration:\n {2}PORT/);
  });
});

// Each command starts a process and opens the database (a new data directory pays PGlite's initdb):
// slow on a busy machine, so these get minutes, not the default 30 s.
describe('the carebeam command (child processes)', { timeout: 240_000 }, () => {
  it('refuses organization commands before migrate, then migrates once (through MIGRATION_DATABASE_URL on PostgreSQL)', async () => {
    if (!serverUrl) {
      const early = await carebeam(['org', 'list']);
      expect(early.code).toBe(1);
      expect(early.stderr).toContain('run `npm run carebeam -- migrate` first');
    }
    const first = await carebeam(['migrate']);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('applied 2026_11_28_0001_foundation');
    expect(first.stdout).toContain(`Migrated to ${LATEST_MIGRATION}.`);
    const again = await carebeam(['migrate']);
    expect(again).toMatchObject({ code: 0, stdout: `Already up to date (${LATEST_MIGRATION}).\n` });
  });

  it('lists organizations and deactivates one by name; an unknown one fails with 1', async () => {
    // From here on the commands use the app's own database.
    if (serverUrl) env = { ...env, DATABASE_URL: env.MIGRATION_DATABASE_URL! };
    const { harbor, bay } = await onDatabase(async (db) => {
      const harbor = await createOrganization(db, { name: 'Harbor Clinic', timeZone: 'Europe/Lisbon' });
      const bay = await createOrganization(db, { name: 'Bay Clinic' });
      await createUser(db, harbor.id);
      await createUser(db, harbor.id);
      await createUser(db, harbor.id, { deactivated: true });
      return { harbor, bay };
    });

    const list = await carebeam(['org', 'list']);
    expect(list.code).toBe(0);
    const lines = list.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^ID\s+NAME\s+TIME ZONE\s+ACTIVE\s+STAFF$/);
    expect(lines[1]).toMatch(new RegExp(`^${bay.id}\\s+Bay Clinic\\s+America/New_York\\s+yes\\s+0$`));
    expect(lines[2]).toMatch(new RegExp(`^${harbor.id}\\s+Harbor Clinic\\s+Europe/Lisbon\\s+yes\\s+2$`));

    const deactivated = await carebeam(['org', 'deactivate', 'Harbor Clinic']);
    expect(deactivated).toMatchObject({ code: 0, stdout: `Deactivated Harbor Clinic (${harbor.id}); ended 0 open sign-in(s).\n` });
    expect((await carebeam(['org', 'list'])).stdout).toMatch(new RegExp(`${harbor.id}\\s+Harbor Clinic\\s+Europe/Lisbon\\s+no \\(since \\S+Z\\)\\s+2`));
    expect((await carebeam(['org', 'deactivate', harbor.id])).stdout).toContain('was already deactivated on');

    const unknown = await carebeam(['org', 'deactivate', 'Nowhere Clinic']);
    expect(unknown).toMatchObject({ code: 1, stdout: '', stderr: 'Organization was not found\n' });
    const bayState = await onDatabase((db) => db.selectFrom('organizations').select('deactivated_at').where('id', '=', bay.id).executeTakeFirstOrThrow());
    expect(bayState.deactivated_at).toBeNull();
  });
});
