import type { AddressObject, ParsedMail } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outboxMessageId } from '../jobs/outbox-delivery';
import { createService, setWorkHours } from '../testing/catalog-factories';
import { createTestClock } from '../testing/clock';
import { createUser } from '../testing/factories';
import { type SignedIn, startTestApp, type TestApp } from '../testing/harness';
import { useFaultWorld } from './fault-world';
import type { ServerProcess } from './server-process';

// Two server processes on one PostgreSQL database, each with its outbox and reminder workers and a
// real SMTP server to send to, as two instances behind a load balancer: the reminders that fall due
// while both run reach each participant exactly once (one copy per Message-ID, the right number
// per recipient), none is lost and none goes out early. PGlite is one process on its own data
// directory (a second one is refused at start), so this runs on PostgreSQL only.
const HOSTS = 4;
const PER_SESSION = 15;
const BOOKED_AT = '2026-03-02T15:00:00.000Z';
/** Two days on: both reminders of the default offsets (24 hours and 1 hour before) are pending when booked. */
const START = '2026-03-04T15:00:00.000Z';
const HOUR_BEFORE = Date.parse(START) - 60 * 60_000;
/**
 * The servers' clocks start this long before the 1-hour reminders fall due. It runs from the moment
 * each process reads its configuration, after its code has loaded; both must be running by then.
 * The 24-hour reminders are already due when they start.
 */
const FALLS_DUE_AFTER_MS = 15_000;
/** Longer than a worker's poll (2 s): a second copy of anything would arrive meanwhile. */
const SETTLE_MS = 3_000;
/** One public address for both, as behind a load balancer (loopback: TEST_CLOCK_START requires it). */
const PUBLIC_URL = 'http://127.0.0.1:3000';
const INSTANCES = ['a', 'b'] as const;

const serverUrl = process.env.TEST_DATABASE_URL;

const recipientOf = (mail: ParsedMail) => (mail.to as AddressObject | undefined)?.value[0]?.address ?? '';
const instanceOf = (mail: ParsedMail) => /instance-(\w)@/.exec(mail.from?.text ?? '')?.[1] ?? '?';

