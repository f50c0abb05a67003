import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../testing/harness';
import { CommandError, UsageError } from './command';
import { orgCreate, parseOrgCreateArgs } from './org-create';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

/** Runs the command as the CLI does (errors become exit codes 2 and 1), on the test database. */
async function run(args: string[]) {
  try {
    const lines = await orgCreate(parseOrgCreateArgs(args), { db: t.db, clock: t.clock, publicUrl: new URL('https://care.harbor.test') });
    return { exit: 0, out: lines.join('\n'), err: '' };
  } catch (error) {
    if (error instanceof UsageError) return { exit: 2, out: '', err: error.message };
    if (error instanceof CommandError) return { exit: 1, out: '', err: error.message };
    throw error;
  }
}

const unique = () => Math.random().toString(36).slice(2, 8);

describe('carebeam org create', () => {
  it('creates the organization and its administrator, and prints a set-password link that works once', async () => {
    const name = `Harbor Clinic ${unique()}`;
    const email = `admin-${unique()}@harbor.test`;
    const result = await run(['--name', name, '--time-zone', 'Europe/Paris', '--admin-email', email, '--admin-name', 'Ada Admin']);
    expect(result.exit).toBe(0);
    const token = /set-password\?token=([\w-]+)/.exec(result.out)![1]!;

    const org = await t.db.selectFrom('organizations').select(['id', 'time_zone', 'locale']).where('name', '=', name).executeTakeFirstOrThrow();
    expect(org).toMatchObject({ time_zone: 'Europe/Paris', locale: 'en-US' });
    const admin = await t.db.selectFrom('users').select(['name', 'roles', 'password_hash']).where('email', '=', email).executeTakeFirstOrThrow();
    expect(admin).toEqual({ name: 'Ada Admin', roles: ['admin'], password_hash: null });

    expect((await t.request({ method: 'POST', url: '/api/auth/set-password', body: { token, password: 'tulip otter granite lamp' } })).status).toBe(204);
    await expect(t.signIn(email, 'tulip otter granite lamp')).resolves.toBeTruthy();
    expect((await t.request({ method: 'POST', url: '/api/auth/set-password', body: { token, password: 'tulip otter granite lamp' } })).status).toBe(404);
  });

  it('refuses a second organization with the same name (any letter case), writing nothing', async () => {
    const name = `Bay Clinic ${unique()}`;
    expect((await run(['--name', name, '--time-zone', 'UTC', '--admin-email', `a-${unique()}@bay.test`])).exit).toBe(0);
    const email = `b-${unique()}@bay.test`;
    const again = await run(['--name', name.toUpperCase(), '--time-zone', 'UTC', '--admin-email', email]);
    expect(again.exit).toBe(1);
    expect(again.err).toContain('already exists');
    expect(await t.db.selectFrom('users').select('id').where('email', '=', email).execute()).toEqual([]);
  });

  it('names bad or missing arguments and exits 2', async () => {
    const result = await run(['--name', 'X', '--time-zone', 'Mars/Olympus']);
    expect(result.exit).toBe(2);
    expect(result.err).toContain('--time-zone');
    expect(result.err).toContain('--admin-email');
    expect((await run(['--bogus'])).exit).toBe(2);
  });
});
