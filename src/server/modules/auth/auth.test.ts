import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrganization, createUser, TEST_PASSWORD } from '../../testing/factories';
import { startTestApp, type TestApp } from '../../testing/harness';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ config: { signInIdleMinutes: 30 } });
});
afterAll(() => t.close());

// The clock stands still, so every failure counts in the same minute: each test signs in from
// its own address unless it is testing the per-address limit.
let nextAddress = 1;
const newAddress = () => `10.0.0.${nextAddress++}`;
const login = (email: string, password: string, remoteAddress = newAddress()) =>
  t.request({ method: 'POST', url: '/api/auth/login', body: { email, password }, remoteAddress });

describe('POST /api/auth/login', () => {
  it('signs in with an httpOnly, SameSite cookie and returns the user with their organization', async () => {
    const org = await createOrganization(t.db, { name: 'Harbor Clinic', timeZone: 'America/Chicago' });
    const user = await createUser(t.db, org.id, { email: 'nora@harbor.test', roles: ['provider'], timeZone: 'Europe/Paris' });

    const response = await login('  Nora@Harbor.test ', TEST_PASSWORD);

    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      id: user.id,
      name: user.name,
      email: 'nora@harbor.test',
      roles: ['provider'],
      timeZone: 'Europe/Paris',
      organization: { id: org.id, name: 'Harbor Clinic', timeZone: 'America/Chicago' },
      signInIdleMinutes: 30,
    });
    const setCookie = String(response.headers['set-cookie']);
    expect(setCookie).toMatch(/^carebeam_session=[A-Za-z0-9_-]{43};/);
    expect(setCookie).toContain('HttpOnly');
    expect(setCookie).toContain('SameSite=Strict');
  });

  it('answers a wrong password and an unknown email with the same 401 body', async () => {
    const org = await createOrganization(t.db);
    const user = await createUser(t.db, org.id);

    const wrongPassword = await login(user.email, 'not the password at all');
    const unknownEmail = await login('nobody@nowhere.test', 'not the password at all');

    expect(wrongPassword.status).toBe(401);
    expect(unknownEmail.status).toBe(401);
    expect(wrongPassword.headers['content-type']).toContain('application/problem+json');
    expect(wrongPassword.body).toEqual(unknownEmail.body);
    expect(wrongPassword.body.code).toBe('invalid_credentials');
    expect(wrongPassword.headers['set-cookie']).toBeUndefined();
  });

  it('refuses a deactivated user exactly like a wrong password', async () => {
    const org = await createOrganization(t.db);
    const user = await createUser(t.db, org.id, { deactivated: true });
    const response = await login(user.email, TEST_PASSWORD);
    expect(response.status).toBe(401);
    expect(response.body.code).toBe('invalid_credentials');
  });

  it('returns 429 after 10 failed tries in a minute for one account, even with the right password', async () => {
    const org = await createOrganization(t.db);
    const user = await createUser(t.db, org.id);
    for (let attempt = 1; attempt <= 10; attempt++) {
      // A new address each time: the account limit alone must trigger.
      const response = await login(user.email, 'wrong password!!');
      expect(response.status).toBe(401);
    }
    const blocked = await login(user.email, TEST_PASSWORD);
    expect(blocked.status).toBe(429);
    expect(blocked.body.code).toBe('too_many_attempts');
    expect(blocked.headers['retry-after']).toBe('60');

    t.clock.advance(61_000);
    expect((await login(user.email, TEST_PASSWORD)).status).toBe(200);
  });

  it('returns 429 after 10 failed tries in a minute from one address across accounts', async () => {
    const address = newAddress();
    for (let attempt = 1; attempt <= 10; attempt++) {
      expect((await login(`guess-${attempt}@nowhere.test`, 'wrong password!!', address)).status).toBe(401);
    }
    expect((await login('guess-11@nowhere.test', 'wrong password!!', address)).status).toBe(429);
    expect((await login('guess-11@nowhere.test', 'wrong password!!')).status).toBe(401);
  });

  it('rejects a malformed body with field errors and writes no sign-in', async () => {
    const before = await t.db.selectFrom('sign_ins').select(t.db.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const response = await t.request({ method: 'POST', url: '/api/auth/login', body: { email: 'not-an-email' } });
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: 'email' }),
        expect.objectContaining({ path: 'password' }),
      ]),
    );
    const after = await t.db.selectFrom('sign_ins').select(t.db.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });
});

