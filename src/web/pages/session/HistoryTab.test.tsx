import { screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { HistoryEntry } from '../../../shared/history';
import { setup } from '../../testing/render';
import { HistoryTab } from './HistoryTab';

const SESSION_ID = '0b7c2f5e-1111-4c1a-9d7e-000000000001';
const NEXT_ID = '0b7c2f5e-4444-4c1a-9d7e-000000000001';

const staff = { kind: 'user' as const, id: 'u1', name: 'Dr. Lucía Núñez' };
const system = { kind: 'system' as const, id: null, name: 'outbox' };
const marta = { kind: 'participant' as const, id: 'p1', name: 'Marta García' };
const delivery = { messageId: 'm1', channel: 'email' as const, recipient: 'marta@example.test', participantId: 'p1', participantName: 'Marta García' };

// Oldest first, as the server sends them. 15:00Z is 10:00 AM EST in New York (UTC−5 until March 8).
const HISTORY: HistoryEntry[] = [
  {
    id: 1,
    at: '2026-03-01T14:00:00Z',
    actor: staff,
    type: 'created',
    data: { start: '2026-03-03T15:00:00Z', end: '2026-03-03T15:30:00Z', hostId: 'u1', serviceName: 'Follow-up visit', participants: [{ id: 'p1', name: 'Marta García', invitation: 'Email' }], documents: [] },
  },
  { id: 2, at: '2026-03-01T14:01:00Z', actor: system, type: 'invitation_failed', data: { ...delivery, error: 'mailbox unavailable' } },
  {
    id: 3,
    at: '2026-03-02T09:00:00Z',
    actor: staff,
    type: 'rescheduled',
    data: { from: { start: '2026-03-03T15:00:00Z', end: '2026-03-03T15:30:00Z' }, to: { start: '2026-03-05T19:00:00Z', end: '2026-03-05T19:30:00Z' } },
  },
  { id: 4, at: '2026-03-02T10:00:00Z', actor: marta, type: 'link_opened', data: {} },
  { id: 5, at: '2026-03-02T11:00:00Z', actor: staff, type: 'canceled', data: { reason: 'Host ill' } },
  { id: 6, at: '2026-03-02T11:05:00Z', actor: staff, type: 'next_scheduled', data: { sessionId: NEXT_ID, start: '2026-03-09T15:00:00Z' } },
];

afterEach(() => vi.restoreAllMocks());

describe('HistoryTab', () => {
  it('tells what happened, oldest first, who did it and when, in the viewer’s zone', async () => {
    const fetchSpy = vi.spyOn(globalThis, 'fetch').mockResolvedValue(Response.json(HISTORY));
    setup(<HistoryTab sessionId={SESSION_ID} viewerTimeZone="America/New_York" />);
    const items = within(await screen.findByRole('list', { name: 'Session history' })).getAllByRole('listitem');
    expect(fetchSpy.mock.calls[0]![0]).toBe(`/api/sessions/${SESSION_ID}/history`);
    expect(items).toHaveLength(6);

    // Times in a sentence are shown in the reader's zone.
    expect(within(items[2]!).getByText(/^Rescheduled/).textContent).toBe(
      'Rescheduled from Tue, Mar 3, 2026 · 10:00 AM – 10:30 AM EST to Thu, Mar 5, 2026 · 2:00 PM – 2:30 PM EST',
    );
    expect(items[0]!.textContent).toContain('Scheduled Follow-up visit with Marta García');
    expect(items[1]!.textContent).toContain('Invitation to Marta García by email failed: mailbox unavailable');
    expect(items[3]!.textContent).toContain('Marta García opened their session page');
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
