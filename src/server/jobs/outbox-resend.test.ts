import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOutboxWorker } from './outbox-worker';
import { createMailer, createSmsSender, type Mailer, type SmsSender } from '../modules/messaging';
import { createService, setWorkHours } from '../testing/catalog-factories';
import { type SignedIn, startTestApp, type TestApp } from '../testing/harness';
import { type SmsCapture, startSmsCapture } from '../testing/sms-capture';
import { type SmtpCapture, startSmtpCapture } from '../testing/smtp-capture';

// The crash of issue 17 point 9: a worker sends, then dies before recording it. Once its lease
// runs out, another worker (the restarted process) sends the message again.
let t: TestApp;
let smtp: SmtpCapture;
let smsApi: SmsCapture;
let provider: SignedIn;
let mailer: Mailer;
let sms: SmsSender;
const PUBLIC_URL = new URL('https://care.harbor.test');
const LEASE_PASSED = 3 * 60_000;

beforeAll(async () => {
  t = await startTestApp();
  smtp = await startSmtpCapture();
  smsApi = await startSmsCapture();
  provider = await t.staff(['provider']);
  mailer = createMailer({ kind: 'smtp', url: smtp.url, from: 'Harbor Clinic <care@harbor.test>' });
  sms = createSmsSender({ kind: 'http', baseUrl: smsApi.baseUrl, accountSid: 'AC123', authToken: 'secret', from: '+15550001111' });
});
afterAll(async () => {
  await t.close();
  await mailer.close();
  await smtp.close();
  await smsApi.close();
});

const worker = (transports: { mailer: Mailer; sms: SmsSender }, batchSize?: number) =>
  createOutboxWorker({ db: t.db, storage: t.storage, clock: t.clock, ...transports, publicUrl: PUBLIC_URL, organizerEmail: 'care@harbor.test', ...(batchSize ? { batchSize } : {}) });

/** Transports that really send, then hang for good: the process died before it could record anything. */
const dyingAfterSend = () => {
  const sent: string[] = [];
  const die = <T>(sending: Promise<T>) => sending.then(() => new Promise<T>(() => undefined));
  return {
    sent,
    transports: {
      mailer: { ...mailer, send: (message) => (sent.push('email'), die(mailer.send(message))) } satisfies Mailer,
      sms: { ...sms, send: (message) => (sent.push('sms'), die(sms.send(message))) } satisfies SmsSender,
    },
  };
};

const linkIn = (text: string) => /\/join\/([A-Za-z0-9_-]{43})/.exec(text)?.[1];

describe('a message sent, then the sender killed before recording it', () => {
  let sessionId: string;
  let participantId: string;

  beforeAll(async () => {
    await setWorkHours(t.db, provider.organizationId, provider.id, {
      timeZone: 'UTC',
      weekly: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: '00:00', end: '24:00' })),
      overrides: [],
    });
    const service = await createService(t.db, provider.organizationId, { name: 'Follow-up visit', durationMinutes: 30 });
    const start = new Date(t.clock.now().getTime() + 2 * 24 * 60 * 60_000).toISOString();
    const booked = await t.request({
      method: 'POST',
      url: '/api/sessions',
      cookie: provider.cookie,
      body: {
        serviceId: service.id,
        sessionTypeId: service.sessionTypeIds[0],
        start,
        participants: [{ name: 'Rae Resend', email: 'rae@example.test', phone: '+1 212 555 0199', timeZone: 'UTC', invitationType: 'email_sms' }],
      },
    });
    expect(booked.status).toBe(201);
    sessionId = booked.body.id;
    participantId = booked.body.participants[0].id;

    // Two processes each claim one message (the email, the SMS), send it and die.
    const dying = dyingAfterSend();
    void worker(dying.transports, 1).runOnce();
    await waitUntil(() => dying.sent.length === 1);
    void worker(dying.transports, 1).runOnce();
    await smtp.waitFor((mail) => JSON.stringify(mail.to).includes('rae@example.test'));
    await waitUntil(() => smsApi.requests.length === 1);
    expect(dying.sent.sort()).toEqual(['email', 'sms']);

    // Before the lease runs out nobody sends it again; after, the restarted process does.
    expect(await worker({ mailer, sms }).runOnce()).toBe(0);
    t.clock.advance(LEASE_PASSED);
    expect(await worker({ mailer, sms }).runOnce()).toBe(2);
  });

  it('sends the email twice with one Message-ID, derived from the outbox row', async () => {
    const mails = smtp.messages.filter((mail) => JSON.stringify(mail.to).includes('rae@example.test'));
    expect(mails).toHaveLength(2);
    const row = await t.db.selectFrom('outbox_messages').select('id').where('session_id', '=', sessionId).where('channel', '=', 'email').executeTakeFirstOrThrow();
    expect(mails.map((mail) => mail.messageId)).toEqual([`<outbox-${row.id}@care.harbor.test>`, `<outbox-${row.id}@care.harbor.test>`]);
  });

  it('sends the SMS twice with one idempotency key', async () => {
    const row = await t.db.selectFrom('outbox_messages').select('id').where('session_id', '=', sessionId).where('channel', '=', 'sms').executeTakeFirstOrThrow();
    expect(smsApi.requests.map((request) => request.idempotencyKey)).toEqual([`outbox-${row.id}`, `outbox-${row.id}`]);
  });

  it('leaves one live link per message: both copies carry the same one, and it works', async () => {
    const mails = smtp.messages.filter((mail) => JSON.stringify(mail.to).includes('rae@example.test'));
    const emailLinks = mails.map((mail) => linkIn(mail.text!));
    const smsLinks = smsApi.requests.map((request) => linkIn(request.form.Body!));
    expect(emailLinks[0]).toBeDefined();
    expect(emailLinks[1]).toBe(emailLinks[0]);
    expect(smsLinks[0]).toBeDefined();
    expect(smsLinks[1]).toBe(smsLinks[0]);
    // One link per message (email and SMS are two messages), none left over from the first attempt.
    const tokens = await t.db.selectFrom('join_tokens').select('token_hash').where('session_id', '=', sessionId).where('participant_id', '=', participantId).execute();
    expect(tokens).toHaveLength(2);
    const opened = await t.request({ method: 'POST', url: '/api/portal/exchange', body: { token: emailLinks[1] } });
    expect(opened.status).toBe(200);
    expect(opened.body).toEqual({ sessionId });
  });

  it('counts both attempts and says the first was interrupted', async () => {
    const rows = await t.db.selectFrom('outbox_messages').select(['id', 'status', 'attempts', 'attempt_started_at']).where('session_id', '=', sessionId).execute();
    expect(rows.map((row) => [row.status, row.attempts, row.attempt_started_at])).toEqual([
      ['sent', 2, null],
      ['sent', 2, null],
    ]);
    const attempts = await t.db.selectFrom('outbox_attempts').select(['outcome', 'error']).where('message_id', '=', rows[0]!.id).orderBy('id').execute();
    expect(attempts).toEqual([
      { outcome: 'failed', error: expect.stringMatching(/^Interrupted: /) },
      { outcome: 'sent', error: null },
    ]);
  });
});

async function waitUntil(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
