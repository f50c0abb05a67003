import { screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { HistoryEntry } from '../../../shared/session-management';
import { setup } from '../../testing/render';
import { HistoryTab } from './HistoryTab';

const SESSION_ID = '0b7c2f5e-1111-4c1a-9d7e-000000000001';
const NEXT_ID = '0b7c2f5e-4444-4c1a-9d7e-000000000001';

const staff = { kind: 'user' as const, id: 'u1', name: 'Dr. Lucía Núñez' };
const system = { kind: 'system' as const, id: null, name: 'outbox' };
const entry = (id: number, at: string, type: string, summary: string, data: Record<string, unknown> = {}, actor: HistoryEntry['actor'] = staff): HistoryEntry => ({
  id,
  at,
  type,
  actor,
  summary,
  data,
});

// Oldest first, as the server sends them. 15:00Z is 10:00 AM EST in New York (UTC−5 until March 8).
const HISTORY = [
  entry(1, '2026-03-01T14:00:00Z', 'created', 'Session scheduled'),
  entry(2, '2026-03-01T14:01:00Z', 'invitation_failed', 'Invitation to Marta García by email failed: mailbox unavailable', {}, system),
  entry(3, '2026-03-02T09:00:00Z', 'rescheduled', 'Rescheduled', {
    from: { start: '2026-03-03T15:00:00Z', end: '2026-03-03T15:30:00Z' },
    to: { start: '2026-03-05T19:00:00Z', end: '2026-03-05T19:30:00Z' },
  }),
  entry(4, '2026-03-02T10:00:00Z', 'link_opened', 'Marta García opened their session page', {}, { kind: 'participant', id: 'p1', name: 'Marta García' }),
  entry(5, '2026-03-02T11:00:00Z', 'canceled', 'Canceled: Host ill', { reason: 'Host ill' }),
  entry(6, '2026-03-02T11:05:00Z', 'next_scheduled', 'Next session scheduled', { sessionId: NEXT_ID }),
];

afterEach(() => vi.restoreAllMocks());

describe('HistoryTab', () => {
  it('tells what happened, oldest first, who did it and when, in the viewer’s zone', async () => {
    const fetchSpy = vi.spyOn(globalThis, 'fetch').mockResolvedValue(Response.json(HISTORY));
    setup(<HistoryTab sessionId={SESSION_ID} viewerTimeZone="America/New_York" />);
    const items = within(await screen.findByRole('list', { name: 'Session history' })).getAllByRole('listitem');
    expect(fetchSpy.mock.calls[0]![0]).toBe(`/api/sessions/${SESSION_ID}/history`);
    expect(items).toHaveLength(6);

    // The server's summary has no times: they are shown here, in the reader's zone.
    expect(within(items[2]!).getByText(/^Rescheduled/).textContent).toBe(
      'Rescheduled from Tue, Mar 3, 2026 · 10:00 AM – 10:30 AM EST to Thu, Mar 5, 2026 · 2:00 PM – 2:30 PM EST',
    );
    expect(items[0]!.textContent).toContain('Session scheduled');
    expect(items[0]!.querySelector('time')?.textContent).toBe('Sun, Mar 1, 2026 · 9:00 AM EST');
    expect(items[0]!.textContent).toContain('Dr. Lucía Núñez');
    expect(items[1]!.textContent).toContain('Carebeam');
    // A failed delivery stands out with a red bullet; the rest keep the theme's color.
    expect(items[1]!.style.getPropertyValue('--tli-color')).toContain('red');
    expect(items[0]!.style.getPropertyValue('--tli-color')).toBe('');
    expect(items[3]!.textContent).toContain('· Marta García');
    expect(within(items[4]!).getByText('Canceled: Host ill')).toBeTruthy();
    expect(within(items[5]!).getByRole('link', { name: 'Open the next session' }).getAttribute('href')).toBe(`/sessions/${NEXT_ID}`);
  });

  it('shows the same instants in another viewer’s zone', async () => {
    vi.spyOn(globalThis, 'fetch').mockResolvedValue(Response.json(HISTORY.slice(2, 3)));
    setup(<HistoryTab sessionId={SESSION_ID} viewerTimeZone="Europe/Madrid" />);
    // 15:00Z is 4:00 PM in Madrid (UTC+1).
    expect((await screen.findByText(/^Rescheduled/)).textContent).toBe(
      'Rescheduled from Tue, Mar 3, 2026 · 4:00 PM – 4:30 PM Madrid (GMT+1) to Thu, Mar 5, 2026 · 8:00 PM – 8:30 PM Madrid (GMT+1)',
    );
  });
});
