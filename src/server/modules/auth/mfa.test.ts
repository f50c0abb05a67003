import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrganization, createUser, type TestUser } from '../../testing/factories';
import { startTestApp, type TestApp } from '../../testing/harness';
import { totpAt } from './totp';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const MINUTE = 60_000;
let nextAddress = 1;
/** Each test signs in from its own address, so the per-address limits of one never reach another. */
const newAddress = () => `10.9.${Math.floor(nextAddress / 250)}.${(nextAddress++ % 250) + 1}`;

const cookieOf = (response: { headers: Record<string, unknown> }) => String(response.headers['set-cookie']).split(';')[0]!;
const code = (secret: string, offsetSeconds = 0) => totpAt(secret, new Date(t.clock.now().getTime() + offsetSeconds * 1000));

async function login(user: TestUser, remoteAddress = newAddress()) {
  const response = await t.request({ method: 'POST', url: '/api/auth/login', body: { email: user.email, password: 'correct horse battery staple' }, remoteAddress });
  expect(response.status).toBe(200);
  return { body: response.body, cookie: cookieOf(response) };
}

/** A staff member with an enrolled authenticator; answers its secret and recovery codes. */
async function enrolled(roles: TestUser['roles'] = ['provider'], organizationId?: string) {
  const orgId = organizationId ?? (await createOrganization(t.db)).id;
  const user = await createUser(t.db, orgId, { roles });
  const { cookie } = await login(user);
  const start = await t.request({ method: 'POST', url: '/api/auth/mfa/enrolment', cookie });
  expect(start.status).toBe(200);
  const secret: string = start.body.secret;
  const confirm = await t.request({ method: 'POST', url: '/api/auth/mfa/enrolment/confirm', cookie, body: { code: code(secret) } });
  expect(confirm.status).toBe(200);
  // The step just used is spent: later codes come from the next step.
  t.clock.advance(30_000);
  return { user, cookie, secret, recoveryCodes: confirm.body.recoveryCodes as string[] };
}

const auditOf = (userId: string, action: string) =>
  t.db.selectFrom('audit_events').select(['outcome', 'actor_user_id', 'data']).where('entity_id', '=', userId).where('action', '=', action).orderBy('id').execute();

describe('enrolling an authenticator app', () => {
  it('shows a secret and otpauth URI, completes only with a valid code, then never shows the secret again', async () => {
    const org = await createOrganization(t.db);
    const user = await createUser(t.db, org.id);
    const { cookie } = await login(user);
    const start = await t.request({ method: 'POST', url: '/api/auth/mfa/enrolment', cookie });
    expect(start.body.secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(start.body.otpauthUri).toBe(`otpauth://totp/Carebeam:${encodeURIComponent(user.email)}?secret=${start.body.secret}&issuer=Carebeam&algorithm=SHA1&digits=6&period=30`);

    const wrong = await t.request({ method: 'POST', url: '/api/auth/mfa/enrolment/confirm', cookie, body: { code: code(start.body.secret, 120) } });
    expect(wrong.status).toBe(401);
    expect(wrong.body.code).toBe('invalid_code');
    expect((await t.request({ url: '/api/auth/mfa', cookie })).body).toEqual({ enrolled: false, recoveryCodesLeft: 0 });
    expect(await auditOf(user.id, 'user.mfa_enrolment_failed')).toMatchObject([{ outcome: 'failed' }]);

    const confirm = await t.request({ method: 'POST', url: '/api/auth/mfa/enrolment/confirm', cookie, body: { code: code(start.body.secret) } });
    expect(confirm.status).toBe(200);
    const codes: string[] = confirm.body.recoveryCodes;
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const c of codes) expect(c).toMatch(/^[A-Z2-7]{5}-[A-Z2-7]{5}$/);
    expect((await t.request({ url: '/api/auth/mfa', cookie })).body).toEqual({ enrolled: true, recoveryCodesLeft: 10 });
    expect(await auditOf(user.id, 'user.mfa_enrolled')).toHaveLength(1);

    // Stored hashed; a second enrolment cannot show (or replace) the secret.
    const stored = await t.db.selectFrom('mfa_recovery_codes').select('code_hash').where('user_id', '=', user.id).execute();
    expect(stored.map((row) => row.code_hash)).not.toContain(codes[0]);
    const again = await t.request({ method: 'POST', url: '/api/auth/mfa/enrolment', cookie });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('mfa_enrolled');
    expect(again.text).not.toContain(start.body.secret);
  });

  it('answers 400 with the field for a code that is not six digits, and writes nothing', async () => {
    const { cookie } = await t.staff(['provider']);
    const response = await t.request({ method: 'POST', url: '/api/auth/mfa/enrolment/confirm', cookie, body: { code: '12ab' } });
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([expect.objectContaining({ path: 'code' })]);
  });
});

