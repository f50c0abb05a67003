import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLOSE, MAX_FRAMES_PER_SECOND } from '../../../shared/live';
import { startTestApp, type SignedIn, type TestApp } from '../../testing/harness';
import { isRefused, type LiveTestClient, openLive } from '../../testing/live-client';
import { type BookedSession, sessionWorld } from '../../testing/session-world';

// Real sockets against the real app listening on loopback.
let t: TestApp;
let world: Awaited<ReturnType<typeof sessionWorld>>;
let host: SignedIn;
let origin: { http: string; ws: string };

beforeAll(async () => {
  t = await startTestApp();
  world = await sessionWorld(t);
  host = world.host;
  origin = await t.listen();
});
afterAll(() => t.close());

const open: (path: string, cookie?: string) => ReturnType<typeof openLive> = (path, cookie) => openLive(`${origin.ws}${path}`, { cookie, origin: origin.http });
async function connect(path: string, cookie: string): Promise<LiveTestClient> {
  const client = await open(path, cookie);
  if (isRefused(client)) throw new Error(`refused ${client.status}: ${client.body}`);
  await client.next('ready');
  return client;
}
let n = 0;
const staffSend = (s: BookedSession, body: Record<string, unknown>, cookie = host.cookie) =>
  t.request({ method: 'POST', url: `/api/sessions/${s.id}/messages`, cookie, body: { clientMessageId: `live-${++n}-abcdef`, ...body } });
const portalSend = (cookie: string, body: Record<string, unknown>) => t.request({ method: 'POST', url: '/api/portal/messages', cookie, body: { clientMessageId: `live-${++n}-abcdef`, ...body } });
const seqs = (client: LiveTestClient) => client.messages().map((m) => m.seq);

describe('opening a channel', () => {
  it('is decided at the upgrade with the HTTP rules, and a refused one never opens', async () => {
    const s = await world.book();
    const refused = async (result: Awaited<ReturnType<typeof openLive>>) => {
      if (!isRefused(result)) {
        await result.close();
        throw new Error('the channel opened');
      }
      expect(result.body).toContain('urn:carebeam:problem:');
      return result.status;
    };
    expect(await refused(await open(`/api/sessions/${s.id}/live`))).toBe(401);
    expect(await refused(await open(`/api/sessions/${s.id}/live`, world.otherProvider.cookie))).toBe(404);
    expect(await refused(await open(`/api/sessions/${s.id}/live`, world.stranger.cookie))).toBe(404);
    expect(await refused(await open('/api/portal/live'))).toBe(401);
    // Another site's page cannot open a socket with our cookies.
    expect(await refused(await openLive(`${origin.ws}/api/sessions/${s.id}/live`, { cookie: host.cookie, origin: 'https://evil.example' }))).toBe(403);
    expect(await refused(await openLive(`${origin.ws}/api/portal/live`, { cookie: s.ana.cookie, origin: 'https://evil.example' }))).toBe(403);

    const canceled = await world.book();
    await t.request({ method: 'POST', url: `/api/sessions/${canceled.id}/cancel`, cookie: host.cookie, body: { reason: 'Ill' } });
    expect(await refused(await open('/api/portal/live', canceled.ana.cookie))).toBe(409);
  });
});

