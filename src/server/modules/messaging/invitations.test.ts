import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOutboxWorker } from '../../jobs/outbox-worker';
import { createMailer } from './transports/email';
import { createSmsSender } from './transports/sms';
import type { Mailer } from './transports/types';
import { createDocumentTemplate, createService, setWorkHours } from '../../testing/catalog-factories';
import { type SignedIn, startTestApp, type TestApp } from '../../testing/harness';
import { type SmsCapture, startSmsCapture } from '../../testing/sms-capture';
import { type SmtpCapture, startSmtpCapture } from '../../testing/smtp-capture';

// The clock stands at Monday 2026-03-02 15:00Z (10:00 in New York).
// Wednesday 2026-03-04 10:00 EST = 15:00Z = 16:00 in Madrid (CET) = 00:00 Thursday in Tokyo.
let t: TestApp;
let smtp: SmtpCapture;
let smsApi: SmsCapture;
let provider: SignedIn;
let service: Awaited<ReturnType<typeof createService>>;
let worker: ReturnType<typeof createOutboxWorker>;
let mailer: Mailer;
const START = '2026-03-04T15:00:00.000Z';

beforeAll(async () => {
  t = await startTestApp();
  smtp = await startSmtpCapture();
  smsApi = await startSmsCapture();
  provider = await t.staff(['provider']);
  await setWorkHours(t.db, provider.organizationId, provider.id, {
    timeZone: 'America/New_York',
    weekly: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, start: '09:00', end: '17:00' })),
    overrides: [],
  });
  service = await createService(t.db, provider.organizationId, { name: 'Follow-up visit', durationMinutes: 30 });
  mailer = createMailer({ kind: 'smtp', url: smtp.url, from: 'Harbor Clinic <care@harbor.test>' });
  worker = createOutboxWorker({
    db: t.db,
    storage: t.storage,
    clock: t.clock,
    mailer,
    sms: createSmsSender({ kind: 'http', baseUrl: smsApi.baseUrl, accountSid: 'AC123', authToken: 'secret', from: '+15550001111' }),
    publicUrl: new URL('https://care.harbor.test'),
    organizerEmail: 'care@harbor.test',
  });
});
afterAll(async () => {
  await t.close();
  await mailer.close(); // the pool's open connection would hold the SMTP server's close
  await smtp.close();
  await smsApi.close();
});

const book = (participants: unknown[], start = START, more: Record<string, unknown> = {}) =>
  t.request({
    method: 'POST',
    url: '/api/sessions',
    cookie: provider.cookie,
    body: { serviceId: service.id, sessionTypeId: service.sessionTypeIds[0], start, participants, ...more },
  });

const linkIn = (text: string) => /\/join\/([A-Za-z0-9_-]{43})/.exec(text)?.[1];

