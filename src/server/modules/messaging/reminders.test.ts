import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOutboxWorker } from '../../jobs/outbox-worker';
import { createSmsSender } from './transports/sms';
import { createService, insertSession } from '../../testing/catalog-factories';
import { createOrganization, createUser } from '../../testing/factories';
import { startTestApp, type TestApp } from '../../testing/harness';
import { searchTextOf } from '../participants';
import { cancelReminders, insertReminders, moveReminders } from './reminders-repo';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

/** Sessions with `perSession` email participants each, and one reminder per participant due at `due`. */
async function sessionsWithDueReminders(sessions: number, perSession: number, due: Date) {
  const org = await createOrganization(t.db);
  const host = await createUser(t.db, org.id, { roles: ['provider'] });
  const service = await createService(t.db, org.id);
  const ids: string[] = [];
  for (let s = 0; s < sessions; s++) {
    const start = new Date(Date.UTC(2026, 2, 3, 0, 0) + s * 60 * 60_000);
    const session = await insertSession(t.db, {
      organizationId: org.id,
      serviceId: service.id,
      sessionTypeId: service.sessionTypeIds[0]!,
      hostId: host.id,
      start: start.toISOString(),
      end: new Date(start.getTime() + 30 * 60_000).toISOString(),
    });
    const people = Array.from({ length: perSession }, (_, i) => {
      const p = { name: `Person ${s}-${i}`, email: `p${s}-${i}-${org.id.slice(0, 8)}@example.test`, phone: null };
      return { organization_id: org.id, ...p, time_zone: 'UTC', invitation_type: 'email' as const, search_text: searchTextOf(p) };
    });
    const participants = await t.db.insertInto('participants').values(people).returning('id').execute();
    await t.db
      .insertInto('session_participants')
      .values(participants.map((p) => ({ organization_id: org.id, session_id: session.id, participant_id: p.id, invitation_type: 'email' as const, added_at: due })))
      .execute();
    await insertReminders(
      t.db,
      participants.map((p) => ({ organization_id: org.id, session_id: session.id, participant_id: p.id, offset_minutes: 60, due_at: due })),
    );
    ids.push(session.id);
  }
  return { sessionIds: ids, organizationId: org.id };
}

function countingWorker(delivered: string[]) {
  return createOutboxWorker({
    db: t.db,
    storage: t.storage,
    clock: t.clock,
    // A mailer that keeps each recipient (the log transport no longer logs them).
    mailer: {
      transport: 'log',
      send: async ({ to }) => {
        delivered.push(to);
        return { transport: 'log', providerId: null };
      },
      close: async () => {},
    },
    sms: createSmsSender({ kind: 'log' }),
    publicUrl: new URL('https://clinic.test'),
    organizerEmail: 'no-reply@clinic.test',
    batchSize: 50,
  });
}

describe('reminders', () => {
  it('1,000 due reminders with three workers at once: each sent exactly once', async () => {
    const { sessionIds } = await sessionsWithDueReminders(100, 10, new Date('2026-03-02T14:00:00Z'));
    const delivered: string[] = [];
    const workers = [countingWorker(delivered), countingWorker(delivered), countingWorker(delivered)];
    await Promise.all(workers.map((worker) => worker.runOnce()));

    expect(delivered).toHaveLength(1000);
    expect(new Set(delivered).size).toBe(1000);
    const reminders = await t.db.selectFrom('reminders').select('status').where('session_id', 'in', sessionIds).execute();
    expect(reminders.every((r) => r.status === 'sent')).toBe(true);
    const messages = await t.db.selectFrom('outbox_messages').select(['status', 'attempts', 'kind']).where('session_id', 'in', sessionIds).execute();
    expect(messages).toHaveLength(1000);
    expect(messages.every((m) => m.kind === 'reminder' && m.status === 'sent' && m.attempts === 1)).toBe(true);

    // Nothing more to do on another pass by any of them.
    await Promise.all(workers.map((worker) => worker.runOnce()));
    expect(delivered).toHaveLength(1000);
    // 1,000 rows through three workers: ~10 s on a quiet machine, several times that on a busy one.
  }, 120_000);

  it('does not send a reminder before it is due, nor for a canceled session', async () => {
    const later = await sessionsWithDueReminders(1, 2, new Date('2026-03-02T16:00:00Z')); // due in an hour
    const canceled = await sessionsWithDueReminders(1, 2, new Date('2026-03-02T14:30:00Z'));
    await t.db.updateTable('sessions').set({ status: 'canceled' }).where('id', 'in', canceled.sessionIds).execute();
    const delivered: string[] = [];
    await countingWorker(delivered).runOnce();
    expect(delivered).toEqual([]);
    const rows = await t.db.selectFrom('reminders').select(['session_id', 'status']).where('session_id', 'in', [...later.sessionIds, ...canceled.sessionIds]).execute();
    expect(rows.filter((r) => later.sessionIds.includes(r.session_id)).map((r) => r.status)).toEqual(['pending', 'pending']);
    expect(rows.filter((r) => canceled.sessionIds.includes(r.session_id)).map((r) => r.status)).toEqual(['canceled', 'canceled']);

    t.clock.set('2026-03-02T16:00:00Z');
    try {
      await countingWorker(delivered).runOnce();
      expect(delivered).toHaveLength(2);
    } finally {
      t.clock.set('2026-03-02T15:00:00Z');
    }
  });

  it('follow their session: sent at the rescheduled time and not the old one, skipped when moved into the past, none once canceled', async () => {
    const now = t.clock.now(); // 15:00 UTC
    const due = new Date('2026-03-02T16:00:00Z'); // the sessions' 60-minute reminders, an hour from now
    const [later, earlier, canceled] = [await sessionsWithDueReminders(1, 2, due), await sessionsWithDueReminders(1, 2, due), await sessionsWithDueReminders(1, 2, due)];
    await moveReminders(t.db, later.sessionIds[0]!, new Date('2026-03-02T18:00:00Z'), now); // reminders due 17:00
    await moveReminders(t.db, earlier.sessionIds[0]!, new Date('2026-03-02T15:30:00Z'), now); // due 14:30: past
    await cancelReminders(t.db, canceled.sessionIds[0]!);
    const statusOf = async (sessionIds: string[]) => (await t.db.selectFrom('reminders').select('status').where('session_id', 'in', sessionIds).execute()).map((r) => r.status);
    expect(await statusOf(earlier.sessionIds)).toEqual(['skipped', 'skipped']);
    expect(await statusOf(canceled.sessionIds)).toEqual(['canceled', 'canceled']);

    const delivered: string[] = [];
    try {
      t.clock.set('2026-03-02T16:30:00Z'); // the old time has passed
      await countingWorker(delivered).runOnce();
      expect(delivered).toEqual([]);
      t.clock.set('2026-03-02T17:00:00Z');
      await countingWorker(delivered).runOnce();
      expect(delivered).toHaveLength(2);
      expect(await statusOf(later.sessionIds)).toEqual(['sent', 'sent']);
      // Moved back to the future, the skipped ones are queued again.
      await moveReminders(t.db, earlier.sessionIds[0]!, new Date('2026-03-02T18:30:00Z'), t.clock.now());
      t.clock.set('2026-03-02T17:30:00Z');
      await countingWorker(delivered).runOnce();
      expect(delivered).toHaveLength(4);
      expect(await statusOf(earlier.sessionIds)).toEqual(['sent', 'sent']);
      expect(await statusOf(canceled.sessionIds)).toEqual(['canceled', 'canceled']);
    } finally {
      t.clock.set('2026-03-02T15:00:00Z');
    }
  });
});
