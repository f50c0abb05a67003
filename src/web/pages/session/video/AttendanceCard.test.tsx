import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Attendance } from '../../../../shared/video';
import { JAVIER, MARTA, SESSION_ID, STAFF } from '../../../testing/chat-server';
import { setup } from '../../../testing/render';
import { AttendanceCard } from './AttendanceCard';

// New York is UTC−5 in March before the 8th: 15:01Z is 10:01 AM EST; 04:50Z on March 4 is
// still 11:50 PM EST on March 3.
const ATTENDANCE: Attendance = {
  items: [
    { kind: 'staff', id: STAFF.id, name: STAFF.name, intervals: [{ from: '2026-03-03T15:01:00Z', to: '2026-03-03T15:31:00Z' }], minutes: 30 },
    {
      kind: 'participant',
      id: MARTA.id,
      name: MARTA.name,
      intervals: [
        { from: '2026-03-03T15:03:00Z', to: '2026-03-03T15:10:00Z' },
        { from: '2026-03-03T15:12:00Z', to: null },
      ],
      minutes: 25,
    },
    { kind: 'participant', id: JAVIER.id, name: JAVIER.name, intervals: [{ from: '2026-03-04T04:50:00Z', to: '2026-03-04T05:20:00Z' }], minutes: 30 },
  ],
};

function open(attendance: Attendance, { enabled = true } = {}) {
  const fetchSpy = vi.spyOn(globalThis, 'fetch').mockImplementation(async () => Response.json(attendance));
  setup(
    <>
      <p>Page</p>
      <AttendanceCard sessionId={SESSION_ID} enabled={enabled} live={false} viewerTimeZone="America/New_York" />
    </>,
  );
  return fetchSpy;
}

afterEach(() => vi.restoreAllMocks());

describe('AttendanceCard', () => {
  it('lists who was in the call, from when to when in the viewer’s zone (named), and their minutes', async () => {
    const fetchSpy = open(ATTENDANCE);
    const card = within(await screen.findByRole('region', { name: 'Attendance' }));
    expect(fetchSpy.mock.calls[0]![0]).toBe(`/api/sessions/${SESSION_ID}/attendance`);
    const rows = card.getAllByRole('row').map((r) => [...r.querySelectorAll('th, td')].map((c) => c.textContent));
    expect(rows).toEqual([
      ['Who', 'In the call', 'Minutes'],
      [`${STAFF.name}Clinic`, '10:01 AM – 10:31 AM EST', '30'],
      [`${MARTA.name}Participant`, '10:03 AM – 10:10 AM ESTfrom 10:12 AM EST, still in the call', '25'],
      [`${JAVIER.name}Participant`, 'Tue, Mar 3, 2026 · 11:50 PM EST – Wed, Mar 4, 2026 · 12:20 AM EST', '30'],
    ]);
  });

  it('stays hidden until someone has joined, and asks nothing before the session started', async () => {
    open({ items: [] });
    await waitFor(() => expect(globalThis.fetch).toHaveBeenCalledTimes(1));
    expect(screen.queryByRole('region', { name: 'Attendance' })).toBeNull();
    vi.restoreAllMocks();

    const fetchSpy = open(ATTENDANCE, { enabled: false });
    await new Promise((settled) => setTimeout(settled, 20));
    expect(fetchSpy).not.toHaveBeenCalled();
  });
});
