import { describe, expect, it } from 'vitest';
import { demoBookingTargets, keyedBooking, useFaultWorld } from './fault-world';
import { signInOver } from './server-process';
import { readRequestLog } from './request-log';

// SIGTERM in the middle of a stream of requests from eight clients (keyed bookings, session reads,
// availability), as an orchestrator stopping an instance does: every request the server accepted
// gets its whole answer and none is 5xx, later ones are refused at the connection, the process
// exits 0 within the 30 s the systemd unit of the README gives it, and every acknowledged booking
// is in the database it leaves behind.
const CLIENTS = 8;
const BOOKINGS = 40;
/** Answers received before the signal goes out. */
const SIGNAL_AFTER = 120;
/** Bounds the stream whatever happens. */
const MAX_REQUESTS = 3000;
const GRACE_MS = 30_000;
const PASSWORD = 'carebeam-demo-faults';

interface Outcome {
  sentAt: number;
  status?: number;
  /** No answer at all (the connection was refused or closed first), or an answer cut short. */
  failure?: 'refused' | 'cut';
}

const world = useFaultWorld();

describe('SIGTERM under load', () => {
  it('answers every accepted request without 5xx, refuses the rest at the connection, exits 0 and keeps every booking', async () => {
    // At info the server logs each request it accepted and how it answered (ids, routes, statuses).
    const running = await world.start({ LOG_LEVEL: 'info', SEED_DEMO: 'true', DEMO_PASSWORD: PASSWORD, MAIL_FROM: 'Demo Clinic <care@demo.test>' });
    const cookie = await signInOver(running.origin, 'provider@demo.carebeam.test', PASSWORD);
    const targets = await demoBookingTargets(running.origin, cookie, BOOKINGS);
    expect(targets.starts.length).toBeGreaterThanOrEqual(16);

    const acknowledged = new Map<number, string>();
    let booked = 0;
    /** The n-th request of the stream: a keyed booking while free times last, a list, one session, free times. */
    const requestFor = (n: number): { path: string; init?: RequestInit; booking?: number } => {
      if (n % 4 === 0 && booked < targets.starts.length) {
        const i = booked++;
        return { path: '/api/sessions', booking: i, init: keyedBooking(targets, cookie, 'sigterm', i) };
      }
      const known = [...acknowledged.values()];
      if (n % 4 === 2 && known.length > 0) return { path: `/api/sessions/${known[n % known.length]}` };
      if (n % 4 === 3) return { path: `/api/availability?hostId=${targets.hostId}&serviceId=${targets.serviceId}&limit=3` };
      return { path: '/api/sessions?limit=20' };
    };

    const outcomes: Outcome[] = [];
    let answered = 0;
    let signalAt = Infinity;
    let exitedAt = Infinity;
    let stopping = false;
    const exitCode = running.exited.then((code) => {
      exitedAt = performance.now();
      // A little longer, so that clients also meet the closed port.
      setTimeout(() => (stopping = true), 300);
      return code;
    });
    const lane = async () => {
      while (!stopping && outcomes.length < MAX_REQUESTS) {
        const { path, init, booking } = requestFor(outcomes.length);
        const outcome: Outcome = { sentAt: performance.now() };
        outcomes.push(outcome);
        let response: Response;
        try {
          response = await fetch(`${running.origin}${path}`, { ...init, headers: { cookie, ...init?.headers } });
        } catch {
          outcome.failure = 'refused';
          await new Promise((resolve) => setTimeout(resolve, 20));
          continue;
        }
        try {
          const body = await response.text();
          outcome.status = response.status;
          if (booking !== undefined && response.status === 201) acknowledged.set(booking, (JSON.parse(body) as { id: string }).id);
        } catch {
          outcome.failure = 'cut';
        }
        if (++answered === SIGNAL_AFTER) {
          signalAt = performance.now();
          running.child.kill('SIGTERM');
        }
      }
    };
    await Promise.all(Array.from({ length: CLIENTS }, lane));
    const code = await exitCode;
    const exitMs = Math.round(exitedAt - signalAt);

    const before = outcomes.filter((o) => o.sentAt < signalAt);
    const after = outcomes.filter((o) => o.sentAt >= signalAt);
    const count = (list: Outcome[], test: (o: Outcome) => boolean) => list.filter(test).length;
    const fiveXX = count(outcomes, (o) => (o.status ?? 0) >= 500);
    const cut = count(outcomes, (o) => o.failure === 'cut');
    const log = readRequestLog(running.output, 'shutting down');

    // What a restart would find: the database the process left behind holds every acknowledged booking.
    const database = await world.store.open();
    const ids = [...acknowledged.values()];
    const kept = ids.length === 0 ? [] : await database.db.selectFrom('sessions').select('id').where('id', 'in', ids).execute();
    await database.close();
    const lost = ids.length - kept.length;

    console.log(
      `SIGTERM (${world.store.kind}): ${outcomes.length} requests from ${CLIENTS} clients; before the signal ${before.length} sent, ` +
        `${count(before, (o) => o.status !== undefined)} answered, ${count(before, (o) => o.failure === 'refused')} refused; ` +
        `after it ${after.length} sent, ${count(after, (o) => o.status !== undefined)} answered, ${count(after, (o) => o.failure === 'refused')} refused at the connection; ` +
        `server accepted ${log.acceptedBefore} before and ${log.acceptedAfter} after the signal, ${log.unanswered.length} accepted but unanswered; ` +
        `${fiveXX} × 5xx, ${cut} answers cut; ${acknowledged.size} bookings acknowledged, ${lost} lost; exit ${code} after ${exitMs} ms`,
    );
    expect(answered).toBeGreaterThanOrEqual(SIGNAL_AFTER);
    expect(after.length).toBeGreaterThan(0);
    expect(acknowledged.size).toBeGreaterThan(0);
    expect({ fiveXX, cut, server5xx: log.fiveXX, unanswered: log.unanswered, lost }).toEqual({ fiveXX: 0, cut: 0, server5xx: 0, unanswered: [], lost: 0 });
    expect(code).toBe(0);
    expect(exitMs).toBeLessThan(GRACE_MS);
    // The port closes at the signal: after it the server takes about one more request on each
    // connection already open (seen: 2–8), answered with Connection: close, and refuses the rest at
    // the connection. Closing the port only after the workers' pass took 140–270 more.
    expect(log.acceptedAfter).toBeLessThanOrEqual(2 * CLIENTS);
    expect(count(after, (o) => o.failure === 'refused')).toBeGreaterThan(0);
  }, 120_000);
});
