import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_CALL_SIZE } from '../../../shared/video';
import { createService, setWorkHours } from '../../testing/catalog-factories';
import { createSessionType } from '../../testing/catalog-factories';
import { startTestApp, type TestApp } from '../../testing/harness';
import { isRefused, type LiveTestClient, openLive } from '../../testing/live-client';
import { multipart } from '../../testing/multipart';
import { type BookedSession, sessionWorld } from '../../testing/session-world';

// Real sockets. Sessions are booked from 2026-03-03T00:00Z on the hour; the clock is moved to
// five minutes before each one's start (the call opens 15 minutes before).
const TURN_SECRET = 'a-turn-secret-for-tests-0123456789';
let t: TestApp;
let world: Awaited<ReturnType<typeof sessionWorld>>;
let origin: { http: string; ws: string };

beforeAll(async () => {
  t = await startTestApp({
    // Hours of test time pass between sign-in and the calls: keep the sign-ins from idling out.
    config: { signInIdleMinutes: 24 * 60, ice: { urls: ['stun:stun.clinic.test:3478', 'turn:turn.clinic.test:3478?transport=udp'], turnSecret: TURN_SECRET, transportPolicy: 'all' } },
  });
  world = await sessionWorld(t);
  origin = await t.listen();
});
afterAll(() => t.close());

async function connect(path: string, cookie: string): Promise<LiveTestClient> {
  const client = await openLive(`${origin.ws}${path}`, { cookie, origin: origin.http });
  if (isRefused(client)) throw new Error(`refused ${client.status}: ${client.body}`);
  await client.next('ready');
  return client;
}
const media = { camera: true, microphone: true, screen: false };
/** The host's sign-in, made again whenever the test moves the clock (a sign-in lasts 12 hours at most). */
let hostCookie: string;
async function at(instant: number | string) {
  t.clock.set(new Date(instant));
  hostCookie = await t.signIn(world.host.email);
}
const join = (client: LiveTestClient) => client.send({ type: 'video.join', media });

/** A session whose call is open now, with the host's socket in it. */
async function callOpenNow(): Promise<{ s: BookedSession; host: LiveTestClient; hostId: string }> {
  await at('2026-03-02T15:00:00Z');
  const s = await world.book(hostCookie);
  const details = (await t.request({ url: `/api/sessions/${s.id}`, cookie: hostCookie })).body;
  await at(Date.parse(details.start) - 5 * 60_000);
  const host = await connect(`/api/sessions/${s.id}/live`, hostCookie);
  join(host);
  const roster = await host.next('video.roster');
  return { s, host, hostId: roster.you };
}
const post = (s: BookedSession, action: string, body: Record<string, unknown> = {}) =>
  t.request({ method: 'POST', url: `/api/sessions/${s.id}/video/${action}`, cookie: hostCookie, body });

