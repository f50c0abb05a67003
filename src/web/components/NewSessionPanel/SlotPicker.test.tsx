import { screen, waitFor } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Availability } from '../../../shared/availability';
import type { Me } from '../../../shared/users';
import { setup } from '../../testing/render';
import { SlotPicker } from './SlotPicker';

const BERLIN_HOST = '0b7c2f5e-1111-4c1a-9d7e-000000000001';
const NEW_YORK_HOST = '0b7c2f5e-1111-4c1a-9d7e-000000000002';
const FOLLOW_UP = '0b7c2f5e-2222-4c1a-9d7e-000000000001';
const LONG_VISIT = '0b7c2f5e-2222-4c1a-9d7e-000000000002';

const ZONES: Record<string, string> = { [BERLIN_HOST]: 'Europe/Berlin', [NEW_YORK_HOST]: 'America/New_York' };
// The free times the server knows, by host and service. 08:00Z is 09:00 in Berlin (CET, UTC+1);
// 14:00Z is 09:00 in New York (EST, UTC−5). The long visit fits nowhere.
const FREE: Record<string, string[]> = {
  [`${BERLIN_HOST}/${FOLLOW_UP}`]: ['2026-12-01T08:00:00.000Z', '2026-12-01T08:30:00.000Z', '2026-12-02T08:00:00.000Z', '2027-01-12T08:00:00.000Z'],
  [`${NEW_YORK_HOST}/${FOLLOW_UP}`]: ['2027-02-03T14:00:00.000Z'],
};

const viewer = (id: string, roles: Me['roles']): Me => ({
  id,
  name: 'Dana',
  email: 'dana@clinic.test',
  roles,
  timeZone: 'America/New_York',
  organization: { id: 'o1', name: 'Clinic', timeZone: 'America/New_York' },
  signInIdleMinutes: 30,
});

/** Answers /api/me and /api/availability as the server would: `limit=1` without a window is the first free time. */
function serve(me: Me, { failing = false } = {}) {
  return vi.spyOn(globalThis, 'fetch').mockImplementation(async (input) => {
    const url = new URL(String(input), 'http://clinic.test');
    if (url.pathname === '/api/me') return Response.json(me);
    if (failing) {
      const problem = { type: 'about:blank', title: 'Not Found', status: 404, code: 'not_found', detail: 'Service not found' };
      return new Response(JSON.stringify(problem), { status: 404, headers: { 'content-type': 'application/problem+json' } });
    }
    const hostId = url.searchParams.get('hostId')!;
    const free = FREE[`${hostId}/${url.searchParams.get('serviceId')}`] ?? [];
    const from = url.searchParams.get('from');
    const to = url.searchParams.get('to');
    const inWindow = free.filter((start) => !from || !to || (start.slice(0, 10) >= from && start.slice(0, 10) <= to));
    const slots = inWindow.slice(0, Number(url.searchParams.get('limit') ?? Infinity)).map((start) => ({ start, end: start }));
    return Response.json({ hostId, timeZone: ZONES[hostId]!, slots } satisfies Availability);
  });
}

const availabilityAsked = (spy: ReturnType<typeof serve>) =>
  spy.mock.calls.map(([input]) => String(input)).filter((url) => url.startsWith('/api/availability'));

/** The New Session panel's part in the picker: it holds the choices, and a new host clears the date. */
function Harness({ initialDate = null }: { readonly initialDate?: string | null }) {
  const [hostId, setHostId] = useState(BERLIN_HOST);
  const [serviceId, setServiceId] = useState(FOLLOW_UP);
  const [date, setDate] = useState<string | null>(initialDate);
  return (
    <>
      <button type="button" onClick={() => (setHostId(NEW_YORK_HOST), setDate(null))}>
        New York host
      </button>
      <button type="button" onClick={() => setServiceId(LONG_VISIT)}>
        Long visit
      </button>
      <SlotPicker
        hostId={hostId}
        serviceId={serviceId}
        viewerTimeZone="America/New_York"
        date={date}
        start={null}
        meetNow={false}
        onDate={setDate}
        onStart={() => undefined}
        onMeetNow={() => undefined}
      />
    </>
  );
}

/** Day buttons (labelled like "1 December 2026") that can be chosen. */
const enabledDays = () => screen.getAllByRole('button').filter((b) => /\d{4}$/.test(b.getAttribute('aria-label') ?? '') && !(b as HTMLButtonElement).disabled);
// The calendar waits on two requests in turn: on a busy machine that can take seconds.
const SLOW = { timeout: 5_000 };
/** Waits until the calendar shows `month`, e.g. "December 2026". */
const showsMonth = (month: string) => screen.findByRole('button', { name: month }, SLOW);
/** Waits until `day`, e.g. "1 December 2026", can be chosen. */
const canChoose = (day: string) => waitFor(() => expect((screen.getByLabelText(day) as HTMLButtonElement).disabled).toBe(false), SLOW);