describe('messages on the channel', () => {
  it('sends what the client missed after `hello`, then each new message in order, exactly once', async () => {
    const s = await world.book();
    await staffSend(s, { body: 'one' });
    await staffSend(s, { body: 'two' });
    const ana = await connect('/api/portal/live', s.ana.cookie);
    ana.send({ type: 'hello', after: 1 });
    await ana.next('chat.unread');
    expect(seqs(ana)).toEqual([2]);
    for (const body of ['three', 'four', 'five']) await staffSend(s, { body });
    await ana.next('chat.message', (f) => f.message.seq === 5);
    expect(seqs(ana)).toEqual([2, 3, 4, 5]);

    // Away for a while, then back with the last seq it has: the gap comes, nothing twice.
    await ana.close();
    await portalSend(s.ben.cookie, { body: 'six' });
    await staffSend(s, { body: 'seven' });
    const back = await connect('/api/portal/live', s.ana.cookie);
    back.send({ type: 'hello', after: 5 });
    await back.next('chat.message', (f) => f.message.seq === 7);
    await staffSend(s, { body: 'eight' });
    await back.next('chat.message', (f) => f.message.seq === 8);
    expect(seqs(back)).toEqual([6, 7, 8]);
    await back.close();
  });

  it('20 senders at once: every socket gets 1 to 20, in order, each once', async () => {
    const s = await world.book();
    const clients = [await connect('/api/portal/live', s.ana.cookie), await connect(`/api/sessions/${s.id}/live`, host.cookie)];
    for (const client of clients) client.send({ type: 'hello', after: 0 });
    await Promise.all(clients.map((c) => c.next('chat.unread')));
    const sent = await Promise.all(
      Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? staffSend(s, { body: `staff ${i}` }) : portalSend(i % 4 === 1 ? s.ana.cookie : s.ben.cookie, { body: `participant ${i}` }))),
    );
    expect(sent.every((r) => r.status === 201)).toBe(true);
    for (const client of clients) {
      await client.next('chat.message', (f) => f.message.seq === 20);
      expect(seqs(client)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    }
    await Promise.all(clients.map((c) => c.close()));
  });

  it('never pushes a private message to another participant', async () => {
    const s = await world.book();
    const ana = await connect('/api/portal/live', s.ana.cookie);
    const ben = await connect('/api/portal/live', s.ben.cookie);
    const staff = await connect(`/api/sessions/${s.id}/live`, host.cookie);
    for (const client of [ana, ben, staff]) client.send({ type: 'hello', after: 0 });
    await Promise.all([ana, ben, staff].map((c) => c.next('chat.unread')));
    await staffSend(s, { body: 'only for Ana', to: s.ana.id });
    await staffSend(s, { body: 'for everyone' });
    await ana.next('chat.message', (f) => f.message.seq === 2);
    await ben.next('chat.message', (f) => f.message.seq === 2);
    await staff.next('chat.message', (f) => f.message.seq === 2);
    expect(ana.messages().map((m) => m.body)).toEqual(['only for Ana', 'for everyone']);
    expect(ben.messages().map((m) => m.body)).toEqual(['for everyone']);
    expect(staff.messages().map((m) => m.body)).toEqual(['only for Ana', 'for everyone']);
    await Promise.all([ana, ben, staff].map((c) => c.close()));
  });
});

describe('access ending closes the channel at once (4403)', () => {
  it('a removed participant, a canceled session, a staff member who signs out', async () => {
    const s = await world.book();
    const ana = await connect('/api/portal/live', s.ana.cookie);
    const ben = await connect('/api/portal/live', s.ben.cookie);
    await t.request({ method: 'DELETE', url: `/api/sessions/${s.id}/participants/${s.ana.id}`, cookie: host.cookie });
    expect((await ana.closed).code).toBe(CLOSE.accessEnded);
    await t.request({ method: 'POST', url: `/api/sessions/${s.id}/cancel`, cookie: host.cookie, body: { reason: 'Ill' } });
    expect((await ben.closed).code).toBe(CLOSE.accessEnded);

    const other = await world.book();
    const dispatcher = await t.signIn(world.dispatcher.email);
    const staff = await connect(`/api/sessions/${other.id}/live`, dispatcher);
    const stays = await connect(`/api/sessions/${other.id}/live`, host.cookie);
    await t.request({ method: 'POST', url: '/api/auth/logout', cookie: dispatcher });
    expect((await staff.closed).code).toBe(CLOSE.accessEnded);
    // The host's own channel is not touched by someone else signing out.
    await staffSend(other, { body: 'still here' });
    stays.send({ type: 'hello', after: 0 });
    await stays.next('chat.message');
    await stays.close();
  });
});

