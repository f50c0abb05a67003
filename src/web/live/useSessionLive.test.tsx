import { renderHook, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CLOSE } from '../../shared/live';
import { chatMessage, fakeChatServer, MARTA } from '../testing/chat-server';
import { FakeWebSocket } from '../testing/fake-websocket';
import { useSessionLive } from './useSessionLive';

const openChat = (onSessionChanged = vi.fn()) =>
  renderHook(() => useSessionLive({ kind: 'participant' }, { kind: 'participant', id: MARTA.id }, { onSessionChanged }));

beforeEach(() => FakeWebSocket.install());
afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

describe('useSessionLive', () => {
  it('loads over HTTP first, then says hello with the last seq, and again after each reconnect', async () => {
    fakeChatServer({ base: '/api/portal', sender: MARTA, messages: [chatMessage(1), chatMessage(2)] });
    const { result } = openChat();
    await waitFor(() => expect(FakeWebSocket.all).toHaveLength(1));
    expect(result.current.chat.state.messages.map((m) => m.seq)).toEqual([1, 2]);
    const first = FakeWebSocket.latest;
    expect(first.url).toMatch(/\/api\/portal\/live$/);
    first.open();
    expect(first.sent).toEqual([{ type: 'hello', after: 2 }]);
    await waitFor(() => expect(result.current.chat.connection).toBe('open'));

    first.receive({ type: 'chat.message', message: chatMessage(3) });
    first.serverClose(1006);
    await waitFor(() => expect(result.current.chat.connection).toBe('reconnecting'));
    // The first retry comes within half a second.
    await waitFor(() => expect(FakeWebSocket.all).toHaveLength(2));
    FakeWebSocket.latest.open();
    expect(FakeWebSocket.latest.sent).toEqual([{ type: 'hello', after: 3 }]);

    // What the server sends back after the hello may overlap what is held: kept once.
    FakeWebSocket.latest.receive({ type: 'chat.message', message: chatMessage(3) });
    FakeWebSocket.latest.receive({ type: 'chat.message', message: chatMessage(4) });
    await waitFor(() => expect(result.current.chat.state.messages.map((m) => m.seq)).toEqual([1, 2, 3, 4]));
  });

  it('stops reconnecting when the access ended (4403) and has the page reload the session', async () => {
    fakeChatServer({ base: '/api/portal', sender: MARTA });
    const onSessionChanged = vi.fn();
    const { result } = openChat(onSessionChanged);
    await waitFor(() => expect(FakeWebSocket.all).toHaveLength(1));
    FakeWebSocket.latest.open();
    FakeWebSocket.latest.serverClose(CLOSE.accessEnded);
    await waitFor(() => expect(result.current.chat.connection).toBe('ended'));
    expect(onSessionChanged).toHaveBeenCalledTimes(1);
    // A first retry would have come within half a second.
    await new Promise((waited) => setTimeout(waited, 600));
    expect(FakeWebSocket.all).toHaveLength(1);
  });

  it('passes a session change on, and keeps presence', async () => {
    fakeChatServer({ base: '/api/portal', sender: MARTA });
    const onSessionChanged = vi.fn();
    const { result } = openChat(onSessionChanged);
    await waitFor(() => expect(FakeWebSocket.all).toHaveLength(1));
    FakeWebSocket.latest.open();
    FakeWebSocket.latest.receive({ type: 'session.changed', sessionId: MARTA.id });
    FakeWebSocket.latest.receive({ type: 'presence', online: [MARTA] });
    expect(onSessionChanged).toHaveBeenCalledTimes(1);
    await waitFor(() => expect(result.current.chat.state.online).toEqual([MARTA]));
  });

  it('is one socket for the chat and the call: call frames go out after the hello and come in beside chat frames', async () => {
    fakeChatServer({ base: '/api/portal', sender: MARTA, messages: [chatMessage(1)] });
    const { result } = openChat();
    await waitFor(() => expect(FakeWebSocket.all).toHaveLength(1));
    const channel = result.current.channel;
    const callFrames: string[] = [];
    channel.onFrame((frame) => callFrames.push(frame.type));
    // Nothing goes out before the socket is open.
    expect(channel.send({ type: 'video.leave' })).toBe(false);
    channel.onStatus((status) => status === 'open' && channel.send({ type: 'video.join', media: { camera: true, microphone: true, screen: false } }));
    FakeWebSocket.latest.open();
    expect(FakeWebSocket.latest.sent).toEqual([
      { type: 'hello', after: 1 },
      { type: 'video.join', media: { camera: true, microphone: true, screen: false } },
    ]);
    FakeWebSocket.latest.receive({ type: 'video.admission', state: 'waiting' });
    FakeWebSocket.latest.receive({ type: 'chat.message', message: chatMessage(2) });
    await waitFor(() => expect(result.current.chat.state.messages.map((m) => m.seq)).toEqual([1, 2]));
    expect(callFrames).toEqual(['video.admission', 'chat.message']);
    expect(FakeWebSocket.all).toHaveLength(1);
  });

  it('closes the socket when unmounted', async () => {
    fakeChatServer({ base: '/api/portal', sender: MARTA });
    const { unmount } = openChat();
    await waitFor(() => expect(FakeWebSocket.all).toHaveLength(1));
    unmount();
    expect(FakeWebSocket.latest.closedWith).toBe(CLOSE.normal);
  });
});