describe.skipIf(!serverUrl)('two instances on one PostgreSQL database sending reminders', () => {
  const world = useFaultWorld();
  let t: TestApp;
  let dispatcher: SignedIn;
  let servers: ServerProcess[] = [];

  beforeAll(async () => {
    // The clinic books through the app in this process (it runs no workers), on the servers' database.
    t = await startTestApp({ sharedDatabaseUrl: world.store.env.DATABASE_URL!, clock: createTestClock(BOOKED_AT) });
    dispatcher = await t.staff(['dispatcher']);
    const service = await createService(t.db, dispatcher.organizationId);
    for (let h = 0; h < HOSTS; h++) {
      const host = await createUser(t.db, dispatcher.organizationId, { roles: ['provider'] });
      await setWorkHours(t.db, dispatcher.organizationId, host.id, {
        timeZone: 'UTC',
        weekly: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: '00:00', end: '24:00' })),
        overrides: [],
      });
      const booked = await t.request({
        method: 'POST',
        url: '/api/sessions',
        cookie: dispatcher.cookie,
        body: {
          hostId: host.id,
          serviceId: service.id,
          sessionTypeId: service.sessionTypeIds[0],
          start: START,
          participants: Array.from({ length: PER_SESSION }, (_, i) => ({
            name: `Reminded ${h}-${i}`,
            email: `reminded-${h}-${i}@example.test`,
            timeZone: 'UTC',
            invitationType: 'email',
          })),
        },
      });
      expect(booked.status, booked.text).toBe(201);
    }
  });
  afterAll(() => t?.close());

  it('delivers every due reminder exactly once while both run', async () => {
    const organizationId = dispatcher.organizationId;
    const reminders = () =>
      t.db
        .selectFrom('reminders')
        .innerJoin('participants', 'participants.id', 'reminders.participant_id')
        .select(['reminders.id', 'reminders.status', 'reminders.due_at', 'reminders.processed_at', 'participants.email'])
        .where('reminders.organization_id', '=', organizationId)
        .execute();
    const booked = await reminders();
    expect(booked.map((r) => r.status)).toEqual(Array(HOSTS * PER_SESSION * 2).fill('pending'));

    const clockStart = new Date(HOUR_BEFORE - FALLS_DUE_AFTER_MS).toISOString();
    servers = await Promise.all(
      // Which instance sent a message shows in its sender.
      INSTANCES.map((name) => world.start({ TEST_CLOCK_START: clockStart, PUBLIC_URL, MAIL_FROM: `Clinic <instance-${name}@clinic.test>` })),
    );
    const bothRunning = Math.max(...servers.map((server) => server.seenAt('Carebeam is running')!));
    const fallsDue = Math.min(...servers.map((server) => server.seenAt('TEST_CLOCK_START is set')! + FALLS_DUE_AFTER_MS));

    // Until every reminder was taken and every message sent (or 30 s), then a little longer for any second copy.
    const unfinished = async () =>
      (await t.db.selectFrom('reminders').select('id').where('organization_id', '=', organizationId).where('status', '<>', 'sent').execute()).length +
      (await t.db.selectFrom('outbox_messages').select('id').where('organization_id', '=', organizationId).where('status', '<>', 'sent').execute()).length;
    const until = fallsDue + 30_000;
    while ((await unfinished()) > 0 && performance.now() < until) await new Promise((resolve) => setTimeout(resolve, 250));
    await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
    for (const server of servers) server.child.kill('SIGTERM');
    const exits = await Promise.all(servers.map((server) => server.exited));

    const messages = await t.db
      .selectFrom('outbox_messages')
      .select(['id', 'recipient', 'status', 'attempts'])
      .where('organization_id', '=', organizationId)
      .where('kind', '=', 'reminder')
      .execute();
    const reminderMessageIds = new Set(messages.map((m) => outboxMessageId(m.id, new URL(PUBLIC_URL))));
    const mails = world.smtp.messages.filter((mail) => reminderMessageIds.has(mail.messageId ?? ''));
    const copies = new Map<string, number>();
    for (const mail of mails) copies.set(mail.messageId!, (copies.get(mail.messageId!) ?? 0) + 1);
    const perRecipient = new Map<string, number>();
    for (const mail of mails) perRecipient.set(recipientOf(mail), (perRecipient.get(recipientOf(mail)) ?? 0) + 1);

    const after = await reminders();
    const due = after.length;
    const lost = [...reminderMessageIds].filter((id) => !copies.has(id)).length + after.filter((r) => r.status !== 'sent').length;
    const duplicateMessageIds = [...copies.values()].filter((n) => n > 1).length;
    const wrongCountRecipients = [...new Set(booked.map((r) => r.email!))].filter((email) => perRecipient.get(email) !== 2).length;
    const early = after.filter((r) => r.due_at.getTime() === HOUR_BEFORE && r.processed_at !== null && r.processed_at.getTime() < HOUR_BEFORE).length;
    const byInstance = Object.fromEntries(INSTANCES.map((name) => [name, world.smtp.messages.filter((mail) => instanceOf(mail) === name).length]));
    console.log(
      `two instances (postgres): ${due} reminders due (${due / 2} at start, ${due / 2} falling due ${Math.round((fallsDue - bothRunning) / 1000)} s after both ran), ` +
        `${messages.length} reminder messages, ${mails.length} reminder emails received, ${lost} lost, ${duplicateMessageIds} Message-IDs received twice, ` +
        `${wrongCountRecipients} recipients with other than 2 reminders, ${early} sent early; ${world.smtp.messages.length} emails in all, ` +
        `sent by instance a ${byInstance.a} and b ${byInstance.b}; exits ${exits.join(', ')}`,
    );
    expect(fallsDue, 'the 1-hour reminders fell due before both instances were running: raise FALLS_DUE_AFTER_MS').toBeGreaterThan(bothRunning);
    expect(messages).toHaveLength(HOSTS * PER_SESSION * 2);
    expect(messages.every((m) => m.status === 'sent' && m.attempts === 1)).toBe(true);
    expect({ lost, duplicateMessageIds, wrongCountRecipients, early, reminderEmails: mails.length }).toEqual({
      lost: 0,
      duplicateMessageIds: 0,
      wrongCountRecipients: 0,
      early: 0,
      reminderEmails: HOSTS * PER_SESSION * 2,
    });
    expect(exits).toEqual([0, 0]);
  }, 90_000);
});