describe('bad frames and floods', () => {
  it('answers malformed and unknown frames with an error frame, closes on too big (1009) and floods (1008), and keeps serving', async () => {
    const s = await world.book();
    const client = await connect('/api/portal/live', s.ana.cookie);
    const errorCodes = () => client.frames.flatMap((f) => (f.type === 'error' ? [f.code] : []));
    client.send('{not json');
    client.send({ type: 'teleport', to: 'mars' });
    client.send({ type: 'hello', after: 'yesterday' });
    client.socket.send(Buffer.from([1, 2, 3]), { binary: true });
    await client.until(() => errorCodes().length === 4);
    expect(errorCodes()).toEqual(['malformed_frame', 'unknown_frame', 'unknown_frame', 'malformed_frame']);

    const big = await connect('/api/portal/live', s.ana.cookie);
    big.send({ type: 'hello', after: 0, padding: 'x'.repeat(70 * 1024) });
    expect((await big.closed).code).toBe(CLOSE.tooBig);

    const flood = await connect('/api/portal/live', s.ben.cookie);
    for (let i = 0; i < MAX_FRAMES_PER_SECOND * 6; i++) flood.send({ type: 'hello', after: 0 });
    expect((await flood.closed).code).toBe(CLOSE.policy);
    expect(flood.frames.some((f) => f.type === 'error' && f.code === 'rate_limited')).toBe(true);

    expect((await portalSend(s.ana.cookie, { body: 'still working' })).status).toBe(201);
    await client.close();
  });
});

describe('presence', () => {
  it('staff see who is connected; a participant sees the clinic and themselves', async () => {
    const s = await world.book();
    const staff = await connect(`/api/sessions/${s.id}/live`, host.cookie);
    const ana = await connect('/api/portal/live', s.ana.cookie);
    const ben = await connect('/api/portal/live', s.ben.cookie);
    await staff.next('presence', (f) => f.online.length === 3);
    const forAna = await ana.next('presence', (f) => f.online.some((m) => m.kind === 'staff'));
    expect(forAna.online.map((m) => m.name).sort()).toEqual(['Ana Alvarez', host.name].sort());
    await ben.close();
    await staff.next('presence', (f) => f.online.length === 2 && !f.online.some((m) => m.name === 'Ben Brown'));
    await Promise.all([staff.close(), ana.close()]);
  });
});

describe('the staff member’s own channel', () => {
  it('tells the host how many messages wait in a session, and only those who may see it', async () => {
    const s = await world.book();
    const mine = await connect('/api/live', host.cookie);
    const others = await connect('/api/live', world.otherProvider.cookie);
    const unread = () => mine.frames.flatMap((f) => (f.type === 'unread' && f.sessionId === s.id ? [f.unread] : []));
    await portalSend(s.ana.cookie, { body: 'Doctor, a question' });
    await portalSend(s.ben.cookie, { body: 'Me too' });
    await mine.until(() => unread().at(-1) === 2);
    // Reading the session's conversation clears it, on every page the host has open.
    await t.request({ method: 'POST', url: `/api/sessions/${s.id}/messages/read`, cookie: host.cookie, body: { seq: 2 } });
    await mine.until(() => unread().at(-1) === 0);
    expect(unread()).toEqual([1, 2, 0]);
    // Another provider's channel hears nothing of a session they may not see.
    expect(others.frames.some((f) => f.type === 'unread')).toBe(false);
    await Promise.all([mine.close(), others.close()]);
  });
});

describe('several instances on one PostgreSQL database', () => {
  it('a message sent through one instance reaches a browser connected to the other, and a dropped LISTEN catches up', async (context) => {
    const other = await t.anotherInstance();
    if (!other) return context.skip(); // PGlite is one process
    try {
      const s = await world.book();
      const farOrigin = await other.listen();
      const far = await openLive(`${farOrigin.ws}/api/portal/live`, { cookie: s.ana.cookie, origin: farOrigin.http });
      if (isRefused(far)) throw new Error(far.body);
      far.send({ type: 'hello', after: 0 });
      await far.next('chat.unread');
      await staffSend(s, { body: 'across instances' });
      expect((await far.next('chat.message')).message.body).toBe('across instances');

      // The other instance's LISTEN connection is cut (a failover): what is sent meanwhile still arrives.
      const cut = await sql<{ done: boolean }>`
        SELECT pg_terminate_backend(pid) AS done FROM pg_stat_activity
        WHERE datname = current_database() AND query ILIKE 'LISTEN%' AND pid <> pg_backend_pid()`.execute(t.db);
      // Both instances' LISTEN connections: each must come back and catch up on its own.
      expect(cut.rows.map((row) => row.done)).toEqual([true, true]);
      for (const body of ['while', 'it', 'was', 'down']) await staffSend(s, { body });
      await far.next('chat.message', (f) => f.message.seq === 5, 15_000);
      expect(seqs(far)).toEqual([1, 2, 3, 4, 5]);
      await far.close();
    } finally {
      await other.close();
    }
  });
});