describe('invitations', () => {
  let sessionId: string;
  beforeAll(async () => {
    const created = await book([
      { name: 'Ana Madrid', email: 'ana@example.test', timeZone: 'Europe/Madrid', invitationType: 'email' },
      { name: 'Kenji Tokyo', phone: '+81 3 1234 5678', timeZone: 'Asia/Tokyo', invitationType: 'sms' },
      { name: 'Lou Both', email: 'lou@example.test', phone: '+1 212 555 0100', timeZone: 'America/New_York', invitationType: 'email_sms' },
      { name: 'Nia Linkonly', timeZone: 'UTC', invitationType: 'none' },
    ]);
    expect(created.status).toBe(201);
    sessionId = created.body.id;
  });

  it('queues one message per channel each participant asked for, in the same transaction as the session', async () => {
    const rows = await t.db.selectFrom('outbox_messages').select(['channel', 'recipient', 'kind', 'status', 'body_text']).where('session_id', '=', sessionId).execute();
    expect(rows.map((r) => [r.channel, r.recipient]).sort()).toEqual(
      [
        ['email', 'ana@example.test'],
        ['email', 'lou@example.test'],
        ['sms', '+12125550100'],
        ['sms', '+81312345678'],
      ].sort(),
    );
    expect(rows.every((r) => r.kind === 'invitation' && r.status === 'queued')).toBe(true);
    // No usable link is stored: the worker mints it when it sends.
    expect(rows.some((r) => /\/join\/[A-Za-z0-9_-]{20,}/.test(r.body_text))).toBe(false);
  });

  it('delivers a correct email: the participant’s time and zone, a working private link, and an invite.ics', async () => {
    await worker.runOnce();
    const mail = await smtp.waitFor((m) => m.to !== undefined && JSON.stringify(m.to).includes('ana@example.test'));
    expect(mail.from?.value).toEqual([{ name: 'Harbor Clinic', address: 'care@harbor.test' }]);
    const clinic = await t.db.selectFrom('organizations').select('name').where('id', '=', provider.organizationId).executeTakeFirstOrThrow();
    expect(mail.subject).toBe(`Your session with ${clinic.name}: Wed, Mar 4, 2026 · 4:00 PM – 4:30 PM Madrid (GMT+1)`);
    expect(mail.text).toContain('When: Wed, Mar 4, 2026 · 4:00 PM – 4:30 PM Madrid (GMT+1)');
    expect(mail.html).toContain('Open your session page');

    const ics = mail.attachments.find((a) => a.filename === 'invite.ics')!;
    expect(ics.contentType).toBe('text/calendar');
    const calendar = new ICAL.Component(ICAL.parse(ics.content.toString()));
    expect(calendar.getFirstPropertyValue('method')).toBe('REQUEST');
    const event = new ICAL.Event(calendar.getFirstSubcomponent('vevent')!);
    expect(event.startDate.toJSDate().toISOString()).toBe(START);
    expect(event.uid).toBe(`session-${sessionId}@carebeam`);
    expect(event.sequence).toBe(0);

    expect(mail.text).toMatch(/https:\/\/care\.harbor\.test\/join\/[A-Za-z0-9_-]{43}/);
    const token = linkIn(mail.text!)!;
    expect(linkIn(mail.html as string)).toBe(token);
    const exchange = await t.request({ method: 'POST', url: '/api/portal/exchange', body: { token } });
    expect(exchange.status).toBe(200);
    expect(exchange.body).toEqual({ sessionId });
    const cookie = String(exchange.headers['set-cookie']).split(';')[0]!;
    expect(cookie).toMatch(/^carebeam_participant=/);
    const page = await t.request({ url: '/api/portal/session', cookie });
    expect(page.status).toBe(200);
    expect(page.body).toEqual({
      session: {
        id: sessionId,
        start: START,
        end: '2026-03-04T15:30:00.000Z',
        status: 'scheduled',
        service: { name: 'Follow-up visit', durationMinutes: 30 },
        sessionType: { name: expect.any(String), modality: 'video' },
        host: { name: provider.name, timeZone: 'America/New_York' },
        organization: { name: expect.any(String), logo: null },
        startedAt: null,
        endedAt: null,
        // Joining opens 15 minutes before the start and closes if nobody ends it an hour after its end.
        joinWindow: { opensAt: '2026-03-04T14:45:00.000Z', closesAt: '2026-03-04T16:30:00.000Z' },
      },
      participant: { id: expect.any(String), name: 'Ana Madrid', timeZone: 'Europe/Madrid' },
    });
    expect(JSON.stringify(page.body)).not.toContain('lou@example.test');
  });

  it('delivers SMS through the Messages API with the time in the recipient’s zone and a link', async () => {
    const kenji = smsApi.requests.find((r) => r.form.To === '+81312345678')!;
    expect(kenji.path).toBe('/2010-04-01/Accounts/AC123/Messages.json');
    expect(kenji.authorization).toBe(`Basic ${Buffer.from('AC123:secret').toString('base64')}`);
    expect(kenji.form.From).toBe('+15550001111');
    expect(kenji.form.Body).toContain('Thu, Mar 5, 2026 · 12:00 AM – 12:30 AM');
    expect(linkIn(kenji.form.Body!)).toBeDefined();
    expect(smsApi.requests.filter((r) => r.form.To === '+12125550100')).toHaveLength(1);
  });

  it('records every delivery: status, transport, attempts, and the session’s history', async () => {
    const rows = await t.db.selectFrom('outbox_messages').select(['id', 'status', 'transport', 'attempts', 'sent_at']).where('session_id', '=', sessionId).execute();
    expect(rows.map((r) => [r.status, r.attempts])).toEqual(rows.map(() => ['sent', 1]));
    expect(new Set(rows.map((r) => r.transport))).toEqual(new Set(['smtp', 'http']));
    const attempts = await t.db.selectFrom('outbox_attempts').select(['outcome']).where('message_id', 'in', rows.map((r) => r.id)).execute();
    expect(attempts).toHaveLength(4);
    const history = await t.request({ url: `/api/sessions/${sessionId}`, cookie: provider.cookie });
    expect(history.status).toBe(200);
    const events = await t.db.selectFrom('session_history').select(['type', 'summary']).where('session_id', '=', sessionId).orderBy('id').execute();
    // The email test above opened Ana's link.
    expect(events.map((e) => e.type)).toEqual(['created', 'invitation_sent', 'invitation_sent', 'invitation_sent', 'invitation_sent', 'link_opened']);
    expect(events.map((e) => e.summary)).toContain('Invitation emailed to Ana Madrid');
    expect(events.map((e) => e.summary)).toContain('Invitation texted to Kenji Tokyo');
  });

  it('sends nothing again: a second pass finds nothing due', async () => {
    const before = smtp.messages.length + smsApi.requests.length;
    expect(await worker.runOnce()).toBe(0);
    expect(smtp.messages.length + smsApi.requests.length).toBe(before);
  });

  it('gives a link-only participant a link to copy, which works', async () => {
    const nia = (await t.request({ url: `/api/sessions/${sessionId}`, cookie: provider.cookie })).body.participants.find((p: { name: string }) => p.name === 'Nia Linkonly');
    const link = await t.request({ method: 'POST', url: `/api/sessions/${sessionId}/participants/${nia.id}/link`, cookie: provider.cookie });
    expect(link.status).toBe(200);
    expect(link.body.url).toMatch(/^http:\/\/localhost:3000\/join\/[A-Za-z0-9_-]{43}$/);
    expect(link.body.expiresAt).toBe('2026-03-05T15:30:00.000Z'); // a day after the session ends
    const exchange = await t.request({ method: 'POST', url: '/api/portal/exchange', body: { token: linkIn(link.body.url) } });
    expect(exchange.status).toBe(200);
  });

  it('schedules the organization’s reminders per participant, skipping those already past', async () => {
    const rows = await t.db.selectFrom('reminders').select(['offset_minutes', 'due_at', 'status']).where('session_id', '=', sessionId).execute();
    expect(rows).toHaveLength(8); // 4 participants × (24 h, 1 h)
    expect(new Set(rows.map((r) => r.status))).toEqual(new Set(['pending']));
    // Booked 2 hours ahead: the 24-hour reminder is skipped, the 1-hour one waits.
    const soon = await book([{ name: 'Soon Sam', email: 'sam@example.test', timeZone: 'UTC', invitationType: 'email' }], '2026-03-02T17:00:00.000Z');
    const soonRows = await t.db.selectFrom('reminders').select(['offset_minutes', 'status']).where('session_id', '=', soon.body.id).orderBy('offset_minutes').execute();
    expect(soonRows).toEqual([
      { offset_minutes: 60, status: 'pending' },
      { offset_minutes: 1440, status: 'skipped' },
    ]);
  });
});