describe('GET /api/me and sign-out', () => {
  it('is 401 without a cookie and with a forged one', async () => {
    expect((await t.request({ url: '/api/me' })).status).toBe(401);
    const forged = await t.request({ url: '/api/me', cookie: 'carebeam_session=forged-token-value' });
    expect(forged.status).toBe(401);
    expect(forged.body.code).toBe('unauthenticated');
  });

  it('answers 200 null with optional=true when nobody is signed in, and the member when someone is', async () => {
    const anonymous = await t.request({ url: '/api/me?optional=true' });
    expect(anonymous.status).toBe(200);
    expect(anonymous.body).toBeNull();
    expect((await t.request({ url: '/api/me?optional=true', cookie: 'carebeam_session=forged-token-value' })).body).toBeNull();
    const me = await t.staff(['provider']);
    const signedIn = await t.request({ url: '/api/me?optional=true', cookie: me.cookie });
    expect(signedIn.status).toBe(200);
    expect(signedIn.body.id).toBe(me.id);
    expect((await t.request({ url: '/api/me?optional=yes' })).status).toBe(400);
  });

  it('logs out: 204, and the old cookie no longer works', async () => {
    const me = await t.staff(['dispatcher']);
    expect((await t.request({ url: '/api/me', cookie: me.cookie })).status).toBe(200);

    const logout = await t.request({ method: 'POST', url: '/api/auth/logout', cookie: me.cookie });
    expect(logout.status).toBe(204);
    expect(String(logout.headers['set-cookie'])).toMatch(/carebeam_session=;/);
    expect((await t.request({ url: '/api/me', cookie: me.cookie })).status).toBe(401);
  });

  it('expires a sign-in idle for SESSION_IDLE_MINUTES, and activity keeps it alive', async () => {
    const me = await t.staff(['provider']);
    t.clock.advance(29 * 60_000);
    expect((await t.request({ url: '/api/me', cookie: me.cookie })).status).toBe(200);
    t.clock.advance(29 * 60_000); // 58 minutes after sign-in, 29 after the last request
    expect((await t.request({ url: '/api/me', cookie: me.cookie })).status).toBe(200);
    t.clock.advance(30 * 60_000 + 1);
    expect((await t.request({ url: '/api/me', cookie: me.cookie })).status).toBe(401);
  });

  it('clears sign-ins that can no longer be used when someone signs in', async () => {
    const stale = await t.staff(['provider']);
    t.clock.advance(31 * 60_000);
    const fresh = await t.staff(['provider']);
    const rows = await t.db.selectFrom('sign_ins').select('user_id').where('user_id', 'in', [stale.id, fresh.id]).execute();
    expect(rows).toEqual([{ user_id: fresh.id }]);
  });

  it('ends any sign-in 12 hours after it began, however active', async () => {
    const me = await t.staff(['provider']);
    for (let hour = 0; hour < 24; hour++) {
      t.clock.advance(29 * 60_000);
      await t.request({ url: '/api/me', cookie: me.cookie });
    }
    t.clock.advance(29 * 60_000);
    expect((await t.request({ url: '/api/me', cookie: me.cookie })).status).toBe(401);
  });

  it('records sign-ins in the audit trail', async () => {
    const me = await t.staff(['provider']);
    const events = await t.db.selectFrom('audit_events').selectAll().where('entity_id', '=', me.id).execute();
    expect(events.map((e) => e.action)).toEqual(['user.signed_in']);
    expect(events[0]!.actor_user_id).toBe(me.id);
  });
});
