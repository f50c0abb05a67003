import { afterEach, describe, expect, it, vi } from 'vitest';
import { threadKey } from '../../shared/chat';
import { chatMessage, fakeChatServer, JAVIER, MARTA, SESSION_ID, STAFF } from '../testing/chat-server';
import { chatApi } from './chat-api';
import { ChatStore, threadMessages, totalUnread } from './ChatStore';

const STAFF_BASE = `/api/sessions/${SESSION_ID}`;

function staffStore(newMessageId?: () => string) {
  const scope = { kind: 'staff', sessionId: SESSION_ID } as const;
  return new ChatStore({ scope, reader: { kind: 'staff', id: STAFF.id }, api: chatApi(scope), ...(newMessageId ? { newMessageId } : {}) });
}

const seqs = (store: ChatStore) => store.getState().messages.map((m) => m.seq);

afterEach(() => vi.restoreAllMocks());

describe('ChatStore', () => {
  it('loads the whole history page by page, oldest first', async () => {
    const server = fakeChatServer({ base: STAFF_BASE, sender: STAFF, pageSize: 2, messages: [1, 2, 3, 4, 5].map((n) => chatMessage(n)) });
    const store = staffStore();
    expect(await store.load()).toBe(true);
    expect(seqs(store)).toEqual([1, 2, 3, 4, 5]);
    expect(server.pagesAsked()).toEqual([
      `${STAFF_BASE}/messages?after=0&limit=200`,
      `${STAFF_BASE}/messages?after=2&limit=200`,
      `${STAFF_BASE}/messages?after=4&limit=200`,
    ]);
    expect(store.lastSeq).toBe(5);
  });

  it('keeps each message once, in seq order, however it arrives', async () => {
    fakeChatServer({ base: STAFF_BASE, sender: STAFF, messages: [chatMessage(1), chatMessage(2)] });
    const store = staffStore();
    await store.load();
    store.receive({ type: 'chat.message', message: chatMessage(4) });
    store.receive({ type: 'chat.message', message: chatMessage(2, { body: 'a replay' }) });
    store.receive({ type: 'chat.message', message: chatMessage(3) });
    store.receive({ type: 'chat.message', message: chatMessage(4) });
    expect(seqs(store)).toEqual([1, 2, 3, 4]);
    expect(store.getState().messages[1]!.body).toBe('Message 2');
  });

  it('sorts threads apart: the session’s conversation and each private one', async () => {
    fakeChatServer({
      base: STAFF_BASE,
      sender: STAFF,
      messages: [chatMessage(1), chatMessage(2, { to: MARTA.id }), chatMessage(3, { sender: JAVIER, to: JAVIER.id }), chatMessage(4)],
    });
    const store = staffStore();
    await store.load();
    const { messages } = store.getState();
    expect(threadMessages(messages, null).map((m) => m.seq)).toEqual([1, 4]);
    expect(threadMessages(messages, MARTA.id).map((m) => m.seq)).toEqual([2]);
    expect(threadMessages(messages, JAVIER.id).map((m) => m.seq)).toEqual([3]);
  });

  it('shows a send as pending until confirmed, and a retry resends with the same clientMessageId', async () => {
    const server = fakeChatServer({ base: STAFF_BASE, sender: STAFF });
    let n = 0;
    const store = staffStore(() => `message-id-${++n}`);
    await store.load();
    server.failNextSends(1);

    store.send({ body: 'Please bring your scans', to: MARTA.id, attachments: [] });
    expect(store.getState().pending).toMatchObject([{ clientMessageId: 'message-id-1', state: 'sending' }]);
    await vi.waitFor(() => expect(store.getState().pending[0]?.state).toBe('failed'));
    expect(store.getState().pending[0]!.error).toMatch(/could not be reached/);
    expect(store.getState().messages).toEqual([]);

    store.retry('message-id-1');
    expect(store.getState().pending[0]!.state).toBe('sending');
    await vi.waitFor(() => expect(store.getState().pending).toEqual([]));
    expect(server.sent()).toEqual([
      { body: 'Please bring your scans', to: MARTA.id, clientMessageId: 'message-id-1', attachmentIds: [] },
      { body: 'Please bring your scans', to: MARTA.id, clientMessageId: 'message-id-1', attachmentIds: [] },
    ]);
    expect(store.getState().messages).toMatchObject([{ seq: 1, body: 'Please bring your scans', to: MARTA.id }]);
    expect(store.isOwn(store.getState().messages[0]!)).toBe(true);
  });

  it('takes the socket’s copy of its own message as the confirmation, and the POST answer then adds nothing', async () => {
    const server = fakeChatServer({ base: STAFF_BASE, sender: STAFF });
    const store = staffStore(() => 'message-id-1');
    await store.load();
    store.send({ body: 'Hello', to: null, attachments: [] });
    store.receive({ type: 'chat.message', message: chatMessage(1, { sender: STAFF, body: 'Hello', clientMessageId: 'message-id-1' }) });
    expect(store.getState().pending).toEqual([]);
    await vi.waitFor(() => expect(server.sent()).toHaveLength(1));
    await new Promise((settled) => setTimeout(settled, 10));
    expect(seqs(store)).toEqual([1]);
  });

  it('counts unread per thread from the server and forgets them once read here, telling the server', async () => {
    const server = fakeChatServer({
      base: STAFF_BASE,
      sender: STAFF,
      messages: [chatMessage(1), chatMessage(2, { to: MARTA.id }), chatMessage(3)],
      unread: [
        { participantId: null, unread: 2, lastSeq: 3 },
        { participantId: MARTA.id, unread: 1, lastSeq: 2 },
      ],
    });
    const store = staffStore();
    await store.load();
    expect(store.getState().unread).toEqual({ session: 2, [MARTA.id]: 1 });
    expect(totalUnread(store.getState().unread)).toBe(3);

    store.markRead(MARTA.id);
    expect(store.getState().unread).toEqual({ session: 2, [MARTA.id]: 0 });
    expect(server.reads()).toEqual([{ seq: 2, participantId: MARTA.id }]);

    // A count the server made before it knew stays overruled; a newer message counts again.
    store.receive({ type: 'chat.unread', threads: [{ participantId: MARTA.id, unread: 1, lastSeq: 2 }] });
    expect(store.getState().unread[threadKey(MARTA.id)]).toBe(0);
    store.receive({ type: 'chat.unread', threads: [{ participantId: MARTA.id, unread: 1, lastSeq: 5 }] });
    expect(store.getState().unread[threadKey(MARTA.id)]).toBe(1);
    // A frame naming one thread leaves the others' counts as they were.
    expect(store.getState().unread.session).toBe(2);

    // Reading again with nothing new sends nothing.
    store.markRead(MARTA.id);
    expect(server.reads()).toHaveLength(1);
  });

  it('counts messages from others that arrive after the server’s count, not one’s own', async () => {
    fakeChatServer({ base: STAFF_BASE, sender: STAFF, messages: [chatMessage(1, { sender: MARTA })], unread: [{ participantId: null, unread: 1, lastSeq: 1 }] });
    const store = staffStore();
    await store.load();
    expect(store.getState().unread.session).toBe(1);
    store.receive({ type: 'chat.message', message: chatMessage(2, { sender: JAVIER }) });
    store.receive({ type: 'chat.message', message: chatMessage(3, { sender: MARTA, to: MARTA.id }) });
    store.receive({ type: 'chat.message', message: chatMessage(4, { sender: STAFF }) });
    expect(store.getState().unread).toEqual({ session: 2, [MARTA.id]: 1 });
    store.markRead(null);
    expect(store.getState().unread).toEqual({ session: 0, [MARTA.id]: 1 });
  });

  it('lets a participant read their whole timeline with one seq', async () => {
    const scope = { kind: 'participant' } as const;
    const server = fakeChatServer({
      base: '/api/portal',
      sender: MARTA,
      messages: [chatMessage(1), chatMessage(2, { sender: STAFF, to: MARTA.id })],
      unread: [
        { participantId: null, unread: 1, lastSeq: 1 },
        { participantId: MARTA.id, unread: 1, lastSeq: 2 },
      ],
    });
    const store = new ChatStore({ scope, reader: { kind: 'participant', id: MARTA.id }, api: chatApi(scope) });
    await store.load();
    store.markRead(null);
    expect(server.reads()).toEqual([{ seq: 2 }]);
    expect(totalUnread(store.getState().unread)).toBe(0);
  });

  it('says why the history could not be loaded', async () => {
    vi.spyOn(globalThis, 'fetch').mockRejectedValue(new TypeError('Failed to fetch'));
    const store = staffStore();
    expect(await store.load()).toBe(false);
    expect(store.getState().load).toEqual({ state: 'failed', error: expect.stringMatching(/could not be reached/) });
  });
});
