import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../testing/harness';
import { createPasswordLink } from '../auth';
import { issueSetupLink } from './service';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const HOUR = 3_600_000;
const unique = () => Math.random().toString(36).slice(2, 8);
/** A setup link as the first start makes it (the harness's database is not empty, so made directly). */
const setupToken = async () => (await createPasswordLink(t.db, { purpose: 'setup', organizationId: null, userId: null }, t.clock.now())).token;
const body = (token: string, overrides: Record<string, unknown> = {}) => ({
  token,
  organizationName: `Harbor Clinic ${unique()}`,
  timeZone: 'Europe/Paris',
  locale: 'fr-FR',
  adminName: 'Ada Admin',
  adminEmail: `ada-${unique()}@harbor.test`,
  password: 'tulip otter granite lamp',
  ...overrides,
});
const setup = (payload: object) => t.request({ method: 'POST', url: '/api/setup', body: payload });
const countOrganizations = async (name: string) => (await t.db.selectFrom('organizations').select('id').where('name', '=', name).execute()).length;

describe('first-run setup', () => {
  it('issues no link once an organization exists', async () => {
    await t.staff(['admin']);
    expect(await issueSetupLink(t.db, t.clock, new URL('https://care.harbor.test'))).toBeNull();
  });

  it('creates the organization and its administrator with their own password; the link then dies', async () => {
    const token = await setupToken();
    expect((await t.request({ method: 'POST', url: '/api/setup/check', body: { token } })).status).toBe(204);
    const input = body(token);
    const response = await setup(input);
    expect(response.status).toBe(201);
    const org = await t.db.selectFrom('organizations').select(['name', 'time_zone', 'locale']).where('id', '=', response.body.organizationId).executeTakeFirstOrThrow();
    expect(org).toEqual({ name: input.organizationName, time_zone: 'Europe/Paris', locale: 'fr-FR' });
    const cookie = await t.signIn(input.adminEmail, input.password);
    const me = await t.request({ url: '/api/me', cookie });
    expect(me.body).toMatchObject({ roles: ['admin'], organization: { name: input.organizationName } });

    expect((await t.request({ method: 'POST', url: '/api/setup/check', body: { token } })).status).toBe(404);
    const again = await setup(body(token));
    expect(again.status).toBe(404);
  });

  it('refuses a weak password or a name in use, writes nothing, and the link still works', async () => {
    const token = await setupToken();
    const weak = body(token, { password: 'password1234' });
    const refused = await setup(weak);
    expect(refused.status).toBe(400);
    expect(refused.body.errors).toEqual([expect.objectContaining({ path: 'password' })]);
    expect(await countOrganizations(weak.organizationName)).toBe(0);

    const first = body(await setupToken());
    expect((await setup(first)).status).toBe(201);
    const token2 = await setupToken();
    const clash = await setup(body(token2, { organizationName: first.organizationName.toLowerCase() }));
    expect(clash.status).toBe(409);
    expect(clash.body.code).toBe('organization_exists');
    expect(await countOrganizations(first.organizationName.toLowerCase())).toBe(0);
    expect((await t.request({ method: 'POST', url: '/api/setup/check', body: { token: token2 } })).status).toBe(204);
  });

  it('is 404 after 24 hours, for a newer link’s predecessor, and for an invitation token', async () => {
    const old = await setupToken();
    const newer = await setupToken();
    expect((await setup(body(old))).status).toBe(404);
    t.clock.advance(24 * HOUR);
    try {
      expect((await setup(body(newer))).status).toBe(404);
    } finally {
      t.clock.advance(-24 * HOUR);
    }
    const admin = await t.staff(['admin']);
    const invite = await createPasswordLink(t.db, { purpose: 'invite', organizationId: admin.organizationId, userId: admin.id }, t.clock.now());
    expect((await setup(body(invite.token))).status).toBe(404);
  });
});
