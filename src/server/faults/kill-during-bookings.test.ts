import { describe, expect, it } from 'vitest';
import { demoBookingTargets, keyedBooking, useFaultWorld } from './fault-world';
import { type ServerProcess, signInOver } from './server-process';

// kill -9 of the server in the middle of a stream of bookings sent with Idempotency-Key, then a
// restart on the same data and a retry of every booking (as a client that got no answer does):
// 0 lost, 0 doubled, and each invitation reaches its participant under one Message-ID.
const BOOKINGS = 20;
const KILL_AFTER = 8;
const PASSWORD = 'carebeam-demo-faults';

const world = useFaultWorld();
const start = (env: Record<string, string> = {}) => world.start({ SEED_DEMO: 'true', DEMO_PASSWORD: PASSWORD, MAIL_FROM: 'Demo Clinic <care@demo.test>', ...env });
/** Past the outbox lease (2 min) of messages the dead process had claimed, so the test need not wait it out. */
const LEASE_PASSED_MS = 3 * 60_000;

describe('kill -9 during a stream of keyed bookings', () => {
  it('loses none, doubles none, and sends each invitation once (one Message-ID per message)', async () => {
    let server: ServerProcess = await start();
    let cookie = await signInOver(server.origin, 'provider@demo.carebeam.test', PASSWORD);
    const targets = await demoBookingTargets(server.origin, cookie, BOOKINGS);
    expect(targets.starts.length).toBe(BOOKINGS);
    const book = (origin: string, i: number) => fetch(`${origin}/api/sessions`, keyedBooking(targets, cookie, 'fault', i));

    // Four at a time; the kill lands while some are in flight.
    const acknowledged = new Map<number, string>();
    const unanswered: number[] = [];
    const statuses: number[] = [];
    let next = 0;
    const lane = async (origin: string) => {
      while (next < BOOKINGS) {
        const i = next++;
        if (i === KILL_AFTER) server.child.kill('SIGKILL');
        try {
          const response = await book(origin, i);
          statuses.push(response.status);
          if (response.status === 201) acknowledged.set(i, ((await response.json()) as { id: string }).id);
          else unanswered.push(i);
        } catch {
          unanswered.push(i);
        }
      }
    };
    await Promise.all([1, 2, 3, 4].map(() => lane(server.origin)));
    expect(await server.exited).toBe('SIGKILL');

    // The restart takes over the dead process's data (on PGlite, its lock too); the client retries all.
    server = await start({ TEST_CLOCK_START: new Date(Date.now() + LEASE_PASSED_MS).toISOString() });
    cookie = await signInOver(server.origin, 'provider@demo.carebeam.test', PASSWORD);
    const ids = new Map<number, string>();
    for (let i = 0; i < BOOKINGS; i++) {
      const response = await book(server.origin, i);
      statuses.push(response.status);
      expect(response.status).toBe(201);
      ids.set(i, ((await response.json()) as { id: string }).id);
    }
    const replayedDifferently = [...acknowledged].filter(([i, id]) => ids.get(i) !== id);

    const listed = (await (await fetch(`${server.origin}/api/sessions?limit=200`, { headers: { cookie } })).json()) as { items: { id: string }[] };
    const mine = listed.items.filter((s) => [...ids.values()].includes(s.id));
    const lost = [...ids.values()].filter((id) => !mine.some((s) => s.id === id)).length;
    const doubled = new Set(ids.values()).size !== BOOKINGS ? BOOKINGS - new Set(ids.values()).size : 0;

    // Every invitation arrives; a resend after the kill would carry the same Message-ID. Only
    // invitations count: the bookings take the first free times, so a reminder may fall due within
    // the restart's clock jump (LEASE_PASSED_MS) and go out too, under its own Message-ID.
    const isInvitation = (mail: (typeof world.smtp.messages)[number]) => mail.subject?.startsWith('Your session with ') ?? false;
    const recipient = (mail: (typeof world.smtp.messages)[number]) => (isInvitation(mail) ? JSON.stringify(mail.to).match(/fault-(\d+)@/)?.[1] : undefined);
    const until = Date.now() + 30_000;
    while (new Set(world.smtp.messages.map(recipient).filter(Boolean)).size < BOOKINGS && Date.now() < until) await new Promise((r) => setTimeout(r, 200));
    const messageIds = new Map<string, Set<string>>();
    for (const mail of world.smtp.messages) {
      const who = recipient(mail);
      if (who) messageIds.set(who, (messageIds.get(who) ?? new Set()).add(mail.messageId ?? ''));
    }
    const copies = world.smtp.messages.filter(recipient).length;
    const duplicates = [...messageIds.values()].filter((set) => set.size > 1).length;
    const fiveXX = statuses.filter((s) => s >= 500).length;
    console.log(
      `kill -9 (${world.store.kind}): ${statuses.length} booking requests, ${acknowledged.size} acknowledged before the kill, ${unanswered.length} unanswered and retried, ` +
        `${fiveXX} × 5xx, ${lost} lost, ${doubled} doubled, ${replayedDifferently.length} replays with another id, ${messageIds.size} participants emailed, ` +
        `${copies} emails, ${duplicates} duplicate emails (a second Message-ID)`,
    );
    expect(acknowledged.size).toBeGreaterThan(0);
    expect(unanswered.length).toBeGreaterThan(0);
    expect({ lost, doubled, replayedDifferently: replayedDifferently.length, duplicates, emailed: messageIds.size }).toEqual({ lost: 0, doubled: 0, replayedDifferently: 0, duplicates: 0, emailed: BOOKINGS });
  }, 180_000);
});
