import { configure, render, screen } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createQueryClient } from '../../api/query-client';
import { portalRoute, startPortalRequests } from './early-requests';
import { PortalApp } from './PortalApp';

const VIEW = {
  session: {
    id: '00000000-0000-4000-8000-000000000900',
    start: '2026-03-03T15:00:00Z',
    end: '2026-03-03T15:30:00Z',
    status: 'canceled',
    service: { name: 'Physiotherapy follow-up', durationMinutes: 30 },
    sessionType: { name: 'Video consultation', modality: 'video' },
    host: { name: 'Dr. Lucía Núñez', timeZone: 'Europe/Madrid' },
    organization: { name: 'Clínica Sol', logo: null },
    startedAt: null,
    endedAt: null,
    joinWindow: { opensAt: '2026-03-03T14:50:00Z', closesAt: '2026-03-03T16:30:00Z' },
  },
  participant: { id: '00000000-0000-4000-8000-000000000011', name: 'Marta García', timeZone: 'Europe/Madrid' },
};

function answer(url: string) {
  if (url === '/api/portal/exchange') return Response.json({ sessionId: VIEW.session.id });
  if (url === '/api/portal/session') return Response.json(VIEW);
  if (url === '/api/portal/documents') return Response.json([]);
  return new Response(null, { status: 404 });
}

beforeAll(() => configure({ reactStrictMode: true }));
afterAll(() => configure({ reactStrictMode: false }));
afterEach(() => vi.restoreAllMocks());

describe('portalRoute', () => {
  it('knows the invitation link and the page, and nothing else', () => {
    expect(portalRoute('/join/tok%2D9')).toEqual({ page: 'join', token: 'tok-9' });
    expect(portalRoute('/portal')).toEqual({ page: 'portal' });
    expect(portalRoute('/join/')).toBeNull();
    expect(portalRoute('/join/a/b')).toBeNull();
    expect(portalRoute('/appointments')).toBeNull();
  });
});

describe('PortalApp', () => {
  it('uses the exchange and the session read started before it, then replaces the link with /portal', async () => {
    window.history.replaceState(null, '', '/join/tok-1');
    const fetchSpy = vi.spyOn(globalThis, 'fetch').mockImplementation(async (url) => answer(String(url)));
    const route = portalRoute(window.location.pathname)!;
    startPortalRequests(route);
    render(<PortalApp route={route} queryClient={createQueryClient()} />);
    expect(await screen.findByRole('heading', { name: 'Hello, Marta García' })).toBeTruthy();
    // The token left the address bar and the history entry.
    expect(window.location.pathname).toBe('/portal');
    const calls = fetchSpy.mock.calls.map(([url]) => String(url));
    expect(calls.filter((url) => url === '/api/portal/exchange')).toHaveLength(1);
    expect(calls.filter((url) => url === '/api/portal/session')).toHaveLength(1);
  });
});
