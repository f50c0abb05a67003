import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { captureMail, linkToken } from '../../testing/captured-mail';
import { TEST_PASSWORD } from '../../testing/factories';
import { type SignedIn, startTestApp, type TestApp } from '../../testing/harness';

let t: TestApp;
let mail: ReturnType<typeof captureMail>;
beforeAll(async () => {
  t = await startTestApp();
  mail = captureMail(t);
});
afterAll(() => t.close());

const MINUTE = 60_000;
const STRONG = 'tulip otter granite lamp';
let address = 0;
/** A client address of its own, so the per-address limit of one test does not reach another. */
const nextAddress = () => `10.9.0.${++address}`;

const forgot = (email: string, remoteAddress = nextAddress()) => t.request({ method: 'POST', url: '/api/auth/forgot-password', body: { email }, remoteAddress });
const setPassword = (token: string, password = STRONG) => t.request({ method: 'POST', url: '/api/auth/set-password', body: { token, password } });

describe('forgot password', () => {
  it('answers an unknown email exactly like a known one, and emails only the account', async () => {
    const provider = await t.staff(['provider']);
    const known = await forgot(provider.email);
    const unknown = await forgot('nobody-here@clinic.test');
    expect([known.status, known.text]).toEqual([204, '']);
    expect([unknown.status, unknown.text]).toEqual([204, '']);
    const sent = await mail.deliver();
    expect(sent.map((m) => m.to)).toEqual([provider.email]);
    expect(sent[0]!.subject).toMatch(/^Reset your Carebeam password at /);
  });

  it('sends a 30-minute link that sets the password once, ends every sign-in, and is audited', async () => {
    const provider = await t.staff(['provider']);
    await forgot(provider.email);
    const [message] = await mail.deliver(provider.email);
    const token = linkToken(message!);
    const link = await t.db.selectFrom('password_links').select(['created_at', 'expires_at']).where('user_id', '=', provider.id).executeTakeFirstOrThrow();
    expect(link.expires_at.getTime() - link.created_at.getTime()).toBe(30 * MINUTE);

    expect((await setPassword(token)).status).toBe(204);
    expect((await t.request({ url: '/api/me', cookie: provider.cookie })).status).toBe(401);
    await expect(t.signIn(provider.email, TEST_PASSWORD)).rejects.toThrow(/401/);
    await expect(t.signIn(provider.email, STRONG)).resolves.toBeTruthy();
    expect((await setPassword(token, 'yet another passphrase')).status).toBe(404);
    const audit = await t.db.selectFrom('audit_events').select('action').where('entity_id', '=', provider.id).execute();
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['user.password_reset_requested', 'user.password_set']));
  });

  it('is 404 after 30 minutes, and the password stays', async () => {
    const provider = await t.staff(['provider']);
    await forgot(provider.email);
    const token = linkToken((await mail.deliver(provider.email))[0]!);
    t.clock.advance(30 * MINUTE);
    try {
      expect((await setPassword(token)).status).toBe(404);
      await expect(t.signIn(provider.email, TEST_PASSWORD)).resolves.toBeTruthy();
    } finally {
      t.clock.advance(-30 * MINUTE);
    }
  });

  it('limits requests per email (known or not) and per address with 429, queuing nothing more', async () => {
    const provider = await t.staff(['provider']);
    for (let i = 0; i < 5; i++) expect((await forgot(provider.email)).status).toBe(204);
    const limited = await forgot(provider.email);
    expect(limited.status).toBe(429);
    expect(limited.body.code).toBe('too_many_requests');
    expect((await forgot('nobody-either@clinic.test')).status).toBe(204);
    for (let i = 0; i < 5; i++) await forgot('nobody-either@clinic.test');
    expect((await forgot('nobody-either@clinic.test')).status).toBe(429);

    const ip = nextAddress();
    for (let i = 0; i < 5; i++) expect((await forgot(`someone-${i}@clinic.test`, ip)).status).toBe(204);
    expect((await forgot(provider.email.replace('@', '+x@'), ip)).status).toBe(429);

    const queued = await t.db.selectFrom('outbox_messages').select('id').where('recipient', '=', provider.email).execute();
    expect(queued).toHaveLength(5);
    await mail.deliver();
  });

  it('rejects a malformed email with 400', async () => {
    const response = await forgot('not an email');
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([expect.objectContaining({ path: 'email' })]);
  });
});

describe('the account page API', () => {
  let me: SignedIn;
  let otherDevice: string;
  beforeAll(async () => {
    me = await t.staff(['provider']);
    otherDevice = await t.signIn(me.email);
  });

  it('lists my sign-ins, marks this device, and signs out everywhere else', async () => {
    const list = await t.request({ url: '/api/account/sign-ins', cookie: me.cookie });
    expect(list.status).toBe(200);
    expect(list.body).toHaveLength(2);
    expect(list.body.filter((s: { current: boolean }) => s.current)).toHaveLength(1);
    expect(list.body[0]).toMatchObject({ address: '127.0.0.1', browser: expect.any(String) });

    const ended = await t.request({ method: 'POST', url: '/api/account/sign-ins/end-others', cookie: me.cookie });
    expect(ended.body).toEqual({ ended: 1 });
    expect((await t.request({ url: '/api/me', cookie: otherDevice })).status).toBe(401);
    expect((await t.request({ url: '/api/me', cookie: me.cookie })).status).toBe(200);
  });

  it('changes my password only with the current one; other sign-ins end, this one stays', async () => {
    const elsewhere = await t.signIn(me.email);
    const wrong = await t.request({ method: 'POST', url: '/api/account/password', cookie: me.cookie, body: { currentPassword: 'not it at all', newPassword: STRONG } });
    expect(wrong.status).toBe(400);
    expect(wrong.body.errors).toEqual([expect.objectContaining({ path: 'currentPassword' })]);
    const weak = await t.request({ method: 'POST', url: '/api/account/password', cookie: me.cookie, body: { currentPassword: TEST_PASSWORD, newPassword: 'qwerty123456' } });
    expect(weak.status).toBe(400);
    expect(weak.body.errors).toEqual([expect.objectContaining({ path: 'newPassword' })]);
    expect((await t.request({ url: '/api/me', cookie: elsewhere })).status).toBe(200);

    const changed = await t.request({ method: 'POST', url: '/api/account/password', cookie: me.cookie, body: { currentPassword: TEST_PASSWORD, newPassword: STRONG } });
    expect(changed.status).toBe(204);
    expect((await t.request({ url: '/api/me', cookie: elsewhere })).status).toBe(401);
    expect((await t.request({ url: '/api/me', cookie: me.cookie })).status).toBe(200);
    await expect(t.signIn(me.email, STRONG)).resolves.toBeTruthy();
  });

  it('changes my time zone, and refuses an unknown one', async () => {
    const bad = await t.request({ method: 'PATCH', url: '/api/account', cookie: me.cookie, body: { timeZone: 'Mars/Olympus' } });
    expect(bad.status).toBe(400);
    expect((await t.request({ method: 'PATCH', url: '/api/account', cookie: me.cookie, body: { timeZone: 'Asia/Kolkata' } })).status).toBe(204);
    expect((await t.request({ url: '/api/me', cookie: me.cookie })).body.timeZone).toBe('Asia/Kolkata');
  });

  it('is 401 without a sign-in', async () => {
    expect((await t.request({ url: '/api/account/sign-ins' })).status).toBe(401);
    expect((await t.request({ method: 'POST', url: '/api/account/password', body: { currentPassword: 'x', newPassword: STRONG } })).status).toBe(401);
  });
});