beforeEach(() => {
  // The browser's clock says 23:30 in Berlin on the last day of November, when nothing is left
  // that month: the calendar must not open there because of it.
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date('2026-11-30T22:30:00Z'));
});
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('SlotPicker', () => {
  it('opens on the month of the host’s first free time, found by the server, and offers nothing before it', async () => {
    const fetches = serve(viewer('dispatcher', ['dispatcher']));
    setup(<Harness />);
    await showsMonth('December 2026');
    await canChoose('1 December 2026');
    expect((screen.getByLabelText('3 December 2026') as HTMLButtonElement).disabled).toBe(true);
    expect((screen.getByRole('button', { name: 'Previous month' }) as HTMLButtonElement).disabled).toBe(true);
    expect(availabilityAsked(fetches)).toEqual([
      `/api/availability?hostId=${BERLIN_HOST}&serviceId=${FOLLOW_UP}&limit=1`,
      `/api/availability?hostId=${BERLIN_HOST}&serviceId=${FOLLOW_UP}&from=2026-12-01&to=2026-12-31`,
    ]);
  });

  it('finds the first month again for another host or service; browsing belongs to one choice', async () => {
    serve(viewer('dispatcher', ['dispatcher']));
    const { user } = setup(<Harness />);
    await showsMonth('December 2026');
    await user.click(screen.getByRole('button', { name: 'Next month' }));
    await showsMonth('January 2027');

    await user.click(screen.getByRole('button', { name: 'New York host' }));
    await showsMonth('February 2027');
    await canChoose('3 February 2027');
  });

  it('keeps the chosen day’s free times while the next month is shown', async () => {
    serve(viewer('dispatcher', ['dispatcher']));
    const { user } = setup(<Harness />);
    await canChoose('1 December 2026');
    await user.click(screen.getByLabelText('1 December 2026'));
    expect(await screen.findAllByRole('radio', {}, SLOW)).toHaveLength(2);
    await user.click(screen.getByRole('button', { name: 'Next month' }));
    await showsMonth('January 2027');
    await canChoose('12 January 2027');
    expect(screen.getAllByRole('radio')).toHaveLength(2);
    expect(screen.queryByText('No free times on this day.')).toBeNull();
  });

  it('keeps the month of a date already chosen', async () => {
    serve(viewer('dispatcher', ['dispatcher']));
    setup(<Harness initialDate="2027-01-12" />);
    await showsMonth('January 2027');
    await canChoose('12 January 2027');
    expect(screen.queryByText(/No free times/)).toBeNull();
  });

  it('says plainly when nothing is free in the next 62 days, with a link to that host’s Work Hours', async () => {
    serve(viewer('dispatcher', ['dispatcher']));
    const { user } = setup(<Harness />);
    await showsMonth('December 2026');
    await user.click(screen.getByRole('button', { name: 'Long visit' }));
    expect(await screen.findByText('No free times in the next 62 days', {}, SLOW)).toBeTruthy();
    expect(screen.getByText('The host’s Work Hours leave no time for this service: they are empty or fully booked.')).toBeTruthy();
    const link = screen.getByRole('link', { name: 'Open the host’s Work Hours (new tab)' });
    expect(link.getAttribute('href')).toBe(`/work-hours?provider=${BERLIN_HOST}`);
    expect(link.getAttribute('target')).toBe('_blank');
    expect(enabledDays()).toEqual([]);
  });

  it('links a host to their own Work Hours, and links nowhere for a provider looking at another host', async () => {
    serve(viewer(BERLIN_HOST, ['provider']));
    const { user, unmount } = setup(<Harness />);
    await user.click(screen.getByRole('button', { name: 'Long visit' }));
    expect(await screen.findByText('Your Work Hours leave no time for this service: they are empty or fully booked.', {}, SLOW)).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Open your Work Hours (new tab)' }).getAttribute('href')).toBe('/work-hours');
    unmount();

    serve(viewer('another-provider', ['provider']));
    const other = setup(<Harness />);
    await other.user.click(screen.getByRole('button', { name: 'Long visit' }));
    expect(await screen.findByText('No free times in the next 62 days', {}, SLOW)).toBeTruthy();
    expect(screen.queryByRole('link')).toBeNull();
  });

  it('says so when the free times cannot be loaded, and offers no day', async () => {
    serve(viewer('dispatcher', ['dispatcher']), { failing: true });
    setup(<Harness />);
    expect(await screen.findByText('Free times could not be loaded: Service not found', {}, SLOW)).toBeTruthy();
    expect(screen.queryByText(/No free times/)).toBeNull();
    expect(enabledDays()).toEqual([]);
  });
});
