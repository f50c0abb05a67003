import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ServerFrame } from '../../shared/live';
import { CLOSE } from '../../shared/live-codes';
import { FakeWebSocket } from '../testing/fake-websocket';
import { chatMessage } from '../testing/chat-server';
import { LiveChannel, type LiveStatus, RECONNECT_CAP_MS, reconnectDelay } from './LiveChannel';
import { readServerFrame } from './server-frame';

function openChannel(lastSeq: () => number = () => 0) {
  const channel = new LiveChannel({
    path: '/api/portal/live',
    read: readServerFrame,
    greeting: () => ({ type: 'hello', after: lastSeq() }),
    random: () => 0.5,
  });
  const frames: ServerFrame[] = [];
  const statuses: LiveStatus[] = [];
  channel.onFrame((frame) => frames.push(frame));
  channel.onStatus((status) => statuses.push(status));
  channel.connect();
  return { channel, frames, statuses };
}

beforeEach(() => {
  FakeWebSocket.install();
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('reconnectDelay', () => {
  it('doubles from 250–500 ms and never waits more than the cap, jittered into its upper half', () => {
    expect(reconnectDelay(0, () => 0)).toBe(250);
    expect(reconnectDelay(0, () => 0.999)).toBeCloseTo(500, 0);
    expect(reconnectDelay(1, () => 0)).toBe(500);
    expect(reconnectDelay(3, () => 0)).toBe(2000);
    expect(reconnectDelay(20, () => 0.999)).toBeLessThanOrEqual(RECONNECT_CAP_MS);
    expect(reconnectDelay(20, () => 0)).toBe(RECONNECT_CAP_MS / 2);
  });
});

describe('LiveChannel', () => {
  it('opens on this origin, says hello first, and passes on only frames that match the schema', () => {
    const { frames, statuses } = openChannel(() => 7);
    const socket = FakeWebSocket.latest;
    expect(socket.url).toBe(`ws://${window.location.host}/api/portal/live`);
    expect(statuses).toEqual(['connecting']);
    socket.open();
    expect(socket.sent).toEqual([{ type: 'hello', after: 7 }]);
    expect(statuses).toEqual(['connecting', 'open']);

    socket.receive({ type: 'chat.message', message: chatMessage(8) });
    socket.receive({ type: 'chat.message', message: { seq: 9 } } as never);
    socket.receive({ type: 'no.such.frame' });
    socket.onmessage?.(new MessageEvent('message', { data: 'not json' }));
    expect(frames).toEqual([{ type: 'chat.message', message: chatMessage(8) }]);
  });

  it('reconnects after a lost connection with a growing delay, saying hello with what it holds then', () => {
    let lastSeq = 3;
    const { statuses } = openChannel(() => lastSeq);
    FakeWebSocket.latest.open();
    lastSeq = 5;
    FakeWebSocket.latest.serverClose(1006);
    expect(statuses.at(-1)).toBe('reconnecting');

    // random 0.5: the first retry waits 375 ms, the second 750 ms.
    vi.advanceTimersByTime(374);
    expect(FakeWebSocket.all).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(FakeWebSocket.all).toHaveLength(2);
    FakeWebSocket.latest.serverClose(1006);
    vi.advanceTimersByTime(749);
    expect(FakeWebSocket.all).toHaveLength(2);
    vi.advanceTimersByTime(1);
    expect(FakeWebSocket.all).toHaveLength(3);

    FakeWebSocket.latest.open();
    expect(FakeWebSocket.latest.sent).toEqual([{ type: 'hello', after: 5 }]);
    expect(statuses.at(-1)).toBe('open');
  });

  it('starts the backoff over once the server has sent a frame', () => {
    openChannel();
    for (let i = 0; i < 4; i++) {
      FakeWebSocket.latest.serverClose(1006);
      vi.advanceTimersByTime(RECONNECT_CAP_MS);
    }
    FakeWebSocket.latest.open();
    FakeWebSocket.latest.receive({ type: 'presence', online: [] });
    FakeWebSocket.latest.serverClose(1001);
    const count = FakeWebSocket.all.length;
    vi.advanceTimersByTime(375);
    expect(FakeWebSocket.all).toHaveLength(count + 1);
  });

  it('stops for good when the server ends the access (4403)', () => {
    const { statuses } = openChannel();
    FakeWebSocket.latest.open();
    FakeWebSocket.latest.serverClose(CLOSE.accessEnded, 'session_canceled');
    expect(statuses.at(-1)).toBe('ended');
    vi.advanceTimersByTime(10 * RECONNECT_CAP_MS);
    window.dispatchEvent(new Event('online'));
    expect(FakeWebSocket.all).toHaveLength(1);
  });

  it('retries at once when the device comes back online', () => {
    openChannel();
    FakeWebSocket.latest.serverClose(1006);
    window.dispatchEvent(new Event('online'));
    expect(FakeWebSocket.all).toHaveLength(2);
    // The pending timer was dropped: no second socket later.
    vi.advanceTimersByTime(RECONNECT_CAP_MS);
    expect(FakeWebSocket.all).toHaveLength(2);
  });

  it('closes its socket and never returns once closed by us', () => {
    const { channel, statuses } = openChannel();
    const socket = FakeWebSocket.latest;
    socket.open();
    channel.close();
    expect(socket.closedWith).toBe(CLOSE.normal);
    expect(statuses.at(-1)).toBe('closed');
    socket.serverClose(1006);
    vi.advanceTimersByTime(RECONNECT_CAP_MS);
    expect(FakeWebSocket.all).toHaveLength(1);
  });
});
