import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeHistory, type HistoryEntry } from '../../../shared/history';
import { type SignedIn, startTestApp, type TestApp } from '../../testing/harness';
import { type BookedSession, sessionWorld } from '../../testing/session-world';

let t: TestApp;
let host: SignedIn;
let otherProvider: SignedIn;
let stranger: SignedIn;
let session: () => Promise<BookedSession>;

beforeAll(async () => {
  t = await startTestApp();
  const world = await sessionWorld(t);
  ({ host, otherProvider, stranger } = world);
  session = world.book;
});
afterAll(() => t.close());

let counter = 0;
const clientId = () => `client-${++counter}-${Math.random().toString(36).slice(2)}`;
const staffSend = (sessionId: string, body: Record<string, unknown>, cookie = host.cookie) =>
  t.request({ method: 'POST', url: `/api/sessions/${sessionId}/messages`, cookie, body: { clientMessageId: clientId(), ...body } });
const portalSend = (cookie: string, body: Record<string, unknown>) => t.request({ method: 'POST', url: '/api/portal/messages', cookie, body: { clientMessageId: clientId(), ...body } });
const messageCount = async (sessionId: string) =>
  (await t.db.selectFrom('chat_messages').select((eb) => eb.fn.countAll<number>().as('n')).where('session_id', '=', sessionId).executeTakeFirstOrThrow()).n;

describe('sending and reading', () => {
  it('staff and participants talk in the session’s conversation, numbered 1, 2, 3 in order', async () => {
    const s = await session();
    const first = await staffSend(s.id, { body: 'Hello both, I am running five minutes late.' });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ seq: 1, to: null, sender: { kind: 'staff', id: host.id, name: host.name }, attachments: [] });
    expect((await portalSend(s.ana.cookie, { body: 'No problem.' })).body).toMatchObject({ seq: 2, sender: { kind: 'participant', id: s.ana.id, name: 'Ana Alvarez' } });
    expect((await portalSend(s.ben.cookie, { body: 'Thanks!' })).body.seq).toBe(3);

    const forBen = await t.request({ url: '/api/portal/messages', cookie: s.ben.cookie });
    expect(forBen.body.items.map((m: { body: string }) => m.body)).toEqual(['Hello both, I am running five minutes late.', 'No problem.', 'Thanks!']);
    expect(forBen.body.nextAfter).toBeNull();
    const page = await t.request({ url: `/api/sessions/${s.id}/messages?after=1&limit=1`, cookie: host.cookie });
    expect(page.body).toMatchObject({ items: [{ seq: 2 }], nextAfter: 2 });
  });

  it('a resend with the same clientMessageId answers the first message (200) and writes nothing', async () => {
    const s = await session();
    const body = { body: 'Can you hear me?', clientMessageId: 'resend-me-0001' };
    const first = await portalSend(s.ana.cookie, body);
    const again = await portalSend(s.ana.cookie, body);
    expect([first.status, again.status]).toEqual([201, 200]);
    expect(again.body).toEqual(first.body);
    // The same client id from someone else is their own message.
    expect((await portalSend(s.ben.cookie, body)).status).toBe(201);
    expect(await messageCount(s.id)).toBe(2);
  });

  it('20 senders at once get 20 numbers, 1 to 20, without gaps or repeats', async () => {
    const s = await session();
    const responses = await Promise.all(
      Array.from({ length: 20 }, (_, i) => (i % 3 === 0 ? portalSend(s.ana.cookie, { body: `a${i}` }) : i % 3 === 1 ? portalSend(s.ben.cookie, { body: `b${i}` }) : staffSend(s.id, { body: `h${i}` }))),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(20).fill(201));
    expect(responses.map((r) => r.body.seq as number).sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
  });

  it('refuses bad messages at their field and writes nothing', async () => {
    const s = await session();
    const cases: [Record<string, unknown>, string][] = [
      [{ body: '   ' }, 'body'],
      [{ body: 'x'.repeat(4001) }, 'body'],
      [{ body: 'bell \u0007 rings' }, 'body'],
      [{ body: 'Hi', clientMessageId: 'short' }, 'clientMessageId'],
      [{ body: 'Hi', to: 'not-a-uuid' }, 'to'],
      [{ body: 'Hi', attachmentIds: ['0b7c2f5e-1111-4c1a-9d7e-000000000001'] }, 'attachmentIds'],
    ];
    for (const [body, path] of cases) {
      const response = await staffSend(s.id, body);
      expect(response.status, path).toBe(400);
      expect(response.body.errors[0].path).toBe(path);
    }
    expect(await messageCount(s.id)).toBe(0);
  });
});

describe('private threads', () => {
  it('a private message reaches its participant and the staff, never the other participant', async () => {
    const s = await session();
    await staffSend(s.id, { body: 'For everyone' });
    const secret = await staffSend(s.id, { body: 'Your results are in', to: s.ana.id });
    expect(secret.body.to).toBe(s.ana.id);
    const reply = await portalSend(s.ana.cookie, { body: 'Thank you', to: s.ana.id });
    expect(reply.body.to).toBe(s.ana.id);

    const bodies = async (cookie: string) => (await t.request({ url: '/api/portal/messages', cookie })).body.items.map((m: { body: string }) => m.body);
    expect(await bodies(s.ana.cookie)).toEqual(['For everyone', 'Your results are in', 'Thank you']);
    expect(await bodies(s.ben.cookie)).toEqual(['For everyone']);
    const staffView = await t.request({ url: `/api/sessions/${s.id}/messages`, cookie: host.cookie });
    expect(staffView.body.items).toHaveLength(3);
  });

  it('a participant writes privately only to the clinic; staff only to a participant of the session', async () => {
    const s = await session();
    const other = await session();
    expect((await portalSend(s.ben.cookie, { body: 'psst', to: s.ana.id })).status).toBe(400);
    const wrong = await staffSend(s.id, { body: 'psst', to: other.ana.id });
    expect(wrong.status).toBe(400);
    expect(wrong.body.errors[0].path).toBe('to');
    expect(await messageCount(s.id)).toBe(0);
  });
});

