import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOutboxWorker } from '../jobs/outbox-worker';
import { createMailer, createSmsSender } from '../modules/messaging';
import { createService, setWorkHours } from '../testing/catalog-factories';
import { startTestApp, type TestApp } from '../testing/harness';

// Every log line of a whole flow, at info, as production writes them: a new participant, searches
// for them, a booking inviting them by email and SMS (the log transports deliver), their private
// link opened, a database constraint error over their row. Not one line may carry a name, an email
// address, a phone number, a token or a cookie. The clock stands at 2026-03-02T15:00Z.

const NAME = 'Bellatrix Quoddy-Phish';
const EMAIL = 'bellatrix.quoddy@example.test';
const PHONE = '+447700900456';
const GUEST_NAME = 'Ignatius Zephyrine';
const GUEST_EMAIL = 'ignatius.zephyrine@example.test';

const lines: string[] = [];
const capture = new Writable({
  write(chunk: Buffer, _encoding, done) {
    lines.push(...chunk.toString().split('\n').filter(Boolean));
    done();
  },
});

let t: TestApp;
const secrets: string[] = [NAME, 'Bellatrix', 'Quoddy', EMAIL, PHONE, '7700900456', '07700 900456', GUEST_NAME, GUEST_EMAIL];

beforeAll(async () => {
  t = await startTestApp({ logStream: capture });
});
afterAll(() => t.close());

describe('the logs of a whole flow', () => {
  it('carry no name, email, phone number, token or cookie', async () => {
    const provider = await t.staff(['provider']);
    secrets.push(provider.cookie.split('=')[1]!);
    const everyDay = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: '00:00', end: '24:00' }));
    await setWorkHours(t.db, provider.organizationId, provider.id, { timeZone: 'UTC', weekly: everyDay, overrides: [] });
    const service = await createService(t.db, provider.organizationId, { durationMinutes: 30 });

    const created = await t.request({
      method: 'POST',
      url: '/api/participants',
      cookie: provider.cookie,
      body: { name: NAME, email: EMAIL, phone: PHONE, timeZone: 'Europe/London', invitationType: 'email_sms' },
    });
    expect(created.status).toBe(201);
    for (const query of ['Bellatrix', EMAIL, '7700 900456', PHONE]) {
      const found = await t.request({ url: `/api/participants?query=${encodeURIComponent(query)}`, cookie: provider.cookie });
      expect(found.body.map((p: { id: string }) => p.id)).toEqual([created.body.id]);
    }

    const booked = await t.request({
      method: 'POST',
      url: '/api/sessions',
      cookie: provider.cookie,
      body: {
        serviceId: service.id,
        sessionTypeId: service.sessionTypeIds[0],
        start: '2026-03-03T10:00:00Z',
        participants: [{ participantId: created.body.id }, { name: GUEST_NAME, email: GUEST_EMAIL, timeZone: 'UTC', invitationType: 'email' }],
      },
    });
    expect(booked.status).toBe(201);

    // The log transports, wired to the app's logger as main.ts wires them.
    const worker = createOutboxWorker({
      db: t.db,
      storage: t.storage,
      clock: t.clock,
      mailer: createMailer({ kind: 'log', from: 'Clinic <care@clinic.test>' }, (entry) => t.app.log.info(entry, 'email recorded by the log transport')),
      sms: createSmsSender({ kind: 'log' }, (entry) => t.app.log.info(entry, 'SMS recorded by the log transport')),
      publicUrl: new URL('https://care.clinic.test'),
      organizerEmail: 'care@clinic.test',
    });
    expect(await worker.runOnce()).toBeGreaterThan(0);

    const link = await t.request({ method: 'POST', url: `/api/sessions/${booked.body.id}/participants/${created.body.id}/link`, cookie: provider.cookie });
    const token = /\/join\/(.+)$/.exec(link.body.url)![1]!;
    secrets.push(token);
    const exchange = await t.request({ method: 'POST', url: '/api/portal/exchange', body: { token } });
    const portalCookie = String(exchange.headers['set-cookie']).split(';')[0]!;
    secrets.push(portalCookie.split('=')[1]!);
    expect((await t.request({ url: '/api/portal/session', cookie: portalCookie })).status).toBe(200);

    // A database error over the participant's row, logged as the error handler logs a failed request.
    const failure = await t.db
      .insertInto('participants')
      .values({ organization_id: provider.organizationId, name: NAME, email: EMAIL, phone: PHONE, time_zone: 'UTC', invitation_type: 'email', search_text: null as unknown as string })
      .execute()
      .catch((error: unknown) => error);
    expect(failure).toMatchObject({ code: '23502' });
    t.app.log.error({ err: failure }, 'request failed');

    expect(lines.length).toBeGreaterThan(20);
    expect(lines.some((line) => line.includes('"route":"/api/participants"'))).toBe(true);
    const leaks = secrets.flatMap((secret) => lines.filter((line) => line.toLowerCase().includes(secret.toLowerCase())).map((line) => `${secret}: ${line}`));
    expect(leaks).toEqual([]);
  });
});
