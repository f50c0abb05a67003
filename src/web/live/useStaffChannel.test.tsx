import { act, renderHook, screen } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Session } from '../../shared/sessions';
import { useMe } from '../auth/sign-in';
import { SessionList } from '../pages/appointments/SessionList';
import { SESSION_ID, uuid } from '../testing/chat-server';
import { FakeWebSocket } from '../testing/fake-websocket';
import { setup } from '../testing/render';
import { useStaffChannel } from './useStaffChannel';

/** The row's menu needs the signed-in user. */
function SignedIn({ children }: { readonly children: ReactNode }) {
  return useMe().data ? children : null;
}

beforeEach(() => FakeWebSocket.install());
afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

describe('useStaffChannel', () => {
  it('keeps the latest unread count of each session from the staff channel, without a hello', () => {
    const { result } = renderHook(() => useStaffChannel());
    const socket = FakeWebSocket.latest;
    expect(socket.url).toMatch(/\/api\/live$/);
    act(() => socket.open());
    expect(socket.sent).toEqual([]);
    act(() => socket.receive({ type: 'unread', sessionId: SESSION_ID, unread: 2 }));
    act(() => socket.receive({ type: 'unread', sessionId: uuid(901), unread: 1 }));
    act(() => socket.receive({ type: 'unread', sessionId: SESSION_ID, unread: 0 }));
    act(() => socket.receive({ type: 'unread', sessionId: 'not-a-uuid', unread: 5 }));
    expect([...result.current.unread]).toEqual([
      [SESSION_ID, 0],
      [uuid(901), 1],
    ]);
  });

  it('keeps how many wait for each session’s call', () => {
    const { result } = renderHook(() => useStaffChannel());
    act(() => FakeWebSocket.latest.open());
    act(() => FakeWebSocket.latest.receive({ type: 'waiting', sessionId: SESSION_ID, waiting: 2 }));
    act(() => FakeWebSocket.latest.receive({ type: 'waiting', sessionId: SESSION_ID, waiting: 1 }));
    expect([...result.current.waiting]).toEqual([[SESSION_ID, 1]]);
    expect([...result.current.unread]).toEqual([]);
    expect(FakeWebSocket.all).toHaveLength(1);
  });

  it('shows the count on the session’s row of the appointments list', async () => {
    vi.spyOn(globalThis, 'fetch').mockResolvedValue(Response.json({ id: uuid(1), name: 'Dr. Lucía Núñez', roles: ['provider'], timeZone: 'America/New_York' }));
    const session = {
      id: SESSION_ID,
      start: '2026-03-03T15:00:00Z',
      end: '2026-03-03T15:30:00Z',
      status: 'scheduled',
      service: { id: 's', name: 'Physiotherapy follow-up', durationMinutes: 30 },
      sessionType: { id: 't', name: 'Video visit', modality: 'video' },
      host: { id: 'h', name: 'Dr. Lucía Núñez', timeZone: 'Europe/Madrid' },
      participants: [],
      documentProgress: { total: 0, completed: 0 },
    } as unknown as Session;
    setup(
      <SignedIn>
        <SessionList sessions={[session]} timeZone="America/New_York" showHost={false} unread={new Map([[SESSION_ID, 3]])} />
      </SignedIn>,
    );
    expect((await screen.findByText('unread chat messages', { exact: false })).parentElement!.textContent).toContain('3 unread chat messages');
  });
});