describe('unread and read marks', () => {
  it('counts messages from others per thread, and a read mark clears them', async () => {
    const s = await session();
    await portalSend(s.ana.cookie, { body: 'one' });
    await portalSend(s.ana.cookie, { body: 'two', to: s.ana.id });
    await staffSend(s.id, { body: 'three' });
    const unread = await t.request({ url: `/api/sessions/${s.id}/messages/unread`, cookie: host.cookie });
    expect(unread.body.threads).toEqual(
      expect.arrayContaining([
        { participantId: null, unread: 1, lastSeq: 3 },
        { participantId: s.ana.id, unread: 1, lastSeq: 2 },
      ]),
    );
    expect((await t.request({ method: 'POST', url: `/api/sessions/${s.id}/messages/read`, cookie: host.cookie, body: { seq: 2, participantId: s.ana.id } })).status).toBe(204);
    const after = (await t.request({ url: `/api/sessions/${s.id}/messages/unread`, cookie: host.cookie })).body.threads;
    expect(after.find((th: { participantId: string | null }) => th.participantId === s.ana.id).unread).toBe(0);
    // An older read mark never moves it back.
    await t.request({ method: 'POST', url: `/api/sessions/${s.id}/messages/read`, cookie: host.cookie, body: { seq: 0, participantId: s.ana.id } });
    expect((await t.request({ url: `/api/sessions/${s.id}/messages/unread`, cookie: host.cookie })).body.threads.find((th: { participantId: string | null }) => th.participantId === s.ana.id).unread).toBe(0);

    // Ben sees only the session's conversation: two messages that are not his.
    expect((await t.request({ url: '/api/portal/messages/unread', cookie: s.ben.cookie })).body.threads).toEqual([{ participantId: null, unread: 2, lastSeq: 3 }]);
    await t.request({ method: 'POST', url: '/api/portal/messages/read', cookie: s.ben.cookie, body: { seq: 3 } });
    expect((await t.request({ url: '/api/portal/messages/unread', cookie: s.ben.cookie })).body.threads[0].unread).toBe(0);
  });
});

describe('access', () => {
  it('another provider, another organization and a participant of another session get 404, and write nothing', async () => {
    const s = await session();
    const other = await session();
    await staffSend(s.id, { body: 'private to this session' });
    for (const cookie of [otherProvider.cookie, stranger.cookie]) {
      expect((await t.request({ url: `/api/sessions/${s.id}/messages`, cookie })).status).toBe(404);
      expect((await staffSend(s.id, { body: 'hi' }, cookie)).status).toBe(404);
    }
    // A participant's page reaches only their own session's chat.
    const theirs = await t.request({ url: '/api/portal/messages', cookie: other.ana.cookie });
    expect(theirs.body.items).toEqual([]);
    expect(await messageCount(s.id)).toBe(1);
    expect((await t.request({ url: '/api/portal/messages' })).status).toBe(401);
  });

  it('a canceled session takes no more messages (409), from staff or participants', async () => {
    const s = await session();
    await t.request({ method: 'POST', url: `/api/sessions/${s.id}/cancel`, cookie: host.cookie, body: { reason: 'Clinic closed' } });
    expect((await staffSend(s.id, { body: 'hello?' })).status).toBe(409);
    expect((await portalSend(s.ana.cookie, { body: 'hello?' })).status).toBe(409);
    expect(await messageCount(s.id)).toBe(0);
  });
});

describe('history and notices', () => {
  it('records that the chat started, once', async () => {
    const s = await session();
    await portalSend(s.ana.cookie, { body: 'first' });
    await staffSend(s.id, { body: 'second' });
    const history = (await t.request({ url: `/api/sessions/${s.id}/history`, cookie: host.cookie })).body as HistoryEntry[];
    const started = history.filter((h) => h.type === 'chat_started');
    expect(started).toHaveLength(1);
    expect(describeHistory(started[0]!, 'UTC')).toBe('Ana Alvarez started the chat');
  });

  it('tells an absent participant by their invitation type at most once a quarter hour, without the message', async () => {
    const s = await session();
    const notices = () =>
      t.db.selectFrom('outbox_messages').select(['participant_id', 'body_text', 'subject']).where('session_id', '=', s.id).where('kind', '=', 'new_message').execute();
    await staffSend(s.id, { body: 'Your lab result: potassium 5.9' });
    await staffSend(s.id, { body: 'Please call us' });
    let sent = await notices();
    // Ana (email) is told once; Ben (link only) has no address to be told at.
    expect(sent.map((n) => n.participant_id)).toEqual([s.ana.id]);
    expect(sent[0]!.body_text).not.toContain('potassium');
    expect(sent[0]!.subject).not.toContain('potassium');
    t.clock.advance(16 * 60_000);
    await staffSend(s.id, { body: 'Are you there?', to: s.ana.id });
    sent = await notices();
    expect(sent).toHaveLength(2);
    // Her own message does not notify her.
    t.clock.advance(16 * 60_000);
    await portalSend(s.ana.cookie, { body: 'Yes' });
    expect(await notices()).toHaveLength(2);
  });
});
