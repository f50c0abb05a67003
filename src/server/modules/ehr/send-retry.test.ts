import type { Observation } from '@medplum/fhirtypes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queueCompletedSessions } from '../../jobs/ehr-auto-send';
import { ehrWorld } from '../../testing/ehr-world';
import { startTestApp, type TestApp } from '../../testing/harness';

let t: TestApp;
let w: Awaited<ReturnType<typeof ehrWorld>>;
// Long enough for a busy machine to answer a normal send; the injected hang outlasts it.
const TIMEOUT_MS = 5000;

beforeAll(async () => {
  t = await startTestApp();
  w = await ehrWorld(t, { timeoutMs: TIMEOUT_MS });
});
afterAll(async () => {
  await w.close();
  await t.close();
});

const latest = async (sessionId: string) => (await w.log(sessionId)).exports[0];
const observationsOf = async (readingId: string) => w.fhir.search<Observation>('Observation', { identifier: `https://carebeam.app/fhir/sid/reading|${readingId}` });

describe('sending to the EHR when things go wrong', () => {
  it('answers 401 to a FHIR request without a token', async () => {
    const response = await fetch(`${w.fhir.baseUrl}/Patient`);
    expect(response.status).toBe(401);
  });

  it.each([
    ['a 500', { status: 500 }, 15_000, 500],
    ['a 429 with Retry-After', { status: 429, retryAfterSeconds: 120 }, 120_000, 429],
    ['a timeout', { hangMs: TIMEOUT_MS + 1000 }, 15_000, null],
  ] as const)('retries after %s, not before its time, and then succeeds', async (_what, fault, waitMs, httpStatus) => {
    const session = await w.sessionWithData();
    w.fhir.inject(fault);
    await w.send(session.id);
    await w.runJob();
    const retrying = await latest(session.id);
    expect(retrying).toMatchObject({ status: 'queued', attempts: [{ outcome: 'retrying', httpStatus }], nextAttemptAt: new Date(t.clock.now().getTime() + waitMs).toISOString() });
    expect(await observationsOf(session.readingIds[0]!)).toEqual([]);

    t.clock.advance(waitMs - 1000);
    expect(await w.runJob()).toBe(0); // not due yet
    t.clock.advance(1000);
    expect(await w.runJob()).toBe(1);
    expect(await latest(session.id)).toMatchObject({ status: 'sent', attempts: [{ outcome: 'retrying' }, { outcome: 'sent' }] });
    expect(await observationsOf(session.readingIds[0]!)).toHaveLength(1);
  });

  it('is sent once when two workers look for due sends at the same time', async () => {
    const session = await w.sessionWithData();
    await w.send(session.id);
    const posts = w.fhir.requests.filter((r) => r.method === 'POST' && r.path === '/fhir').length;
    const handled = await Promise.all([w.runJob(), w.runJob()]);
    expect(handled.reduce((a, b) => a + b, 0)).toBe(1);
    expect(w.fhir.requests.filter((r) => r.method === 'POST' && r.path === '/fhir').length).toBe(posts + 1);
    expect((await latest(session.id)).attempts).toHaveLength(1);
  });

  it('gets a new token when the EHR answers 401, without counting a failed attempt', async () => {
    const session = await w.sessionWithData();
    await w.send(session.id);
    await w.runJob(); // a token is now kept
    const issued = w.fhir.tokensIssued();
    w.fhir.revokeTokens();
    const corrected = await t.request({ method: 'POST', url: `/api/sessions/${session.id}/readings/${session.readingIds[1]}/correct`, cookie: w.host.cookie, body: { value: 98.9, unit: '[degF]' } });
    expect(corrected.status).toBe(201);
    await w.send(session.id);
    await w.runJob();
    expect(w.fhir.tokensIssued()).toBe(issued + 1);
    expect(await latest(session.id)).toMatchObject({ status: 'sent', attempts: [{ outcome: 'sent' }] });
    expect(w.fhir.requests.slice(-3).map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual(['POST /fhir 401', 'POST /auth/token 200', 'POST /fhir 200']);
  });

  it('gives up after the last retry, with the history saying so, and sends again on Retry', async () => {
    const session = await w.sessionWithData();
    w.fhir.inject(...Array.from({ length: 6 }, () => ({ status: 503 })));
    await w.send(session.id);
    for (let attempt = 0; attempt < 6; attempt++) {
      await w.runJob();
      t.clock.advance(3 * 60 * 60_000);
    }
    await w.signInAgain();
    const failed = await latest(session.id);
    expect(failed.status).toBe('failed');
    expect(failed.attempts.map((a: { outcome: string }) => a.outcome)).toEqual(['retrying', 'retrying', 'retrying', 'retrying', 'retrying', 'failed']);
    const history = (await t.request({ url: `/api/sessions/${session.id}/history`, cookie: w.host.cookie })).body;
    expect(history.filter((e: { type: string }) => e.type === 'ehr_failed')).toHaveLength(1);

    const retried = await t.request({ method: 'POST', url: `/api/sessions/${session.id}/ehr/exports/${failed.id}/retry`, cookie: w.host.cookie });
    expect(retried.status).toBe(202);
    await w.runJob();
    expect((await latest(session.id)).status).toBe('sent');
  });

  it('sends completed sessions by itself when the organization asks for it, once', async () => {
    const session = await w.sessionWithData();
    await t.db.updateTable('sessions').set({ status: 'completed', started_at: new Date('2026-03-03T10:01:00Z'), ended_at: new Date('2026-03-03T10:24:00Z') }).where('id', '=', session.id).execute();
    expect(await queueCompletedSessions({ db: t.db, clock: t.clock })).toBe(0); // automatic sending is off

    const settings = (await t.request({ url: '/api/ehr/connection', cookie: w.admin.cookie })).body.settings;
    const { tokenUrl: _, ...rest } = settings;
    expect((await t.request({ method: 'PUT', url: '/api/ehr/connection', cookie: w.admin.cookie, body: { ...rest, autoSend: true } })).status).toBe(200);
    expect(await queueCompletedSessions({ db: t.db, clock: t.clock })).toBe(1);
    expect(await queueCompletedSessions({ db: t.db, clock: t.clock })).toBe(0);
    await w.runJob();
    const sent = await latest(session.id);
    expect(sent).toMatchObject({ status: 'sent', trigger: 'auto', requestedBy: null });
    const encounter = sent.items.find((i: { kind: string }) => i.kind === 'encounter');
    const [stored] = await w.fhir.search('Encounter', { _id: encounter.fhirId });
    expect(stored).toMatchObject({ status: 'finished', period: { start: '2026-03-03T10:01:00.000Z', end: '2026-03-03T10:24:00.000Z' } });
    // Sent once: a later pass finds nothing to do, and a manual send is still possible.
    expect(await queueCompletedSessions({ db: t.db, clock: t.clock })).toBe(0);
    expect((await w.send(session.id)).status).toBe(202);
  });
});
