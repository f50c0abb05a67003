import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { captureMail, linkToken } from '../../testing/captured-mail';
import { type SignedIn, startTestApp, type TestApp } from '../../testing/harness';

let t: TestApp;
let admin: SignedIn;
let mail: ReturnType<typeof captureMail>;
let organizationName: string;
beforeAll(async () => {
  t = await startTestApp();
  admin = await t.staff(['admin']);
  mail = captureMail(t);
  organizationName = (await t.db.selectFrom('organizations').select('name').where('id', '=', admin.organizationId).executeTakeFirstOrThrow()).name;
});
afterAll(() => t.close());

const HOUR = 3_600_000;
const STRONG = 'tulip otter granite lamp';
const newEmail = () => `ines-${Math.random().toString(36).slice(2)}@clinic.test`;

async function invite(email = newEmail(), cookie = admin.cookie) {
  return t.request({ method: 'POST', url: '/api/users', cookie, body: { name: 'Dr. Ines Moreau', email, roles: ['provider'], timeZone: 'Europe/Paris' } });
}

async function invitedToken(email: string): Promise<string> {
  const [message] = await mail.deliver(email);
  return linkToken(message!);
}

const setPassword = (token: string, password = STRONG) => t.request({ method: 'POST', url: '/api/auth/set-password', body: { token, password } });