describe('the door of the call', () => {
  it('the host joining starts the session; a participant waits, unseen and seeing no one, until admitted', async () => {
    const { s, host, hostId } = await callOpenNow();
    expect((await t.request({ url: `/api/sessions/${s.id}`, cookie: hostCookie })).body.status).toBe('in_progress');
    const mine = await connect('/api/live', hostCookie);

    const ana = await connect('/api/portal/live', s.ana.cookie);
    join(ana);
    await ana.next('video.admission', (f) => f.state === 'waiting');
    const lobby = await host.next('video.lobby', (f) => f.waiting.length === 1);
    expect(lobby.waiting[0]).toMatchObject({ participantId: s.ana.id, name: 'Ana Alvarez' });
    await mine.until((frames) => frames.some((f) => f.type === 'waiting' && f.sessionId === s.id && f.waiting === 1));
    // Not admitted: no roster, no names, and no signal reaches anyone.
    ana.send({ type: 'video.signal', to: hostId, signal: { candidate: null } });
    expect((await ana.next('error')).code).toBe('not_in_call');
    expect(ana.frames.some((f) => f.type === 'video.roster' || f.type === 'video.signal')).toBe(false);
    expect((await t.request({ url: '/api/portal/video/ice', cookie: s.ana.cookie })).body.code).toBe('not_admitted');

    expect((await post(s, 'admit', { participantId: s.ana.id })).status).toBe(204);
    await ana.next('video.admission', (f) => f.state === 'admitted');
    const roster = await ana.next('video.roster');
    expect(roster.members.map((m) => [m.name, m.host])).toEqual([
      [world.host.name, true],
      ['Ana Alvarez', false],
    ]);
    await host.next('video.roster', (f) => f.members.length === 2);
    expect((await t.request({ url: '/api/portal/video/ice', cookie: s.ana.cookie })).status).toBe(200);

    // Signals pass between the two, and only them.
    host.send({ type: 'video.signal', to: roster.you, signal: { description: { type: 'offer', sdp: 'v=0 offer' } } });
    const offer = await ana.next('video.signal');
    expect(offer).toEqual({ type: 'video.signal', from: hostId, signal: { description: { type: 'offer', sdp: 'v=0 offer' } } });
    ana.send({ type: 'video.signal', to: hostId, signal: { description: { type: 'answer', sdp: 'v=0 answer' } } });
    expect((await host.next('video.signal')).signal).toEqual({ description: { type: 'answer', sdp: 'v=0 answer' } });
    await Promise.all([host.close(), ana.close(), mine.close()]);
  });

  it('a denied participant is told and never gets the roster; a removed one is out at once and waits again', async () => {
    const { s, host } = await callOpenNow();
    const ben = await connect('/api/portal/live', s.ben.cookie);
    join(ben);
    await host.next('video.lobby', (f) => f.waiting.length === 1);
    expect((await post(s, 'deny', { participantId: s.ben.id })).status).toBe(204);
    await ben.next('video.admission', (f) => f.state === 'denied');
    expect(ben.frames.some((f) => f.type === 'video.roster')).toBe(false);

    const ana = await connect('/api/portal/live', s.ana.cookie);
    join(ana);
    await host.next('video.lobby', (f) => f.waiting.some((w) => w.participantId === s.ana.id));
    await post(s, 'admit');
    await ana.next('video.roster');
    expect((await post(s, 'remove', { participantId: s.ana.id })).status).toBe(204);
    await ana.next('video.admission', (f) => f.state === 'removed');
    await host.next('video.roster', (f) => f.members.length === 1);
    const before = ana.frames.length;
    join(ana);
    await ana.until((frames) => frames.slice(before).some((f) => f.type === 'video.admission' && f.state === 'waiting'));
    const history = (await t.request({ url: `/api/sessions/${s.id}/history`, cookie: hostCookie })).body as { type: string }[];
    expect(history.map((h) => h.type)).toEqual(expect.arrayContaining(['video_denied', 'video_admitted', 'video_removed']));
    await Promise.all([host.close(), ana.close(), ben.close()]);
  });

  it('a join sent the moment the socket opens, before ready, still finds the connection and enters', async () => {
    const { s, host } = await callOpenNow();
    const tabs = await Promise.all(
      [1, 2, 3].map(async () => {
        const tab = await openLive(`${origin.ws}/api/sessions/${s.id}/live`, { cookie: hostCookie, origin: origin.http });
        if (isRefused(tab)) throw new Error(`refused ${tab.status}`);
        join(tab);
        return tab;
      }),
    );
    for (const tab of tabs) await tab.next('video.roster', (f) => f.members.some((m) => m.clientId === f.you));
    await host.next('video.roster', (f) => f.members.length === 4);
    await Promise.all([host, ...tabs].map((c) => c.close()));
  });

  it(`holds at most ${MAX_CALL_SIZE}: the next joiner is refused`, async () => {
    const { s, host } = await callOpenNow();
    const others = [];
    for (let i = 1; i < MAX_CALL_SIZE; i++) {
      const tab = await connect(`/api/sessions/${s.id}/live`, hostCookie);
      join(tab);
      await tab.next('video.roster', (f) => f.members.length === i + 1);
      others.push(tab);
    }
    const seventh = await connect(`/api/sessions/${s.id}/live`, hostCookie);
    join(seventh);
    expect((await seventh.next('error')).code).toBe('call_full');
    expect(seventh.frames.some((f) => f.type === 'video.roster')).toBe(false);
    await Promise.all([host, seventh, ...others].map((c) => c.close()));
  });

  it('opens only for video sessions, from 15 minutes before the start', async () => {
    await at('2026-03-02T15:00:00Z');
    const s = await world.book(hostCookie);
    const start = Date.parse((await t.request({ url: `/api/sessions/${s.id}`, cookie: hostCookie })).body.start);
    await at(start - 20 * 60_000);
    const early = await connect(`/api/sessions/${s.id}/live`, hostCookie);
    join(early);
    expect((await early.next('error')).code).toBe('join_closed');
    await early.close();

    const phoneType = await createSessionType(t.db, world.host.organizationId, { modality: 'phone' });
    const phoneService = await createService(t.db, world.host.organizationId, { sessionTypeIds: [phoneType.id] });
    // Another provider's Meet Now phone call (the host has a session about to start).
    await setWorkHours(t.db, world.host.organizationId, world.otherProvider.id, { timeZone: 'UTC', weekly: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: '00:00', end: '24:00' })), overrides: [] });
    const otherCookie = await t.signIn(world.otherProvider.email);
    const call = await t.request({
      method: 'POST',
      url: '/api/sessions',
      cookie: otherCookie,
      body: { serviceId: phoneService.id, sessionTypeId: phoneType.id, meetNow: true, participants: [{ name: 'Pia Phone', timeZone: 'UTC', invitationType: 'none' }] },
    });
    expect(call.status).toBe(201);
    const phone = await connect(`/api/sessions/${call.body.id}/live`, otherCookie);
    join(phone);
    expect((await phone.next('error')).code).toBe('no_video');
    await phone.close();
  });
});

