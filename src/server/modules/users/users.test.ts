import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, TEST_PASSWORD } from '../../testing/factories';
import { type SignedIn, startTestApp, type TestApp } from '../../testing/harness';

let t: TestApp;
let admin: SignedIn;
beforeAll(async () => {
  t = await startTestApp();
  admin = await t.staff(['admin']);
});
afterAll(() => t.close());

const countUsers = async (organizationId: string) =>
  (
    await t.db
      .selectFrom('users')
      .select(t.db.fn.countAll<number>().as('n'))
      .where('organization_id', '=', organizationId)
      .executeTakeFirstOrThrow()
  ).n;

const newUser = (overrides: Record<string, unknown> = {}) => ({
  name: 'Dr. Ines Moreau',
  email: `ines-${Math.random().toString(36).slice(2)}@clinic.test`,
  roles: ['provider'],
  timeZone: 'Europe/Paris',
  ...overrides,
});

describe('GET /api/users', () => {
  it('lists the organization’s providers for dispatchers, and only that organization’s', async () => {
    const dispatcher = await t.staff(['dispatcher'], admin.organizationId);
    const provider = await createUser(t.db, admin.organizationId, { name: 'Aaron Provider', roles: ['provider'] });
    await createUser(t.db, admin.organizationId, { roles: ['provider'], deactivated: true });
    const elsewhere = await t.staff(['provider']);

    const response = await t.request({ url: '/api/users?role=provider', cookie: dispatcher.cookie });

    expect(response.status).toBe(200);
    expect(response.body).toEqual([
      { id: provider.id, name: 'Aaron Provider', email: provider.email, roles: ['provider'], timeZone: 'America/New_York', deactivated: false, invitation: null, mfa: false },
    ]);
    expect(response.body.map((u: { id: string }) => u.id)).not.toContain(elsewhere.id);
  });

  it('is 403 for providers', async () => {
    const provider = await t.staff(['provider'], admin.organizationId);
    const response = await t.request({ url: '/api/users?role=provider', cookie: provider.cookie });
    expect(response.status).toBe(403);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.body).toMatchObject({ status: 403, code: 'forbidden' });
  });

  it('shows deactivated users to administrators who ask for them', async () => {
    const gone = await createUser(t.db, admin.organizationId, { deactivated: true });
    const response = await t.request({ url: '/api/users?includeDeactivated=true', cookie: admin.cookie });
    expect(response.body).toContainEqual(expect.objectContaining({ id: gone.id, deactivated: true }));
  });

  it('rejects an unknown role filter with the field path', async () => {
    const response = await t.request({ url: '/api/users?role=nurse', cookie: admin.cookie });
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([expect.objectContaining({ path: 'role' })]);
  });
});

describe('POST /api/users', () => {
  it('creates an invited user (no password yet), and audits it', async () => {
    const body = newUser();
    const response = await t.request({ method: 'POST', url: '/api/users', cookie: admin.cookie, body });

    expect(response.status).toBe(201);
    expect(response.body).toEqual({
      id: expect.any(String),
      name: 'Dr. Ines Moreau',
      email: body.email,
      roles: ['provider'],
      timeZone: 'Europe/Paris',
      deactivated: false,
      invitation: 'pending',
      mfa: false,
    });
    const audit = await t.db.selectFrom('audit_events').selectAll().where('entity_id', '=', response.body.id).execute();
    expect(audit.map((a) => [a.action, a.actor_user_id])).toContainEqual(['user.created', admin.id]);
  });

  it('returns every bad field at once and writes nothing', async () => {
    const before = await countUsers(admin.organizationId);
    const response = await t.request({
      method: 'POST',
      url: '/api/users',
      cookie: admin.cookie,
      body: { name: '', email: 'nope', roles: [], timeZone: 'Mars/Olympus' },
    });
    expect(response.status).toBe(400);
    expect(response.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['email', 'name', 'roles', 'timeZone'].sort());
    expect(await countUsers(admin.organizationId)).toBe(before);
  });

  it('refuses a duplicate email, in any letter case, with 409 email_taken', async () => {
    const existing = await createUser(t.db, admin.organizationId);
    const before = await countUsers(admin.organizationId);
    const response = await t.request({
      method: 'POST',
      url: '/api/users',
      cookie: admin.cookie,
      body: newUser({ email: existing.email.toUpperCase() }),
    });
    expect(response.status).toBe(409);
    expect(response.body.code).toBe('email_taken');
    expect(response.body.errors).toEqual([{ path: 'email', message: 'This email is already in use' }]);
    expect(await countUsers(admin.organizationId)).toBe(before);
  });

  it('is 403 for dispatchers and writes nothing', async () => {
    const dispatcher = await t.staff(['dispatcher'], admin.organizationId);
    const before = await countUsers(admin.organizationId);
    const response = await t.request({ method: 'POST', url: '/api/users', cookie: dispatcher.cookie, body: newUser() });
    expect(response.status).toBe(403);
    expect(await countUsers(admin.organizationId)).toBe(before);
  });
});

