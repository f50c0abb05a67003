import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeHistory, type HistoryEntry } from '../../../shared/history';
import { createOutboxWorker } from '../../jobs/outbox-worker';
import { startTestApp, type TestApp } from '../../testing/harness';
import { sessionWorld } from '../../testing/session-world';
import { createMailer, createSmsSender } from '../messaging';
import { completeOverdueSessions } from './index';

// Sessions are booked on the hour from 2026-03-03T00:00Z, 30 minutes long; the clock is moved
// to each test's moment. The organization's join window is 15 minutes, automatic end 60.
let t: TestApp;
let world: Awaited<ReturnType<typeof sessionWorld>>;

beforeAll(async () => {
  t = await startTestApp();
  world = await sessionWorld(t);
});
afterAll(() => t.close());

async function booked() {
  await at(Date.parse('2026-03-02T15:00:00Z'));
  const s = await world.book(hostCookie);
  const details = (await t.request({ url: `/api/sessions/${s.id}`, cookie: hostCookie })).body;
  return { ...s, start: Date.parse(details.start), end: Date.parse(details.end) };
}
/** Moves the clock; sign-ins idle out as time passes, so the host signs in again. */
let hostCookie: string;
async function at(instant: number) {
  t.clock.set(new Date(instant));
  hostCookie = await t.signIn(world.host.email);
}
const act = (id: string, action: 'start' | 'end' | 'no-show', cookie?: string) => t.request({ method: 'POST', url: `/api/sessions/${id}/${action}`, cookie: cookie ?? hostCookie });
const MINUTE = 60_000;
const historyTypes = async (id: string) => ((await t.request({ url: `/api/sessions/${id}/history`, cookie: hostCookie })).body as HistoryEntry[]).map((h) => h.type);

describe('the lifecycle', () => {
  it('starts from 15 minutes before, then ends: in progress, completed, with the actual times and history', async () => {
    const s = await booked();
    await at(s.start - 16 * MINUTE);
    const early = await act(s.id, 'start');
    expect(early.status).toBe(409);
    expect(early.body).toMatchObject({ code: 'invalid_state', detail: 'A session can start from 15 minutes before its time' });
    expect((await act(s.id, 'end')).status).toBe(409);

    await at(s.start - 15 * MINUTE);
    const started = await act(s.id, 'start');
    expect(started.status).toBe(200);
    expect(started.body).toMatchObject({ status: 'in_progress', startedAt: new Date(s.start - 15 * MINUTE).toISOString(), endedAt: null });
    expect((await act(s.id, 'start')).status).toBe(409);

    await at(s.end + 5 * MINUTE);
    const ended = await act(s.id, 'end');
    expect(ended.body).toMatchObject({ status: 'completed', endedAt: new Date(s.end + 5 * MINUTE).toISOString() });
    expect((await historyTypes(s.id)).slice(-2)).toEqual(['started', 'ended']);
  });

  it('marks a no-show only once the session was due, and only while scheduled', async () => {
    const s = await booked();
    await at(s.start - MINUTE);
    expect((await act(s.id, 'no-show')).body.detail).toBe('A no-show can be marked once the session was due to start');
    await at(s.start + 10 * MINUTE);
    const marked = await act(s.id, 'no-show');
    expect(marked.body.status).toBe('no_show');
    expect((await act(s.id, 'start')).status).toBe(409);
  });

  it('lets the host, dispatchers and administrators move it; another provider gets 404 and changes nothing', async () => {
    const s = await booked();
    await at(s.start);
    expect((await act(s.id, 'start', await t.signIn(world.otherProvider.email))).status).toBe(404);
    expect((await act(s.id, 'start', await t.signIn(world.stranger.email))).status).toBe(404);
    expect((await act(s.id, 'start', await t.signIn(world.dispatcher.email))).status).toBe(200);
    expect(await historyTypes(s.id)).not.toContain('ended');
  });

  it('keeps time, host and service once started, but still takes participants; an over session takes nothing', async () => {
    const s = await booked();
    await at(s.start);
    await act(s.id, 'start');
    const reschedule = await t.request({ method: 'POST', url: `/api/sessions/${s.id}/reschedule`, cookie: hostCookie, body: { start: new Date(s.start + 3 * 3600_000).toISOString() } });
    expect(reschedule.status).toBe(409);
    expect((await t.request({ method: 'POST', url: `/api/sessions/${s.id}/cancel`, cookie: hostCookie, body: { reason: 'x' } })).status).toBe(409);
    const add = () => t.request({ method: 'POST', url: `/api/sessions/${s.id}/participants`, cookie: hostCookie, body: { name: 'Ida Interpreter', timeZone: 'UTC', invitationType: 'none' } });
    expect((await add()).status).toBe(201);
    await act(s.id, 'end');
    expect((await add()).status).toBe(409);
  });

  it('completes a session left in progress an hour after its end, by itself', async () => {
    const s = await booked();
    await at(s.start);
    await act(s.id, 'start');
    await at(s.end + 59 * MINUTE);
    await completeOverdueSessions(t.db, t.clock.now());
    expect((await t.request({ url: `/api/sessions/${s.id}`, cookie: hostCookie })).body.status).toBe('in_progress');
    await at(s.end + 60 * MINUTE);
    expect(await completeOverdueSessions(t.db, t.clock.now())).toBeGreaterThanOrEqual(1);
    const details = (await t.request({ url: `/api/sessions/${s.id}`, cookie: hostCookie })).body;
    expect(details).toMatchObject({ status: 'completed', endedAt: new Date(s.end + 60 * MINUTE).toISOString() });
    const last = ((await t.request({ url: `/api/sessions/${s.id}/history`, cookie: hostCookie })).body as HistoryEntry[]).at(-1)!;
    expect(describeHistory(last, 'UTC')).toBe('The session ended automatically, some time after its end');
  });

  it('sends no reminder for a session that has started', async () => {
    const s = await booked();
    await at(s.start - 10 * MINUTE);
    await act(s.id, 'start');
    const worker = createOutboxWorker({ db: t.db, storage: t.storage, clock: t.clock, mailer: createMailer({ kind: 'log', from: 'x@clinic.test' }), sms: createSmsSender({ kind: 'log' }), publicUrl: new URL('http://localhost:3000'), organizerEmail: 'x@clinic.test' });
    await worker.runOnce();
    const reminders = await t.db.selectFrom('outbox_messages').select('id').where('session_id', '=', s.id).where('kind', '=', 'reminder').execute();
    expect(reminders).toEqual([]);
  });
});
