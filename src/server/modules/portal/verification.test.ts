import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { captureMail } from '../../testing/captured-mail';
import { createService, setWorkHours } from '../../testing/catalog-factories';
import { type SignedIn, startTestApp, type TestApp } from '../../testing/harness';
import { openLive, type RefusedUpgrade } from '../../testing/live-client';

// Who is joining (issue 18, point 7): with the setting on, a link opens nothing until the visit
// confirms a date of birth or a one-time code. The clock stands at 2026-03-02T15:00Z.

let t: TestApp;
let admin: SignedIn;
let host: SignedIn;
let service: Awaited<ReturnType<typeof createService>>;
let mail: ReturnType<typeof captureMail>;
let hour = 0;

beforeAll(async () => {
  t = await startTestApp();
  admin = await t.staff(['admin']);
  host = await t.staff(['provider'], admin.organizationId);
  const everyDay = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: '00:00', end: '24:00' }));
  await setWorkHours(t.db, admin.organizationId, host.id, { timeZone: 'UTC', weekly: everyDay, overrides: [] });
  service = await createService(t.db, admin.organizationId, { durationMinutes: 30 });
  mail = captureMail(t);
});
afterAll(() => t.close());

const setVerification = (value: string, cookie = admin.cookie) =>
  t.request({ method: 'PATCH', url: '/api/organization', cookie, body: { participantVerification: value } });

/** A session with one participant; returns their id and a fresh (unverified) page cookie. */
async function book(participant: Record<string, unknown>) {
  const created = await t.request({
    method: 'POST',
    url: '/api/sessions',
    cookie: host.cookie,
    body: {
      serviceId: service.id,
      sessionTypeId: service.sessionTypeIds[0],
      start: new Date(Date.UTC(2026, 2, 3) + hour++ * 3600_000).toISOString(),
      participants: [{ name: 'Rosa Verified', timeZone: 'Europe/Madrid', invitationType: 'none', ...participant }],
    },
  });
  expect(created.status, created.text).toBe(201);
  const sessionId = created.body.id as string;
  const participantId = created.body.participants[0].id as string;
  const browser = () => t.participantCookie(sessionId, participantId, host.cookie);
  return { sessionId, participantId, cookie: await browser(), browser };
}

const verify = (cookie: string, body: unknown) => t.request({ method: 'POST', url: '/api/portal/verification', cookie, body });
const sendCode = (cookie: string) => t.request({ method: 'POST', url: '/api/portal/verification/code', cookie });
/** The code in the one-time-code email among those just delivered to `to`. */
async function deliveredCode(to: string) {
  const message = (await mail.deliver(to)).find((m) => m.subject.startsWith('Your code'));
  const code = /^(\d{6})$/m.exec(message!.text)![1]!;
  // Subjects show on lock screens: the code is in the body only.
  expect(message!.subject).not.toContain(code);
  return code;
}
const unique = () => `${Math.random().toString(36).slice(2)}@example.test`;
const auditOf = (participantId: string) =>
  t.db
    .selectFrom('audit_events')
    .select(['action', 'outcome', 'actor_kind', 'actor_participant_id', 'participant_ids', 'session_id', 'data'])
    .where('entity_id', '=', participantId)
    .where('action', 'like', 'participant.verification%')
    .orderBy('id')
    .execute();

/** Every participant-side read, and whether it answered as a visitor who may not see the page yet. */
const PORTAL_READS = ['/api/portal/session', '/api/portal/documents', '/api/portal/calendar.ics', '/api/portal/messages', '/api/portal/messages/unread', '/api/portal/video/ice'];

async function expectNothingReadable(cookie: string) {
  for (const url of PORTAL_READS) {
    const response = await t.request({ url, cookie });
    expect(response.status, url).toBe(403);
    expect(response.headers['content-type'], url).toMatch(/application\/problem\+json/);
    expect(response.body.code, url).toBe('verification_required');
  }
  const sent = await t.request({ method: 'POST', url: '/api/portal/messages', cookie, body: { clientMessageId: crypto.randomUUID(), body: 'hello' } });
  expect(sent.body.code).toBe('verification_required');
}

describe('the setting', () => {
  it('is none by default, set by administrators only, validated and audited', async () => {
    expect((await t.request({ url: '/api/organization', cookie: host.cookie })).body.participantVerification).toBe('none');
    expect((await setVerification('date_of_birth', host.cookie)).status).toBe(403);
    const bad = await setVerification('fingerprint');
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].path).toBe('participantVerification');
    expect((await t.request({ url: '/api/organization', cookie: host.cookie })).body.participantVerification).toBe('none');

    const set = await setVerification('one_time_code');
    expect(set.status).toBe(200);
    expect(set.body.participantVerification).toBe('one_time_code');
    const audit = await t.db.selectFrom('audit_events').select('data').where('action', '=', 'organization.updated').where('organization_id', '=', admin.organizationId).orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(audit.data).toMatchObject({ participantVerification: 'one_time_code' });
    await setVerification('none');
  });

  it('with none, the link opens the page and asks nothing', async () => {
    const { cookie } = await book({});
    expect((await t.request({ url: '/api/portal/session', cookie })).status).toBe(200);
    expect((await t.request({ url: '/api/portal/verification', cookie })).body).toMatchObject({ required: false, method: null });
    expect((await verify(cookie, { dateOfBirth: '1980-01-01' })).status).toBe(409);
  });
});

