import { Notifications } from '@mantine/notifications';
import { act, screen, waitFor, within } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Waiting } from '../../../../shared/video';
import { JAVIER, MARTA, problem, SESSION_ID } from '../../../testing/chat-server';
import { setup } from '../../../testing/render';
import { HOST_ME, SignedIn } from '../../../testing/staff';
import { LobbyCard } from './LobbyCard';

const BASE = `/api/sessions/${SESSION_ID}/video`;
// 15:02Z is 10:02 AM EST in New York, where the host reads times.
const MARTA_WAITS: Waiting = { participantId: MARTA.id, name: MARTA.name, since: '2026-03-03T15:02:00Z' };
const JAVIER_WAITS: Waiting = { participantId: JAVIER.id, name: JAVIER.name, since: '2026-03-03T15:04:00Z' };

function serve({ refuse = false } = {}) {
  const posts: { path: string; body: unknown }[] = [];
  vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
    const path = String(input);
    if (path.startsWith('/api/me')) return Response.json(HOST_ME);
    if (init?.method === 'POST') {
      posts.push({ path, body: JSON.parse(String(init.body)) });
      return refuse ? problem(409, 'not_waiting', 'Marta García is no longer waiting.') : new Response(null, { status: 204 });
    }
    return problem(404, 'not_found');
  });
  return posts;
}

/** The card with a waiting list the test changes, as `video.lobby` frames would. */
function openLobby(initial: Waiting[]) {
  let change: ((next: Waiting[]) => void) | null = null;
  function Lobby() {
    const [waiting, setWaiting] = useState(initial);
    change = setWaiting;
    return <LobbyCard sessionId={SESSION_ID} waiting={waiting} />;
  }
  const result = setup(
    <SignedIn>
      <Notifications />
      <Lobby />
    </SignedIn>,
  );
  const rerenderWith = async (next: Waiting[]) => {
    await waitFor(() => expect(change).not.toBeNull());
    act(() => change!(next));
  };
  return { ...result, rerenderWith };
}

const row = (name: string) => within(screen.getByRole('listitem', { name }));

let played: ReturnType<typeof vi.fn>;
beforeEach(() => {
  played = vi.fn(async () => undefined);
  vi.stubGlobal('Audio', class {
    play = played;
  });
  vi.stubGlobal('URL', Object.assign(URL, { createObjectURL: () => 'blob:tone' }));
});
afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

describe('LobbyCard', () => {
  it('lists who waits since when, in the viewer’s zone, and lets each in or turns them away', async () => {
    const posts = serve();
    const { user } = openLobby([MARTA_WAITS, JAVIER_WAITS]);
    expect(await screen.findByRole('heading', { name: 'Waiting to join the call' })).toBeTruthy();
    expect(row(MARTA.name).getByText('Waiting since 10:02 AM EST')).toBeTruthy();

    await user.click(row(MARTA.name).getByRole('button', { name: 'Admit' }));
    await user.click(row(JAVIER.name).getByRole('button', { name: 'Deny' }));
    await user.click(screen.getByRole('button', { name: 'Admit all' }));
    await waitFor(() => expect(posts).toHaveLength(3));
    expect(posts).toEqual([
      { path: `${BASE}/admit`, body: { participantId: MARTA.id } },
      { path: `${BASE}/deny`, body: { participantId: JAVIER.id } },
      { path: `${BASE}/admit`, body: {} },
    ]);
  });

  it('shows nothing when nobody waits, and no "Admit all" for one person', async () => {
    serve();
    const { rerenderWith } = openLobby([]);
    await rerenderWith([]);
    expect(screen.queryByRole('heading', { name: 'Waiting to join the call' })).toBeNull();
    await rerenderWith([MARTA_WAITS]);
    expect(await screen.findByRole('button', { name: 'Admit' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Admit all' })).toBeNull();
  });

  it('says so when the server refuses, in its words', async () => {
    serve({ refuse: true });
    const { user } = openLobby([MARTA_WAITS]);
    await user.click(await screen.findByRole('button', { name: 'Admit' }));
    expect(await screen.findByText('Marta García is no longer waiting.')).toBeTruthy();
  });

  it('chimes when someone new starts waiting, and notifies without a name only when notifications are allowed', async () => {
    serve();
    const shown: { title: string; options: NotificationOptions }[] = [];
    const FakeNotification = Object.assign(
      function (this: unknown, title: string, options: NotificationOptions) {
        shown.push({ title, options });
      },
      { permission: 'default' as NotificationPermission },
    );
    vi.stubGlobal('Notification', FakeNotification);
    const { rerenderWith } = openLobby([MARTA_WAITS]);
    await screen.findByRole('button', { name: 'Admit' });
    // Who already waited when the page opened rings nothing.
    expect(played).not.toHaveBeenCalled();

    await rerenderWith([MARTA_WAITS, JAVIER_WAITS]);
    await waitFor(() => expect(played).toHaveBeenCalledTimes(1));
    expect(shown).toEqual([]);

    FakeNotification.permission = 'granted';
    await rerenderWith([JAVIER_WAITS]);
    await rerenderWith([JAVIER_WAITS, MARTA_WAITS]);
    await waitFor(() => expect(played).toHaveBeenCalledTimes(2));
    expect(shown).toEqual([{ title: 'Someone is waiting', options: expect.objectContaining({ body: 'A participant is waiting to be let into a video call.' }) }]);
    expect(JSON.stringify(shown)).not.toContain('Marta');
  });
});