describe('join links refuse what they must', () => {
  let token: string;
  let sessionId: string;
  beforeAll(async () => {
    const created = await book([{ name: 'Tess Token', email: 'tess@example.test', timeZone: 'UTC', invitationType: 'email' }], '2026-03-05T15:00:00.000Z');
    sessionId = created.body.id;
    await worker.runOnce();
    token = linkIn((await smtp.waitFor((m) => JSON.stringify(m.to).includes('tess@example.test'))).text!)!;
  });

  it('refuses a tampered token, a made-up one, and a malformed body', async () => {
    const tampered = `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`;
    for (const bad of [tampered, 'x'.repeat(43)]) {
      const response = await t.request({ method: 'POST', url: '/api/portal/exchange', body: { token: bad } });
      expect(response.status).toBe(404);
      expect(response.body.code).toBe('not_found');
      expect(response.headers['set-cookie']).toBeUndefined();
    }
    expect((await t.request({ method: 'POST', url: '/api/portal/exchange', body: {} })).status).toBe(400);
  });

  it('keeps a participant to their own session and out of the staff API', async () => {
    const exchange = await t.request({ method: 'POST', url: '/api/portal/exchange', body: { token } });
    const cookie = String(exchange.headers['set-cookie']).split(';')[0]!;
    expect((await t.request({ url: '/api/portal/session', cookie })).body.session.id).toBe(sessionId);
    expect((await t.request({ url: '/api/me', cookie })).status).toBe(401);
    expect((await t.request({ url: `/api/sessions/${sessionId}`, cookie })).status).toBe(401);
    expect((await t.request({ url: '/api/portal/session', cookie: provider.cookie })).status).toBe(401);
    expect((await t.request({ url: '/api/portal/session' })).status).toBe(401);
  });

  it('refuses the link after the session has ended and its grace day has passed', async () => {
    try {
      t.clock.set('2026-03-06T15:29:00Z'); // 23 h 59 min after the end: still good
      expect((await t.request({ method: 'POST', url: '/api/portal/exchange', body: { token } })).status).toBe(200);
      t.clock.set('2026-03-06T15:31:00Z');
      expect((await t.request({ method: 'POST', url: '/api/portal/exchange', body: { token } })).status).toBe(404);
    } finally {
      t.clock.set('2026-03-02T15:00:00Z');
    }
  });

  it('refuses the link of a canceled session', async () => {
    await t.db.updateTable('sessions').set({ status: 'canceled' }).where('id', '=', sessionId).execute();
    expect((await t.request({ method: 'POST', url: '/api/portal/exchange', body: { token } })).status).toBe(404);
  });
});

