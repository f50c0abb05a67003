import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { SessionDetails } from '../../../../shared/sessions';
import type { Me } from '../../../../shared/users';
import { problem, SESSION_ID } from '../../../testing/chat-server';
import { setup } from '../../../testing/render';
import { HOST_ME, sessionDetails, SignedIn } from '../../../testing/staff';
import { LifecycleActions } from './LifecycleActions';

// The session runs 15:00–15:30Z on March 3, 2026; the organization's join window is 15 minutes.
const at = (iso: string) => vi.useFakeTimers({ now: new Date(iso), toFake: ['Date'] });
const PHONE = { id: 'st', name: 'Phone call', modality: 'phone' as const };

function open(session: SessionDetails, { me = HOST_ME, answer }: { me?: Me; answer?: () => Response } = {}) {
  const posts: string[] = [];
  vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
    const path = String(input);
    if (path.startsWith('/api/me')) return Response.json(me);
    if (path === '/api/organization') return Response.json({ joinWindowMinutes: 15 });
    if (init?.method === 'POST') {
      posts.push(path);
      return answer ? answer() : Response.json({ ...session, status: 'completed' });
    }
    return problem(404, 'not_found');
  });
  const result = setup(
    <SignedIn>
      <p>Signed in</p>
      <LifecycleActions session={session} />
    </SignedIn>,
  );
  return { ...result, posts };
}

const offered = () => screen.queryAllByRole('button').map((b) => b.textContent);

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('LifecycleActions', () => {
  it('offers "Start session" for a phone session from 15 minutes before, and no-show only once it was due', async () => {
    at('2026-03-03T14:44:00Z');
    const early = open(sessionDetails({ sessionType: PHONE }));
    await screen.findByText('Signed in');
    expect(offered()).toEqual([]);
    early.unmount();

    at('2026-03-03T14:46:00Z');
    const { user, posts } = open(sessionDetails({ sessionType: PHONE }));
    expect(await screen.findByRole('button', { name: 'Start session' })).toBeTruthy();
    expect(offered()).toEqual(['Start session']);
    await user.click(screen.getByRole('button', { name: 'Start session' }));
    await waitFor(() => expect(posts).toEqual([`/api/sessions/${SESSION_ID}/start`]));
  });

  it('never offers "Start session" for a video session: the host joining the call starts it', async () => {
    at('2026-03-03T15:05:00Z');
    open(sessionDetails());
    expect(await screen.findByRole('button', { name: 'Mark as no-show' })).toBeTruthy();
    expect(offered()).toEqual(['Mark as no-show']);
  });

  it('ends a session in progress after asking, and shows the server’s refusal in its words', async () => {
    at('2026-03-03T15:20:00Z');
    const { user, posts } = open(sessionDetails({ status: 'in_progress', startedAt: '2026-03-03T15:01:00Z' }), {
      answer: () => problem(409, 'invalid_state', 'This session already ended at 10:25 AM EST.'),
    });
    await user.click(await screen.findByRole('button', { name: 'End session' }));
    expect(offered()).not.toContain('Mark as no-show');
    const dialog = within(await screen.findByRole('dialog', { name: 'End this session?' }));
    await user.click(dialog.getByRole('button', { name: 'End session' }));
    expect(await dialog.findByText('This session already ended at 10:25 AM EST.')).toBeTruthy();
    expect(posts).toEqual([`/api/sessions/${SESSION_ID}/end`]);
  });

  it('asks before marking a no-show, and offers nothing once the session is over', async () => {
    at('2026-03-03T15:40:00Z');
    const first = open(sessionDetails());
    await first.user.click(await screen.findByRole('button', { name: 'Mark as no-show' }));
    const dialog = within(await screen.findByRole('dialog', { name: 'Mark as no-show?' }));
    await first.user.click(dialog.getByRole('button', { name: 'Mark as no-show' }));
    await waitFor(() => expect(first.posts).toEqual([`/api/sessions/${SESSION_ID}/no-show`]));
    first.unmount();

    for (const status of ['completed', 'no_show', 'canceled'] as const) {
      const over = open(sessionDetails({ status }));
      await screen.findByText('Signed in');
      expect(offered()).toEqual([]);
      over.unmount();
    }
  });

  it('offers nothing to a provider who is not the host', async () => {
    at('2026-03-03T15:20:00Z');
    open(sessionDetails({ status: 'in_progress' }), { me: { ...HOST_ME, id: '00000000-0000-4000-8000-000000000099', roles: ['provider'] } });
    await screen.findByText('Signed in');
    expect(offered()).toEqual([]);
  });
});
