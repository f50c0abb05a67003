import { screen, waitFor, within } from '@testing-library/react';
import { Route, Routes, useLocation } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Session } from '../../../shared/sessions';
import { uuid } from '../../testing/chat-server';
import { setup } from '../../testing/render';
import { HOST_ME, sessionDetails, SignedIn } from '../../testing/staff';
import { SessionList } from './SessionList';

// Far ahead of any day this runs on: a session that cannot start yet.
const LATER = { start: '2099-03-03T15:00:00Z', end: '2099-03-03T15:30:00Z' };

const session = (n: number, overrides: Partial<Session>): Session => ({ ...sessionDetails(), id: uuid(800 + n), ...overrides });

function Where() {
  const { pathname, search } = useLocation();
  return <p>At {pathname + search}</p>;
}

function openList(sessions: Session[], waiting = new Map<string, number>()) {
  vi.spyOn(globalThis, 'fetch').mockImplementation(async (input) => (String(input).startsWith('/api/me') ? Response.json(HOST_ME) : new Response(null, { status: 404 })));
  return setup(
    <SignedIn>
      <Routes>
        <Route path="/appointments" element={<SessionList sessions={sessions} timeZone="America/New_York" showHost={false} waiting={waiting} />} />
        <Route path="/sessions/:id" element={<Where />} />
      </Routes>
    </SignedIn>,
    { route: '/appointments' },
  );
}

const rows = () => screen.getAllByTestId('session-row');

afterEach(() => vi.restoreAllMocks());

describe('SessionList', () => {
  it('offers "Join" on a video session that runs, not on a phone session or one that cannot start yet, and says who waits', async () => {
    const running = session(1, { status: 'in_progress', service: { id: 's', name: 'Running video', durationMinutes: 30 } });
    const phone = session(2, { status: 'in_progress', sessionType: { id: 't', name: 'Phone', modality: 'phone' } });
    const later = session(3, { ...LATER });
    const { user } = openList([running, phone, later], new Map([[running.id, 2]]));
    await screen.findAllByTestId('session-row');
    const [first, second, third] = rows().map((row) => within(row));
    expect(first!.getByText('2 waiting')).toBeTruthy();
    expect(second!.queryByRole('button', { name: 'Join' })).toBeNull();
    expect(third!.queryByRole('button', { name: 'Join' })).toBeNull();

    await user.click(first!.getByRole('button', { name: 'Join' }));
    expect(await screen.findByText(`At /sessions/${running.id}?call=1`)).toBeTruthy();
  });

  it('opens the session from anywhere on its row, and from its link with the keyboard', async () => {
    const first = session(4, { ...LATER, service: { id: 's', name: 'Follow-up visit', durationMinutes: 30 } });
    const { user } = openList([first]);
    const row = within((await screen.findAllByTestId('session-row'))[0]!);
    await user.click(row.getByText(/No participants|With /));
    expect(await screen.findByText(`At /sessions/${first.id}`)).toBeTruthy();
  });

  it('goes where the link goes on Enter, and a click on Manage Session opens its menu, not the page', async () => {
    const first = session(5, { ...LATER });
    const { user } = openList([first]);
    const row = within((await screen.findAllByTestId('session-row'))[0]!);
    const manage = row.getByRole('button', { name: /Manage Session/ });
    await user.click(manage);
    await waitFor(() => expect(manage.getAttribute('aria-expanded')).toBe('true'));
    expect(await screen.findByText('Send reminder')).toBeTruthy();
    expect(screen.queryByText(/^At \/sessions/)).toBeNull();
    row.getByRole('link', { name: first.service.name }).focus();
    await user.keyboard('{Enter}');
    expect(await screen.findByText(`At /sessions/${first.id}`)).toBeTruthy();
  });
});