describe('signing in with a second factor', () => {
  it('holds the password sign-in at the second step: every other route is 401 mfa_required', async () => {
    const { user } = await enrolled();
    const half = await login(user);
    expect(half.body).toEqual({ mfaStep: 'challenge' });
    for (const url of ['/api/sessions', '/api/me', '/api/me?optional=true', '/api/auth/mfa', '/api/users', '/api/organization']) {
      const response = await t.request({ url, cookie: half.cookie });
      expect(response.status, url).toBe(401);
      expect(response.body.code, url).toBe('mfa_required');
    }
    const enrol = await t.request({ method: 'POST', url: '/api/auth/mfa/enrolment', cookie: half.cookie });
    expect(enrol.body.code).toBe('mfa_required');
  });

  it('completes with a code under a new cookie; the half cookie ends and the code cannot be used again', async () => {
    const { user, secret } = await enrolled();
    const half = await login(user);
    const done = await t.request({ method: 'POST', url: '/api/auth/mfa/challenge', cookie: half.cookie, body: { code: code(secret) } });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ id: user.id, email: user.email });
    const full = cookieOf(done);
    expect(full).not.toBe(half.cookie);
    expect((await t.request({ url: '/api/sessions', cookie: full })).status).toBe(200);
    const old = await t.request({ url: '/api/sessions', cookie: half.cookie });
    expect(old.status).toBe(401);
    expect(old.body.code).toBe('unauthenticated');

    const replay = await t.request({ method: 'POST', url: '/api/auth/mfa/challenge', cookie: (await login(user)).cookie, body: { code: code(secret) } });
    expect(replay.status).toBe(401);
    expect(replay.body.code).toBe('invalid_code');
    const challenges = await auditOf(user.id, 'user.mfa_challenge');
    expect(challenges.map((row) => row.outcome)).toEqual(['success', 'failed']);
    expect((await auditOf(user.id, 'user.signed_in')).length).toBeGreaterThanOrEqual(1);
  });

  it('completes with a recovery code once (any case, with or without the dash); it is audited and marked used', async () => {
    const { user, recoveryCodes, cookie } = await enrolled();
    const typed = recoveryCodes[3]!.replace('-', ' ').toLowerCase();
    const done = await t.request({ method: 'POST', url: '/api/auth/mfa/challenge', cookie: (await login(user)).cookie, body: { recoveryCode: typed } });
    expect(done.status).toBe(200);
    expect(await auditOf(user.id, 'user.mfa_recovery_code_used')).toMatchObject([{ outcome: 'success', data: { left: 9 } }]);
    expect((await t.request({ url: '/api/auth/mfa', cookie })).body.recoveryCodesLeft).toBe(9);

    const again = await t.request({ method: 'POST', url: '/api/auth/mfa/challenge', cookie: (await login(user)).cookie, body: { recoveryCode: recoveryCodes[3] } });
    expect(again.status).toBe(401);
  });

  it('lets the half sign-in lapse after 5 minutes', async () => {
    const { user, secret } = await enrolled();
    const half = await login(user);
    t.clock.advance(5 * MINUTE);
    const late = await t.request({ method: 'POST', url: '/api/auth/mfa/challenge', cookie: half.cookie, body: { code: code(secret) } });
    expect(late.status).toBe(401);
    expect(late.body.code).toBe('unauthenticated');
  });

  it('refuses a challenge without a half sign-in, and bad bodies with 400', async () => {
    const { cookie, secret } = await enrolled();
    const full = await t.request({ method: 'POST', url: '/api/auth/mfa/challenge', cookie, body: { code: code(secret) } });
    expect(full.status).toBe(401);
    const none = await t.request({ method: 'POST', url: '/api/auth/mfa/challenge', body: { code: '123456' } });
    expect(none.status).toBe(401);
    const { user } = await enrolled();
    const half = await login(user);
    for (const body of [{ code: '12' }, { code: '123456', recoveryCode: 'X' }, {}]) {
      const response = await t.request({ method: 'POST', url: '/api/auth/mfa/challenge', cookie: half.cookie, body });
      expect(response.status, JSON.stringify(body)).toBe(400);
    }
  });

  it('limits codes per account: after 5 wrong ones even the right code is 429', async () => {
    const { user, secret } = await enrolled();
    const half = await login(user);
    const wrong = String((Number(code(secret)) + 500_000) % 1_000_000).padStart(6, '0');
    for (let i = 0; i < 5; i++) {
      const response = await t.request({ method: 'POST', url: '/api/auth/mfa/challenge', cookie: half.cookie, body: { code: wrong }, remoteAddress: newAddress() });
      expect(response.status).toBe(401);
    }
    const blocked = await t.request({ method: 'POST', url: '/api/auth/mfa/challenge', cookie: half.cookie, body: { code: code(secret) }, remoteAddress: newAddress() });
    expect(blocked.status).toBe(429);
    expect(blocked.body.code).toBe('too_many_attempts');
    expect((await auditOf(user.id, 'user.mfa_challenge')).filter((row) => row.outcome === 'failed')).toHaveLength(5);
  });

  it('limits codes per address across accounts', async () => {
    const address = newAddress();
    const people = await Promise.all([enrolled(), enrolled()]);
    const halves = await Promise.all(people.map(({ user }) => login(user, address)));
    for (let i = 0; i < 5; i++) {
      await t.request({ method: 'POST', url: '/api/auth/mfa/challenge', cookie: halves[i % 2]!.cookie, body: { code: '000000' }, remoteAddress: address });
    }
    const blocked = await t.request({ method: 'POST', url: '/api/auth/mfa/challenge', cookie: halves[0]!.cookie, body: { code: code(people[0]!.secret) }, remoteAddress: address });
    expect(blocked.status).toBe(429);
  });
});