describe('inviting staff', () => {
  it('adds the user with no password, emails a 72-hour link, and lists them as invited', async () => {
    const email = newEmail();
    const response = await invite(email);
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({ email, invitation: 'pending', deactivated: false });
    const row = await t.db.selectFrom('users').select('password_hash').where('id', '=', response.body.id).executeTakeFirstOrThrow();
    expect(row.password_hash).toBeNull();

    const [message] = await mail.deliver(email);
    expect(message!.subject).toBe(`Your Carebeam account at ${organizationName}`);
    expect(message!.text).toContain('https://care.harbor.test/set-password?token=');
    const link = await t.db.selectFrom('password_links').selectAll().where('user_id', '=', response.body.id).executeTakeFirstOrThrow();
    expect(link.expires_at.getTime() - link.created_at.getTime()).toBe(72 * HOUR);
    expect(link.token_hash).not.toContain(linkToken(message!));

    const listed = await t.request({ url: '/api/users', cookie: admin.cookie });
    expect(listed.body).toContainEqual(expect.objectContaining({ id: response.body.id, invitation: 'pending' }));
  });

  it('keeps the link out of the outbox: the Outbox shows it redacted', async () => {
    const email = newEmail();
    await invite(email);
    const outbox = await t.request({ url: '/api/outbox', cookie: admin.cookie });
    const shown = outbox.body.find((m: { to: string }) => m.to === email);
    expect(shown.kind).toBe('staff_invitation');
    expect(shown.body).toContain('/set-password?token=•••••• (private link, not stored)');
    const stored = await t.db.selectFrom('outbox_messages').select('body_text').where('recipient', '=', email).executeTakeFirstOrThrow();
    expect(stored.body_text).not.toMatch(/token=[\w-]{20}/);
    await mail.deliver(email);
  });

  it('lets the invitee choose a password once, then sign in; the link is then dead (404)', async () => {
    const email = newEmail();
    const { body: user } = await invite(email);
    const token = await invitedToken(email);

    const described = await t.request({ method: 'POST', url: '/api/auth/password-link', body: { token } });
    expect(described.status).toBe(200);
    expect(described.body).toEqual({ purpose: 'invite', name: 'Dr. Ines Moreau', email, organizationName: organizationName });

    expect((await setPassword(token)).status).toBe(204);
    await expect(t.signIn(email, STRONG)).resolves.toMatch(/carebeam_session=/);
    const again = await setPassword(token, 'another fine passphrase');
    expect(again.status).toBe(404);
    expect(again.headers['content-type']).toContain('application/problem+json');
    expect((await t.request({ method: 'POST', url: '/api/auth/password-link', body: { token } })).status).toBe(404);

    const audit = await t.db.selectFrom('audit_events').select(['action', 'data']).where('entity_id', '=', user.id).execute();
    expect(audit).toContainEqual({ action: 'user.password_set', data: { via: 'invite' } });
    const listed = await t.request({ url: '/api/users', cookie: admin.cookie });
    expect(listed.body).toContainEqual(expect.objectContaining({ id: user.id, invitation: null }));
  });

  it('refuses a weak password with 400 on the field, keeps the link live, and writes nothing', async () => {
    const email = newEmail();
    const { body: user } = await invite(email);
    const token = await invitedToken(email);
    for (const weak of ['short', 'password1234', 'iloveyouiloveyou']) {
      const response = await setPassword(token, weak);
      expect(response.status).toBe(400);
      expect(response.body.errors).toEqual([expect.objectContaining({ path: 'password' })]);
    }
    const row = await t.db.selectFrom('users').select('password_hash').where('id', '=', user.id).executeTakeFirstOrThrow();
    expect(row.password_hash).toBeNull();
    expect((await setPassword(token)).status).toBe(204);
  });

  it('is 404 for an expired link', async () => {
    const email = newEmail();
    await invite(email);
    const token = await invitedToken(email);
    t.clock.advance(72 * HOUR);
    try {
      expect((await setPassword(token)).status).toBe(404);
    } finally {
      t.clock.advance(-72 * HOUR);
    }
  });

  it('resends with a new link (the old one dies) and revokes', async () => {
    const email = newEmail();
    const { body: user } = await invite(email);
    const first = await invitedToken(email);
    const resend = await t.request({ method: 'POST', url: `/api/users/${user.id}/invitation`, cookie: admin.cookie });
    expect(resend.status).toBe(200);
    const second = await invitedToken(email);
    expect(second).not.toBe(first);
    expect((await setPassword(first)).status).toBe(404);

    const revoke = await t.request({ method: 'DELETE', url: `/api/users/${user.id}/invitation`, cookie: admin.cookie });
    expect(revoke.status).toBe(200);
    expect(revoke.body.invitation).toBe('lapsed');
    expect((await setPassword(second)).status).toBe(404);
  });

  it('does not send a link revoked before its email went out', async () => {
    const email = newEmail();
    const { body: user } = await invite(email);
    await t.request({ method: 'DELETE', url: `/api/users/${user.id}/invitation`, cookie: admin.cookie });
    expect(await mail.deliver(email)).toEqual([]);
    const row = await t.db.selectFrom('outbox_messages').select(['status', 'last_error']).where('recipient', '=', email).executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'failed', last_error: 'The link ended before the message was sent' });
  });

  it('refuses resend and revoke for someone who already has a password (409) or elsewhere (404)', async () => {
    const provider = await t.staff(['provider'], admin.organizationId);
    const resend = await t.request({ method: 'POST', url: `/api/users/${provider.id}/invitation`, cookie: admin.cookie });
    expect(resend.status).toBe(409);
    expect(resend.body.code).toBe('not_invited');
    const stranger = await t.staff(['provider']);
    expect((await t.request({ method: 'DELETE', url: `/api/users/${stranger.id}/invitation`, cookie: admin.cookie })).status).toBe(404);
  });

  it('is 403 for non-administrators, and nothing is written or queued', async () => {
    const dispatcher = await t.staff(['dispatcher'], admin.organizationId);
    const email = newEmail();
    const response = await invite(email, dispatcher.cookie);
    expect(response.status).toBe(403);
    expect(await t.db.selectFrom('users').select('id').where('email', '=', email).execute()).toEqual([]);
    expect(await t.db.selectFrom('outbox_messages').select('id').where('recipient', '=', email).execute()).toEqual([]);
  });

  it('no longer accepts a password typed by an administrator', async () => {
    const provider = await t.staff(['provider'], admin.organizationId);
    const response = await t.request({ method: 'PATCH', url: `/api/users/${provider.id}`, cookie: admin.cookie, body: { password: 'a brand new passphrase' } });
    expect(response.status).toBe(400);
    await expect(t.signIn(provider.email, 'a brand new passphrase')).rejects.toThrow(/401/);
  });
});
