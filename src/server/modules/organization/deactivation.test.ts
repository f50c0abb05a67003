import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, startTestApp } from '../../testing/harness';
import { createOrganization, TEST_PASSWORD } from '../../testing/factories';
import { sessionWorld } from '../../testing/session-world';
import { createOrganizationOperator } from './index';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

describe('deactivating an organization (the operator, `carebeam org deactivate`)', () => {
  it("ends its staff's sign-ins and refuses new ones, stops its participants' pages and links, and leaves other organizations alone", async () => {
    const world = await sessionWorld(t);
    const booked = await world.book();
    const link = await t.request({ method: 'POST', url: `/api/sessions/${booked.id}/participants/${booked.ben.id}/link`, cookie: world.host.cookie });
    const unusedToken = /\/join\/(.+)$/.exec(link.body.url)![1];
    const operator = createOrganizationOperator({ db: t.db, clock: t.clock });

    const result = await operator.deactivate(world.host.organizationId);

    expect(result).toMatchObject({ changed: true, endedSignIns: 3, organization: { id: world.host.organizationId, active: false } });
    expect((await t.request({ url: '/api/me', cookie: world.host.cookie })).status).toBe(401);
    const login = await t.request({ method: 'POST', url: '/api/auth/login', body: { email: world.host.email, password: TEST_PASSWORD } });
    expect(login.status).toBe(401);
    expect(login.body.code).toBe('invalid_credentials');
    expect((await t.request({ url: '/api/portal/session', cookie: booked.ana.cookie })).status).toBe(401);
    expect((await t.request({ method: 'POST', url: '/api/portal/exchange', body: { token: unusedToken } })).status).not.toBe(200);
    expect(await t.db.selectFrom('sign_ins').innerJoin('users', 'users.id', 'sign_ins.user_id').where('users.organization_id', '=', world.host.organizationId).select('token_hash').execute()).toEqual([]);
    const audit = await t.db.selectFrom('audit_events').select(['action', 'actor_user_id']).where('organization_id', '=', world.host.organizationId).where('action', '=', 'organization.deactivated').execute();
    expect(audit).toEqual([{ action: 'organization.deactivated', actor_user_id: null }]);
    // The stranger's organization goes on.
    expect((await t.request({ url: '/api/me', cookie: world.stranger.cookie })).status).toBe(200);
    expect(await t.signIn(world.stranger.email)).toMatch(/^carebeam_session=/);
  });

  it('is idempotent, finds an organization by its exact name, and refuses an unknown or ambiguous one without writing', async () => {
    const operator = createOrganizationOperator({ db: t.db, clock: t.clock });
    const named = await createOrganization(t.db, { name: `Harbor Clinic ${Date.now()}` });
    const first = await operator.deactivate(named.name);
    expect(first.changed).toBe(true);
    const again = await operator.deactivate(named.id);
    expect(again).toMatchObject({ changed: false, endedSignIns: 0 });
    expect(again.organization.deactivatedAt).toEqual(first.organization.deactivatedAt);

    await expect(operator.deactivate('No Such Clinic')).rejects.toMatchObject({ kind: 'not_found' });
    await expect(operator.deactivate('00000000-0000-4000-8000-000000000000')).rejects.toMatchObject({ kind: 'not_found' });
    const twin = await createOrganization(t.db, { name: `Twin Clinic ${Date.now()}` });
    await createOrganization(t.db, { name: twin.name });
    await expect(operator.deactivate(twin.name)).rejects.toMatchObject({ kind: 'conflict', code: 'ambiguous_name' });
    const twins = await t.db.selectFrom('organizations').select('deactivated_at').where('name', '=', twin.name).execute();
    expect(twins).toEqual([{ deactivated_at: null }, { deactivated_at: null }]);
  });

  it('lists organizations with their time zone, state and active staff count', async () => {
    const operator = createOrganizationOperator({ db: t.db, clock: t.clock });
    const world = await sessionWorld(t);
    const listed = (await operator.list()).find((o) => o.id === world.host.organizationId);
    expect(listed).toEqual({ id: world.host.organizationId, name: expect.any(String), timeZone: 'America/New_York', active: true, deactivatedAt: null, staffCount: 3 });
  });
});