describe('recovery codes', () => {
  it('are replaced with a current code; the old ones stop working', async () => {
    const { user, cookie, secret, recoveryCodes } = await enrolled();
    const wrong = await t.request({ method: 'POST', url: '/api/auth/mfa/recovery-codes', cookie, body: { code: code(secret, -90) } });
    expect(wrong.status).toBe(401);
    const fresh = await t.request({ method: 'POST', url: '/api/auth/mfa/recovery-codes', cookie, body: { code: code(secret) } });
    expect(fresh.status).toBe(200);
    expect(fresh.body.recoveryCodes).toHaveLength(10);
    expect(await auditOf(user.id, 'user.mfa_recovery_codes_regenerated')).toHaveLength(1);
    const old = await t.request({ method: 'POST', url: '/api/auth/mfa/challenge', cookie: (await login(user)).cookie, body: { recoveryCode: recoveryCodes[0] } });
    expect(old.status).toBe(401);
    const other = await t.request({ method: 'POST', url: '/api/auth/mfa/challenge', cookie: (await login(user)).cookie, body: { recoveryCode: fresh.body.recoveryCodes[0] } });
    expect(other.status).toBe(200);
  });

  it('cannot be made without a factor (409)', async () => {
    const { cookie } = await t.staff(['provider']);
    const response = await t.request({ method: 'POST', url: '/api/auth/mfa/recovery-codes', cookie, body: { code: '123456' } });
    expect(response.status).toBe(409);
  });
});

