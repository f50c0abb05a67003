import { configure, screen, waitFor } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { setup } from '../../testing/render';
import { JoinPage } from './JoinPage';

const problem = (status: number, code: string) =>
  new Response(JSON.stringify({ type: `urn:carebeam:problem:${code}`, title: 'x', status, code, detail: 'x' }), {
    status,
    headers: { 'content-type': 'application/problem+json' },
  });

function openJoinLink(token = 'tok-123') {
  const onJoined = vi.fn();
  return { ...setup(<JoinPage token={token} onJoined={onJoined} />), onJoined };
}

// StrictMode at the root, as in main.tsx (React doubles effects only there): the doubled
// mount effect must not exchange the token twice.
beforeAll(() => configure({ reactStrictMode: true }));
afterAll(() => configure({ reactStrictMode: false }));
afterEach(() => vi.restoreAllMocks());

describe('JoinPage', () => {
  it('shows a calm loader while the link is being opened', async () => {
    vi.spyOn(globalThis, 'fetch').mockReturnValue(new Promise(() => undefined));
    openJoinLink();
    expect(await screen.findByText('Opening your session…')).toBeTruthy();
  });

  it('posts the token once, then says the participant is in', async () => {
    const fetchSpy = vi.spyOn(globalThis, 'fetch').mockResolvedValue(Response.json({ sessionId: 's1' }));
    const { onJoined } = openJoinLink('tok-123');
    await waitFor(() => expect(onJoined).toHaveBeenCalledTimes(1));
    expect(fetchSpy).toHaveBeenCalledTimes(1);
    const [url, init] = fetchSpy.mock.calls[0]!;
    expect(url).toBe('/api/portal/exchange');
    expect(init?.method).toBe('POST');
    expect(JSON.parse(String(init?.body))).toEqual({ token: 'tok-123' });
  });

  it('explains a link that no longer works and points to the clinic', async () => {
    vi.spyOn(globalThis, 'fetch').mockResolvedValue(problem(404, 'not_found'));
    const { onJoined } = openJoinLink();
    expect(await screen.findByRole('heading', { name: "This link doesn't work anymore" })).toBeTruthy();
    expect(screen.getByText(/the session was canceled/)).toBeTruthy();
    expect(screen.getByText(/copied incompletely/)).toBeTruthy();
    expect(screen.getByText(/contact the clinic/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Try again' })).toBeNull();
    expect(onJoined).not.toHaveBeenCalled();
  });

  it('asks to wait a minute after too many attempts', async () => {
    vi.spyOn(globalThis, 'fetch').mockResolvedValue(problem(429, 'too_many_attempts'));
    openJoinLink();
    expect(await screen.findByRole('heading', { name: 'Too many attempts, wait a minute' })).toBeTruthy();
  });

  it('offers a retry when the network fails, and opens the session on retry', async () => {
    const fetchSpy = vi
      .spyOn(globalThis, 'fetch')
      .mockRejectedValueOnce(new TypeError('Failed to fetch'))
      .mockResolvedValueOnce(Response.json({ sessionId: 's1' }));
    const { user, onJoined } = openJoinLink('tok-9');
    await user.click(await screen.findByRole('button', { name: 'Try again' }));
    await waitFor(() => expect(onJoined).toHaveBeenCalledTimes(1));
    expect(fetchSpy).toHaveBeenCalledTimes(2);
    expect(JSON.parse(String(fetchSpy.mock.calls[1]![1]?.body))).toEqual({ token: 'tok-9' });
  });
});