describe('documents to complete', () => {
  it('asks for the pending documents in the invitation, and a reminder leaves out the completed ones', async () => {
    const consent = await createDocumentTemplate(t.db, provider.organizationId, { name: 'Consent to telehealth' });
    const intake = await createDocumentTemplate(t.db, provider.organizationId, { name: 'Intake questionnaire' });
    const checklist = await createDocumentTemplate(t.db, provider.organizationId, { name: 'Provider checklist', audience: 'host' });
    const created = await book(
      [{ name: 'Dora Docs', email: 'dora@example.test', phone: '+1 212 555 0199', timeZone: 'UTC', invitationType: 'email_sms' }],
      '2026-03-05T15:00:00.000Z',
      { documentTemplateIds: [consent.id, intake.id, checklist.id] },
    );
    expect(created.status).toBe(201);
    await worker.runOnce();
    const invitation = await smtp.waitFor((m) => m.subject?.startsWith('Your ') === true && JSON.stringify(m.to).includes('dora@'));
    // Only the participant's own documents, never the host's checklist.
    expect(invitation.text).toContain('Before your session, please complete on your session page: Consent to telehealth, Intake questionnaire.');
    expect(invitation.html).toContain('please complete on your session page: Consent to telehealth, Intake questionnaire.');
    expect(smsApi.requests.find((r) => r.form.To === '+12125550199')!.form.Body).toMatch(/Please complete 2 forms on your session page before it\. Your session page: https:\/\/care\.harbor\.test\/join\//);

    // The participant completes one; a reminder written afterwards asks only for the other.
    const token = linkIn(invitation.text!)!;
    const cookie = String((await t.request({ method: 'POST', url: '/api/portal/exchange', body: { token } })).headers['set-cookie']).split(';')[0]!;
    const mine = (await t.request({ url: '/api/portal/documents', cookie })).body as { id: string; name: string }[];
    const consentDoc = mine.find((d) => d.name === 'Consent to telehealth')!;
    expect((await t.request({ method: 'POST', url: `/api/portal/documents/${consentDoc.id}`, cookie, body: { answers: { agree: true } } })).status).toBe(200);
    expect((await t.request({ method: 'POST', url: `/api/sessions/${created.body.id}/reminders`, cookie: provider.cookie })).status).toBe(202);
    await worker.runOnce();
    const reminder = await smtp.waitFor((m) => m.subject?.startsWith('Reminder:') === true && JSON.stringify(m.to).includes('dora@'));
    expect(reminder.text).toContain('Before your session, please complete on your session page: Intake questionnaire.');
    expect(reminder.text).not.toContain('Consent to telehealth');
  });
});

describe('send reminder and the outbox', () => {
  it('queues a reminder per participant now (202), only for those who may act on the session', async () => {
    const created = await book([{ name: 'Rita Remind', email: 'rita@example.test', timeZone: 'UTC', invitationType: 'email' }], '2026-03-06T15:00:00.000Z');
    const response = await t.request({ method: 'POST', url: `/api/sessions/${created.body.id}/reminders`, cookie: provider.cookie });
    expect(response.status).toBe(202);
    expect(response.body).toEqual({ queued: 1 });
    const other = await t.staff(['provider'], provider.organizationId);
    expect((await t.request({ method: 'POST', url: `/api/sessions/${created.body.id}/reminders`, cookie: other.cookie })).status).toBe(404);
    await worker.runOnce();
    const mail = await smtp.waitFor((m) => m.subject?.startsWith('Reminder:') === true && JSON.stringify(m.to).includes('rita@'));
    expect(mail.text).toContain('This is a reminder');
  });

  it('lists messages for administrators with the private links redacted; 403 for others', async () => {
    const admin = await t.staff(['admin'], provider.organizationId);
    const response = await t.request({ url: '/api/outbox?channel=email&limit=500', cookie: admin.cookie });
    expect(response.status).toBe(200);
    const first = response.body.find((m: { to: string }) => m.to === 'ana@example.test');
    expect(first).toMatchObject({
      channel: 'email',
      status: 'sent',
      transport: 'smtp',
      attempts: 1,
      attachments: [{ filename: 'invite.ics', contentType: 'text/calendar; charset=utf-8; method=REQUEST' }],
    });
    expect(first.body).toContain('/join/•••••• (private link, not stored)');
    expect(JSON.stringify(response.body)).not.toMatch(/\/join\/[A-Za-z0-9_-]{43}/);
    expect((await t.request({ url: '/api/outbox', cookie: provider.cookie })).status).toBe(403);
  });
});