describe('PATCH /api/users/:id', () => {
  it('applies a role change on the very next request', async () => {
    const dispatcher = await t.staff(['dispatcher'], admin.organizationId);
    expect((await t.request({ url: '/api/users', cookie: dispatcher.cookie })).status).toBe(200);

    const patch = await t.request({
      method: 'PATCH',
      url: `/api/users/${dispatcher.id}`,
      cookie: admin.cookie,
      body: { roles: ['provider'] },
    });
    expect(patch.status).toBe(200);
    expect(patch.body.roles).toEqual(['provider']);

    expect((await t.request({ url: '/api/users', cookie: dispatcher.cookie })).status).toBe(403);
    expect((await t.request({ url: '/api/me', cookie: dispatcher.cookie })).body.roles).toEqual(['provider']);
  });

  it('ends a deactivated user’s sign-ins at once and refuses their sign-in', async () => {
    const provider = await t.staff(['provider'], admin.organizationId);
    const patch = await t.request({
      method: 'PATCH',
      url: `/api/users/${provider.id}`,
      cookie: admin.cookie,
      body: { deactivated: true },
    });
    expect(patch.status).toBe(200);
    expect(patch.body.deactivated).toBe(true);
    expect((await t.request({ url: '/api/me', cookie: provider.cookie })).status).toBe(401);
    await expect(t.signIn(provider.email, TEST_PASSWORD)).rejects.toThrow(/401/);

    const reactivate = await t.request({
      method: 'PATCH',
      url: `/api/users/${provider.id}`,
      cookie: admin.cookie,
      body: { deactivated: false },
    });
    expect(reactivate.body.deactivated).toBe(false);
    await expect(t.signIn(provider.email, TEST_PASSWORD)).resolves.toBeTruthy();
  });

  it('keeps at least one active administrator', async () => {
    const lone = await t.staff(['admin']);
    const demote = await t.request({ method: 'PATCH', url: `/api/users/${lone.id}`, cookie: lone.cookie, body: { roles: ['provider'] } });
    expect(demote.status).toBe(409);
    expect(demote.body.code).toBe('last_admin');
    const deactivate = await t.request({ method: 'PATCH', url: `/api/users/${lone.id}`, cookie: lone.cookie, body: { deactivated: true } });
    expect(deactivate.status).toBe(409);
    const row = await t.db.selectFrom('users').select(['roles', 'deactivated_at']).where('id', '=', lone.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ roles: ['admin'], deactivated_at: null });
  });

  it('is 404 for another organization’s user, and for a malformed id', async () => {
    const stranger = await t.staff(['provider']);
    const other = await t.request({ method: 'PATCH', url: `/api/users/${stranger.id}`, cookie: admin.cookie, body: { name: 'Hijacked' } });
    expect(other.status).toBe(404);
    const malformed = await t.request({ method: 'PATCH', url: '/api/users/not-a-uuid', cookie: admin.cookie, body: { name: 'X' } });
    expect(malformed.status).toBe(404);
    const row = await t.db.selectFrom('users').select('name').where('id', '=', stranger.id).executeTakeFirstOrThrow();
    expect(row.name).not.toBe('Hijacked');
  });

  it('rejects an empty patch and a bad time zone', async () => {
    const user = await createUser(t.db, admin.organizationId);
    const empty = await t.request({ method: 'PATCH', url: `/api/users/${user.id}`, cookie: admin.cookie, body: {} });
    expect(empty.status).toBe(400);
    const zone = await t.request({ method: 'PATCH', url: `/api/users/${user.id}`, cookie: admin.cookie, body: { timeZone: 'Nowhere/Land' } });
    expect(zone.status).toBe(400);
    expect(zone.body.errors).toEqual([expect.objectContaining({ path: 'timeZone' })]);
  });
});