describe('date of birth on participants', () => {
  it('is recorded, read back, cleared, and refused when not a real past date after 1900', async () => {
    const created = await t.request({ method: 'POST', url: '/api/participants', cookie: host.cookie, body: { name: 'Dora Dated', timeZone: 'UTC', invitationType: 'none', dateOfBirth: '1980-04-12' } });
    expect(created.status, created.text).toBe(201);
    expect(created.body.dateOfBirth).toBe('1980-04-12');
    for (const wrong of ['1980-02-30', '1899-12-31', '2999-01-01', '12/04/1980']) {
      const refused = await t.request({ method: 'POST', url: '/api/participants', cookie: host.cookie, body: { name: `Wrong ${wrong}`, timeZone: 'UTC', invitationType: 'none', dateOfBirth: wrong } });
      expect(refused.status, wrong).toBe(400);
      expect(refused.body.errors.map((e: { path: string }) => e.path), wrong).toEqual(['dateOfBirth']);
      const written = await t.db.selectFrom('participants').select('id').where('name', '=', `Wrong ${wrong}`).executeTakeFirst();
      expect(written, wrong).toBeUndefined();
    }
    const patched = await t.request({ method: 'PATCH', url: `/api/participants/${created.body.id}`, cookie: admin.cookie, body: { dateOfBirth: '1979-12-31' } });
    expect(patched.body.dateOfBirth).toBe('1979-12-31');
    const cleared = await t.request({ method: 'PATCH', url: `/api/participants/${created.body.id}`, cookie: admin.cookie, body: { dateOfBirth: null } });
    expect(cleared.body.dateOfBirth).toBeNull();
  });
});

describe('with date-of-birth verification', () => {
  beforeAll(async () => void (await setVerification('date_of_birth')));
  afterAll(async () => void (await setVerification('none')));

  it('opens nothing until the right date, then everything, for that browser only', async () => {
    const { cookie, participantId, sessionId, browser } = await book({ dateOfBirth: '1984-07-09' });
    await expectNothingReadable(cookie);
    const origin = await t.listen();
    const socket = (await openLive(`${origin.ws}/api/portal/live`, { cookie, origin: 'http://localhost:3000' })) as RefusedUpgrade;
    expect(socket.status).toBe(403);
    expect(socket.body).toContain('verification_required');

    const step = await t.request({ url: '/api/portal/verification', cookie });
    expect(step.status).toBe(200);
    expect(step.body).toEqual({ organization: { name: expect.any(String) }, required: true, method: 'date_of_birth', codeDestination: null });
    expect(step.text).not.toMatch(/Rosa|1984/);

    const wrong = await verify(cookie, { dateOfBirth: '1984-09-07' });
    expect(wrong.status).toBe(422);
    expect(wrong.body).toMatchObject({ code: 'verification_failed', attemptsLeft: 4, errors: [{ path: 'dateOfBirth' }] });
    await expectNothingReadable(cookie);
    expect((await verify(cookie, { dateOfBirth: 'July 9' })).status).toBe(400);

    expect((await verify(cookie, { dateOfBirth: '1984-07-09' })).status).toBe(204);
    for (const url of PORTAL_READS.filter((u) => !u.includes('video'))) expect((await t.request({ url, cookie })).status, url).toBe(200);
    expect((await t.request({ url: '/api/portal/verification', cookie })).body).toMatchObject({ required: false, method: null });

    // The same link forwarded and opened in another browser starts from the step again.
    const other = await browser();
    await expectNothingReadable(other);

    const audit = await auditOf(participantId);
    expect(audit.map((a) => `${a.action} ${a.outcome}`)).toEqual(['participant.verification failed', 'participant.verification success']);
    for (const event of audit) {
      expect(event).toMatchObject({ actor_kind: 'participant', actor_participant_id: participantId, participant_ids: [participantId], session_id: sessionId });
      expect(JSON.stringify(event.data)).not.toContain('1984');
    }
  });

  it('refuses the sixth wrong answer in 15 minutes with 429 and Retry-After, even the right one, then lets it in', async () => {
    const { cookie, participantId } = await book({ dateOfBirth: '1990-01-31' });
    for (let i = 4; i >= 0; i--) {
      const wrong = await verify(cookie, { dateOfBirth: '1990-01-30' });
      expect(wrong.status).toBe(422);
      expect(wrong.body.attemptsLeft).toBe(i);
      t.clock.advance(60_000);
    }
    const limited = await verify(cookie, { dateOfBirth: '1990-01-31' });
    expect(limited.status).toBe(429);
    expect(limited.body.code).toBe('too_many_attempts');
    const retryAfter = Number(limited.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60 - 5 * 60 + 1);
    await expectNothingReadable(cookie);
    // Another browser with the same link shares the limit: it is per participant's link, not per cookie.
    expect((await verify(await t.participantCookie((await t.db.selectFrom('portal_sign_ins').select('session_id').where('participant_id', '=', participantId).executeTakeFirstOrThrow()).session_id, participantId, host.cookie), { dateOfBirth: '1990-01-31' })).status).toBe(429);

    t.clock.advance(retryAfter * 1000);
    expect((await verify(cookie, { dateOfBirth: '1990-01-31' })).status).toBe(204);
    const outcomes = (await auditOf(participantId)).map((a) => a.outcome);
    expect(outcomes.filter((o) => o === 'failed')).toHaveLength(5);
    expect(outcomes.filter((o) => o === 'denied')).toHaveLength(2);
    expect(outcomes.at(-1)).toBe('success');
  });

  it('falls back to a one-time code for a participant with no date recorded', async () => {
    const email = unique();
    const { cookie, participantId } = await book({ email, invitationType: 'email' });
    const step = await t.request({ url: '/api/portal/verification', cookie });
    expect(step.body).toMatchObject({ required: true, method: 'one_time_code', codeDestination: `by email to ${email[0]}•••@example.test` });
    expect((await verify(cookie, { dateOfBirth: '1980-01-01' })).status).toBe(422);

    const sent = await sendCode(cookie);
    expect(sent.status, sent.text).toBe(202);
    const code = await deliveredCode(email);
    expect((await verify(cookie, { code })).status).toBe(204);
    expect((await t.request({ url: '/api/portal/session', cookie })).status).toBe(200);
    expect((await auditOf(participantId)).map((a) => `${a.action} ${a.outcome}`)).toEqual([
      'participant.verification failed',
      'participant.verification_code_sent success',
      'participant.verification success',
    ]);
  });
});

