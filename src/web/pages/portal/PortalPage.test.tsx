import { screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { PortalView } from '../../../shared/portal';
import { setup } from '../../testing/render';
import { PortalPage } from './PortalPage';

const problem = (status: number, code: string) =>
  new Response(JSON.stringify({ type: `urn:carebeam:problem:${code}`, title: 'x', status, code, detail: 'x' }), {
    status,
    headers: { 'content-type': 'application/problem+json' },
  });

// 2026-03-03T15:00Z is 16:00 CET in Madrid (UTC+1), 10:00 EST in New York (UTC−5) and
// already 00:00 on March 4 in Tokyo (UTC+9).
const portalView = (session: Partial<PortalView['session']> = {}): PortalView => ({
  session: {
    id: 's1',
    start: '2026-03-03T15:00:00Z',
    end: '2026-03-03T15:30:00Z',
    status: 'scheduled',
    service: { name: 'Physiotherapy follow-up', durationMinutes: 30 },
    sessionType: { name: 'Video consultation', modality: 'video' },
    host: { name: 'Dr. Lucía Núñez', timeZone: 'Europe/Madrid' },
    organization: { name: 'Clínica Sol', logo: null },
    startedAt: null,
    endedAt: null,
    joinWindow: { opensAt: '2026-03-03T14:45:00Z', closesAt: '2026-03-03T15:30:00Z' },
    ...session,
  },
  participant: { id: 'p1', name: 'Marta García', timeZone: 'Europe/Madrid' },
});

/** `answer` for the session; the documents section gets an empty list. */
const serve = (answer: () => Response) =>
  vi.spyOn(globalThis, 'fetch').mockImplementation(async (input) => (String(input) === '/api/portal/documents' ? Response.json([]) : answer()));

/** Pretends this browser runs in `zone` (the component reads it once, when it mounts). */
function deviceIn(zone: string) {
  const resolvedOptions = Intl.DateTimeFormat.prototype.resolvedOptions;
  vi.spyOn(Intl.DateTimeFormat.prototype, 'resolvedOptions').mockImplementation(function (this: Intl.DateTimeFormat) {
    return { ...resolvedOptions.call(this), timeZone: zone };
  });
}

const openPortal = () => setup(<PortalPage />, { route: '/portal' });
const sessionTime = () => screen.getByText(/^Tue, Mar 3, 2026|^Wed, Mar 4, 2026/);

afterEach(() => {
  vi.restoreAllMocks();
  sessionStorage.clear();
});

describe('PortalPage', () => {
  it('greets the participant and shows the session in their time zone, zone named', async () => {
    deviceIn('Europe/Madrid');
    const fetchSpy = serve(() => Response.json(portalView()));
    openPortal();
    expect(await screen.findByRole('heading', { level: 1, name: 'Hello, Marta García' })).toBeTruthy();
    expect(fetchSpy.mock.calls[0]![0]).toBe('/api/portal/session');
    expect(screen.getByText('Clínica Sol')).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'Physiotherapy follow-up' })).toBeTruthy();
    expect(screen.getByText('You will join by video from this page.')).toBeTruthy();
    expect(screen.getByText('Dr. Lucía Núñez')).toBeTruthy();
    expect(sessionTime().textContent).toBe('Tue, Mar 3, 2026 · 4:00 PM – 4:30 PM Madrid (GMT+1)');
    expect((screen.getByLabelText('Show times in') as HTMLSelectElement).value).toBe('Europe/Madrid');
    // The device is already in Madrid: nothing to offer.
    expect(screen.queryByRole('button', { name: "Use this device's time zone" })).toBeNull();
    // The sections show once the session has painted.
    for (const name of ['Documents to complete', 'Chat', 'Video']) expect(await screen.findByRole('heading', { name })).toBeTruthy();
    expect(await screen.findByText('Nothing to complete.')).toBeTruthy();
  });

  it('shows the times in another zone when the participant picks one', async () => {
    deviceIn('Europe/Madrid');
    serve(() => Response.json(portalView()));
    const { user } = openPortal();
    const picker = await screen.findByRole('combobox', { name: 'Show times in' });
    // Every zone is listed once the session has painted.
    await screen.findByRole('option', { name: /^America\/New York/ });
    await user.selectOptions(picker, 'America/New_York');
    expect((picker as HTMLSelectElement).value).toBe('America/New_York');
    expect(within(picker).getByRole('option', { name: /^America\/New York \(UTC-0[45]:00\)$/ })).toBeTruthy();
    expect(sessionTime().textContent).toBe('Tue, Mar 3, 2026 · 10:00 AM – 10:30 AM EST');
  });

  it("offers this device's time zone when it differs, and keeps the choice for the tab", async () => {
    deviceIn('Asia/Tokyo');
    serve(() => Response.json(portalView()));
    const first = openPortal();
    await first.user.click(await screen.findByRole('button', { name: "Use this device's time zone" }));
    expect(sessionTime().textContent).toBe('Wed, Mar 4, 2026 · 12:00 AM – 12:30 AM Tokyo (GMT+9)');
    expect(screen.queryByRole('button', { name: "Use this device's time zone" })).toBeNull();

    first.unmount();
    openPortal();
    expect((await screen.findByText(/^Wed, Mar 4, 2026/)).textContent).toContain('Tokyo (GMT+9)');
  });

  it('says clearly when the session was canceled, and offers no calendar entry', async () => {
    serve(() => Response.json(portalView({ status: 'canceled' })));
    openPortal();
    const notice = await screen.findByRole('alert');
    expect(within(notice).getByText('This session was canceled')).toBeTruthy();
    expect(screen.queryByRole('heading', { name: 'Add to calendar' })).toBeNull();
    expect(screen.queryByText('You will join by video from this page.')).toBeNull();
    expect(screen.queryByRole('heading', { name: 'Video' })).toBeNull();
  });

  it('adds the session to a calendar: the .ics file, Google Calendar and Outlook', async () => {
    serve(() => Response.json(portalView()));
    openPortal();
    const calendar = within(await screen.findByRole('region', { name: 'Add to calendar' }));
    expect(calendar.getByRole('link', { name: 'Calendar file' }).getAttribute('href')).toBe('/api/portal/calendar.ics');

    const google = calendar.getByRole('link', { name: 'Google Calendar' });
    const googleUrl = new URL(google.getAttribute('href')!);
    expect(googleUrl.origin + googleUrl.pathname).toBe('https://calendar.google.com/calendar/render');
    expect(googleUrl.searchParams.get('dates')).toBe('20260303T150000Z/20260303T153000Z');
    expect(googleUrl.searchParams.get('text')).toBe('Physiotherapy follow-up with Dr. Lucía Núñez');
    expect(google.getAttribute('target')).toBe('_blank');
    expect(google.getAttribute('rel')).toBe('noopener noreferrer');

    const outlook = calendar.getByRole('link', { name: 'Outlook' });
    const outlookUrl = new URL(outlook.getAttribute('href')!);
    expect(outlookUrl.searchParams.get('startdt')).toBe('2026-03-03T15:00:00Z');
    expect(outlook.getAttribute('rel')).toBe('noopener noreferrer');
  });

  it('tells the participant how a phone session happens, without a video section', async () => {
    serve(() => Response.json(portalView({ sessionType: { name: 'Phone call', modality: 'phone' } })));
    openPortal();
    expect(await screen.findByText('Your provider will call you.')).toBeTruthy();
    expect(screen.queryByRole('heading', { name: 'Video' })).toBeNull();
  });

  it('offers a retry when the network fails twice in a row', async () => {
    const fetchSpy = vi.spyOn(globalThis, 'fetch').mockRejectedValue(new TypeError('Failed to fetch'));
    const { user } = openPortal();
    // One automatic retry after a second, then the question goes to the person.
    const retry = await screen.findByRole('button', { name: 'Try again' }, { timeout: 3000 });
    expect(screen.getByRole('heading', { name: 'Your session could not be loaded' })).toBeTruthy();
    fetchSpy.mockImplementation(async (input) => Response.json(String(input) === '/api/portal/documents' ? [] : portalView()));
    await user.click(retry);
    expect(await screen.findByRole('heading', { name: 'Hello, Marta García' })).toBeTruthy();
  });

  it('sends a participant without a valid cookie back to their invitation link', async () => {
    serve(() => problem(401, 'unauthenticated'));
    openPortal();
    expect(await screen.findByRole('heading', { name: "This link doesn't work anymore" })).toBeTruthy();
    expect(screen.getByText(/Open the link from your invitation again/)).toBeTruthy();
    expect(screen.queryByRole('heading', { name: /^Hello/ })).toBeNull();
  });
});