describe('the organization policy', () => {
  it('is set by administrators only, audited, and sends unenrolled staff to enrolment only', async () => {
    const admin = await t.staff(['admin']);
    const provider = await createUser(t.db, admin.organizationId, { roles: ['provider'] });
    const before = await login(provider);
    expect((await t.request({ method: 'PATCH', url: '/api/organization', cookie: before.cookie, body: { requireMfa: true } })).status).toBe(403);

    const set = await t.request({ method: 'PATCH', url: '/api/organization', cookie: admin.cookie, body: { requireMfa: true } });
    expect(set.status).toBe(200);
    expect(set.body.requireMfa).toBe(true);
    const events = await t.db.selectFrom('audit_events').select('action').where('organization_id', '=', admin.organizationId).where('action', '=', 'organization.mfa_required').execute();
    expect(events).toHaveLength(1);

    // An existing sign-in is held at once; a new one starts there.
    const held = await t.request({ url: '/api/sessions', cookie: before.cookie });
    expect(held.status).toBe(401);
    expect(held.body.code).toBe('mfa_enrolment_required');
    const fresh = await login(provider);
    expect(fresh.body).toEqual({ mfaStep: 'enrol' });
    expect((await t.request({ url: '/api/participants', cookie: fresh.cookie })).body.code).toBe('mfa_enrolment_required');

    const start = await t.request({ method: 'POST', url: '/api/auth/mfa/enrolment', cookie: fresh.cookie });
    expect(start.status).toBe(200);
    const confirm = await t.request({ method: 'POST', url: '/api/auth/mfa/enrolment/confirm', cookie: fresh.cookie, body: { code: code(start.body.secret) } });
    expect(confirm.status).toBe(200);
    expect((await t.request({ url: '/api/sessions', cookie: fresh.cookie })).status).toBe(200);
  });
});

describe('an administrator resetting a lost factor', () => {
  it('removes it, ends the user’s sign-ins, is audited, and the user signs in with the password alone', async () => {
    const admin = await t.staff(['admin']);
    const { user, cookie } = await enrolled(['provider'], admin.organizationId);
    const listed = await t.request({ url: '/api/users', cookie: admin.cookie });
    expect(listed.body.find((row: { id: string }) => row.id === user.id).mfa).toBe(true);

    const reset = await t.request({ method: 'POST', url: `/api/users/${user.id}/mfa/reset`, cookie: admin.cookie });
    expect(reset.status).toBe(204);
    expect((await t.request({ url: '/api/sessions', cookie })).status).toBe(401);
    expect(await auditOf(user.id, 'user.mfa_reset')).toMatchObject([{ actor_user_id: admin.id, outcome: 'success' }]);
    expect((await login(user)).body).toMatchObject({ id: user.id });
    const again = await t.request({ method: 'POST', url: `/api/users/${user.id}/mfa/reset`, cookie: admin.cookie });
    expect(again.status).toBe(409);
  });

  it('is 403 for non-administrators and 404 for another organization’s user, changing nothing', async () => {
    const admin = await t.staff(['admin']);
    const { user, cookie } = await enrolled();
    const dispatcher = await t.staff(['dispatcher'], user.organizationId);
    expect((await t.request({ method: 'POST', url: `/api/users/${user.id}/mfa/reset`, cookie: dispatcher.cookie })).status).toBe(403);
    const other = await t.request({ method: 'POST', url: `/api/users/${user.id}/mfa/reset`, cookie: admin.cookie });
    expect(other.status).toBe(404);
    expect((await t.request({ url: '/api/auth/mfa', cookie })).body.enrolled).toBe(true);
    expect(await auditOf(user.id, 'user.mfa_reset')).toHaveLength(0);
  });
});