describe('with one-time codes', () => {
  beforeAll(async () => void (await setVerification('one_time_code')));
  afterAll(async () => void (await setVerification('none')));

  it('sends six digits that are stored in no row, work once, and not after ten minutes', async () => {
    const email = unique();
    const { cookie, browser } = await book({ email, invitationType: 'email', dateOfBirth: '1975-05-05' });
    const sent = await sendCode(cookie);
    expect(sent.status).toBe(202);
    expect(sent.body.sentTo).toBe(`by email to ${email[0]}•••@example.test`);
    const code = await deliveredCode(email);

    const stored = await t.db.selectFrom('outbox_messages').select(['body_text', 'body_html']).where('recipient', '=', email).where('kind', '=', 'verification_code').executeTakeFirstOrThrow();
    expect(`${stored.body_text}${stored.body_html}`).not.toContain(code);
    const codes = await t.db.selectFrom('participant_verification_codes').select('code_hash').execute();
    expect(codes.map((c) => c.code_hash).join()).not.toContain(code);
    const outbox = await t.request({ url: `/api/outbox?limit=100`, cookie: admin.cookie });
    expect(outbox.text).not.toContain(code);

    const wrongCode = String((Number(code) + 1) % 1_000_000).padStart(6, '0');
    expect((await verify(cookie, { code: wrongCode })).body.code).toBe('verification_failed');
    expect((await verify(cookie, { code: '12a456' })).status).toBe(400);
    expect((await verify(cookie, { code })).status).toBe(204);
    // Used once: the same code does not open the page in another browser.
    const other = await browser();
    const reused = await verify(other, { code });
    expect(reused.status).toBe(422);
    expect(reused.body.errors[0].path).toBe('code');

    // A new code (a minute later), typed eleven minutes after that, has expired.
    t.clock.advance(61_000);
    expect((await sendCode(other)).status).toBe(202);
    const lateCode = await deliveredCode(email);
    t.clock.advance(11 * 60_000);
    expect((await verify(other, { code: lateCode })).status).toBe(422);
    await expectNothingReadable(other);
  });

  it('limits new codes to one a minute and five an hour', async () => {
    const { cookie } = await book({ phone: '+34612345678', invitationType: 'sms' });
    const first = await sendCode(cookie);
    expect(first.body.sentTo).toBe('by SMS to +3 ••• 5678');
    const again = await sendCode(cookie);
    expect(again.status).toBe(429);
    expect(again.body.code).toBe('code_sent_recently');
    expect(Number(again.headers['retry-after'])).toBe(60);
    for (let i = 0; i < 4; i++) {
      t.clock.advance(61_000);
      expect((await sendCode(cookie)).status).toBe(202);
    }
    t.clock.advance(61_000);
    const sixth = await sendCode(cookie);
    expect(sixth.status).toBe(429);
    expect(sixth.body.code).toBe('too_many_codes');
    expect(Number(sixth.headers['retry-after'])).toBeGreaterThan(60);
  });

  it('has nowhere to send a code for a participant with no email or phone', async () => {
    const { cookie } = await book({});
    expect((await t.request({ url: '/api/portal/verification', cookie })).body).toMatchObject({ method: 'one_time_code', codeDestination: null });
    const refused = await sendCode(cookie);
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('no_contact');
  });

  it('needs the portal cookie', async () => {
    expect((await t.request({ url: '/api/portal/verification' })).status).toBe(401);
    expect((await verify('carebeam_participant=nope', { code: '123456' })).status).toBe(401);
  });
});
