import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queueCompletedSessions } from './ehr-auto-send';
import { createOutboxWorker } from './outbox-worker';
import { createSmsSender, type Mailer } from '../modules/messaging';
import { createOrganizationOperator } from '../modules/organization';
import { ehrWorld } from '../testing/ehr-world';
import { startTestApp, type TestApp } from '../testing/harness';
import { sessionWorld } from '../testing/session-world';

// Issue 19: an organization the operator deactivated sends nothing more: its queued messages,
// its reminders and its EHR sends stop, and another organization's work goes on.
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const DEACTIVATED = 'Not sent: the organization was deactivated';

function recordingWorker(sent: string[]) {
  const mailer: Mailer = {
    transport: 'log',
    send: async ({ to }) => {
      sent.push(to);
      return { transport: 'log', providerId: null };
    },
    close: async () => {},
  };
  return createOutboxWorker({ db: t.db, storage: t.storage, clock: t.clock, mailer, sms: createSmsSender({ kind: 'log' }), publicUrl: new URL('https://clinic.test'), organizerEmail: 'no-reply@clinic.test' });
}

const deactivate = (organizationId: string) => createOrganizationOperator({ db: t.db, clock: t.clock }).deactivate(organizationId);

describe("a deactivated organization's queued work", () => {
  it('sends none of its queued messages and marks them failed with the reason; another organization’s still go', async () => {
    const gone = await sessionWorld(t);
    const live = await sessionWorld(t);
    const goneSession = await gone.book();
    const liveSession = await live.book();
    await deactivate(gone.host.organizationId);

    const sent: string[] = [];
    await recordingWorker(sent).runOnce();

    const messages = await t.db.selectFrom('outbox_messages').select(['session_id', 'recipient', 'status', 'last_error']).where('session_id', 'in', [goneSession.id, liveSession.id]).execute();
    const ofGone = messages.filter((m) => m.session_id === goneSession.id);
    const ofLive = messages.filter((m) => m.session_id === liveSession.id);
    expect(ofGone.length).toBeGreaterThan(0);
    expect(ofGone.every((m) => m.status === 'failed' && m.last_error === DEACTIVATED)).toBe(true);
    expect(sent.some((to) => ofGone.some((m) => m.recipient === to))).toBe(false);
    expect(ofLive.length).toBeGreaterThan(0);
    expect(ofLive.every((m) => m.status === 'sent')).toBe(true);
  });

  it('sends no reminders: they are canceled and no message is written', async () => {
    const gone = await sessionWorld(t);
    const session = await gone.book();
    const due = t.clock.now();
    // Every reminder of the session pending and due now (in the queue, where the worker looks).
    const reminders = await t.db.updateTable('reminders').set({ due_at: due, status: 'pending' }).where('session_id', '=', session.id).returning('id').execute();
    await t.db
      .insertInto('reminder_queue')
      .values(reminders.map((r) => ({ reminder_id: r.id, due_at: due })))
      .onConflict((oc) => oc.column('reminder_id').doUpdateSet({ due_at: due }))
      .execute();
    expect(reminders.length).toBeGreaterThan(0);
    await deactivate(gone.host.organizationId);

    await recordingWorker([]).runOnce();

    const after = await t.db.selectFrom('reminders').select('status').where('session_id', '=', session.id).execute();
    expect(after.map((r) => r.status)).toEqual(reminders.map(() => 'canceled'));
    const written = await t.db.selectFrom('outbox_messages').select('id').where('session_id', '=', session.id).where('kind', '=', 'reminder').execute();
    expect(written).toEqual([]);
  });
});

describe("a deactivated organization's EHR sends", () => {
  let w: Awaited<ReturnType<typeof ehrWorld>>;
  beforeAll(async () => {
    w = await ehrWorld(t);
  });
  afterAll(() => w.close());

  it('posts nothing to the EHR, fails the queued send with the reason, and queues no automatic send', async () => {
    const queued = await w.sessionWithData();
    expect((await w.send(queued.id)).status).toBe(202);
    const completed = await w.sessionWithData();
    await t.db.updateTable('sessions').set({ status: 'completed', started_at: t.clock.now(), ended_at: t.clock.now() }).where('id', '=', completed.id).execute();
    await t.db.updateTable('ehr_connections').set({ auto_send: true }).where('organization_id', '=', w.admin.organizationId).execute();
    await deactivate(w.admin.organizationId);
    const posts = () => w.fhir.requests.filter((r) => r.method === 'POST').length;
    const before = posts();

    expect(await queueCompletedSessions({ db: t.db, clock: t.clock })).toBe(0);
    await w.runJob();

    expect(posts()).toBe(before);
    const exports = await t.db.selectFrom('ehr_exports').select(['session_id', 'status', 'last_error']).where('session_id', 'in', [queued.id, completed.id]).execute();
    expect(exports).toEqual([{ session_id: queued.id, status: 'failed', last_error: DEACTIVATED }]);
  });
});