describe('stills', () => {
  it('a participant is told, with its label, when staff keep a still of their video; nobody else is', async () => {
    const { s, host } = await callOpenNow();
    const [ana, ben] = await Promise.all([connect('/api/portal/live', s.ana.cookie), connect('/api/portal/live', s.ben.cookie)]);
    const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
    const saved = await t.request({ method: 'POST', url: `/api/sessions/${s.id}/screenshots`, cookie: hostCookie, ...(await multipart({ bytes: png, filename: 'still.png', type: 'image/png' }, { label: 'left ear', participantId: s.ana.id })) });
    expect(saved.status).toBe(201);
    expect(await ana.next('video.screenshot')).toEqual({ type: 'video.screenshot', label: 'left ear' });
    await host.next('medcart.changed', (f) => f.change === 'image');
    // An uploaded image of no one's video tells no participant.
    const uploaded = await t.request({ method: 'POST', url: `/api/sessions/${s.id}/images`, cookie: hostCookie, ...(await multipart({ bytes: png, filename: 'ear.png', type: 'image/png' })) });
    expect(uploaded.status).toBe(201);
    await host.next('medcart.changed', (f) => f.change === 'image' && host.frames.filter((x) => x.type === 'medcart.changed').length === 2);
    expect(ana.frames.filter((f) => f.type === 'video.screenshot')).toHaveLength(1);
    expect(ben.frames.some((f) => f.type === 'video.screenshot' || f.type === 'medcart.changed')).toBe(false);
    await Promise.all([host.close(), ana.close(), ben.close()]);
  });
});

describe('ending and attendance', () => {
  it('“End session for all” ends the call for everyone; the attendance says who was there and how long', async () => {
    const { s, host } = await callOpenNow();
    const ana = await connect('/api/portal/live', s.ana.cookie);
    join(ana);
    await host.next('video.lobby', (f) => f.waiting.length === 1);
    await post(s, 'admit');
    await ana.next('video.roster');
    t.clock.advance(20 * 60_000);
    const ended = await t.request({ method: 'POST', url: `/api/sessions/${s.id}/end`, cookie: hostCookie });
    expect(ended.body.status).toBe('completed');
    await ana.next('video.ended');
    await host.next('video.ended');
    const attendance = (await t.request({ url: `/api/sessions/${s.id}/attendance`, cookie: hostCookie })).body;
    expect(attendance.items.map((i: { name: string; minutes: number }) => [i.name, i.minutes])).toEqual([
      [world.host.name, 20],
      ['Ana Alvarez', 20],
    ]);
    expect((await t.request({ url: `/api/sessions/${s.id}/attendance`, cookie: await t.signIn(world.otherProvider.email) })).status).toBe(404);
    await Promise.all([host.close(), ana.close()]);
  });
});

describe('ICE servers', () => {
  it('hands staff STUN and TURN with credentials minted from the TURN secret (coturn’s REST scheme)', async () => {
    await at('2026-03-02T15:00:00Z');
    const s = await world.book(hostCookie);
    const ice = (await t.request({ url: `/api/sessions/${s.id}/video/ice`, cookie: hostCookie })).body;
    expect(ice.iceServers[0]).toEqual({ urls: ['stun:stun.clinic.test:3478'] });
    const turn = ice.iceServers[1];
    expect(turn.urls).toEqual(['turn:turn.clinic.test:3478?transport=udp']);
    const [expiry, who] = turn.username.split(':');
    expect(who).toBe(`staff-${world.host.id}`);
    expect(Number(expiry) * 1000).toBe(Date.parse(ice.expiresAt));
    expect(turn.credential).toBe(createHmac('sha1', TURN_SECRET).update(turn.username).digest('base64'));
    expect((await t.request({ url: `/api/sessions/${s.id}/video/ice`, cookie: await t.signIn(world.otherProvider.email) })).status).toBe(404);
  });
});

describe('several instances on one PostgreSQL database', () => {
  it('lets in and signals across instances', async (context) => {
    const other = await t.anotherInstance();
    if (!other) return context.skip(); // PGlite is one process
    try {
      const { s, host, hostId } = await callOpenNow();
      const far = await other.listen();
      const ana = await openLive(`${far.ws}/api/portal/live`, { cookie: s.ana.cookie, origin: far.http });
      if (isRefused(ana)) throw new Error(ana.body);
      join(ana);
      await host.next('video.lobby', (f) => f.waiting.length === 1);
      await post(s, 'admit');
      const roster = await ana.next('video.roster', (f) => f.members.length === 2);
      host.send({ type: 'video.signal', to: roster.you, signal: { candidate: { candidate: 'candidate:1 1 udp 1 127.0.0.1 9 typ host', sdpMid: '0', sdpMLineIndex: 0 } } });
      expect((await ana.next('video.signal')).from).toBe(hostId);
      await Promise.all([host.close(), ana.close()]);
    } finally {
      await other.close();
    }
  });
});
