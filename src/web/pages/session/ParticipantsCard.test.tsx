import { Notifications, notifications } from '@mantine/notifications';
import { screen, waitFor, within } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Participant } from '../../../shared/participants';
import type { DeliveryState, SessionDetails } from '../../../shared/sessions';
import type { Me } from '../../../shared/users';
import { useMe } from '../../auth/sign-in';
import { setup } from '../../testing/render';
import { ParticipantsCard } from './ParticipantsCard';

const SESSION_ID = '0b7c2f5e-1111-4c1a-9d7e-000000000001';
const ROSA_ID = '0b7c2f5e-2222-4c1a-9d7e-000000000002';

// The organization is in Madrid; the viewer reads times in New York.
const me: Me = {
  id: 'u1',
  name: 'Dr. Lucía Núñez',
  email: 'lucia@clinic.test',
  roles: ['provider'],
  timeZone: 'America/New_York',
  organization: { id: 'o1', name: 'Clínica Sol', timeZone: 'Europe/Madrid' },
  signInIdleMinutes: 30,
};

type Row = SessionDetails['participants'][number];
const participant = (name: string, delivery: DeliveryState, overrides: Partial<Row> = {}): Row => ({
  id: `p-${delivery}`,
  name,
  timeZone: 'Europe/Madrid',
  invitationType: 'email',
  email: `${name.split(' ')[0]!.toLowerCase()}@example.test`,
  phone: null,
  delivery,
  ...overrides,
});

const rosa: Participant = { id: ROSA_ID, name: 'Rosa Relative', email: 'rosa@example.test', phone: null, timeZone: 'Europe/Madrid', invitationType: 'email', dateOfBirth: null };

const sessionDetails = (overrides: Partial<SessionDetails> = {}): SessionDetails => ({
  id: SESSION_ID,
  status: 'scheduled',
  startedAt: null,
  endedAt: null,
  start: '2026-03-03T15:00:00Z',
  end: '2026-03-03T15:30:00Z',
  hostId: 'u1',
  serviceId: 'svc',
  sessionTypeId: 'st',
  version: 1,
  service: { id: 'svc', name: 'Physiotherapy follow-up', durationMinutes: 30 },
  sessionType: { id: 'st', name: 'Video consultation', modality: 'video' },
  host: { id: 'u1', name: 'Dr. Lucía Núñez', timeZone: 'Europe/Madrid' },
  documentProgress: { total: 0, completed: 0 },
  participants: [participant('Marta García', 'opened')],
  cancelReason: null,
  previousSessionId: null,
  documents: [],
  createdAt: '2026-02-20T09:00:00Z',
  createdBy: { id: 'u1', name: 'Dr. Lucía Núñez' },
  ...overrides,
});

interface Request {
  method: string;
  url: string;
  body: unknown;
}

const problem = (status: number, code: string, detail: string, extra: Record<string, unknown> = {}) =>
  new Response(JSON.stringify({ type: `urn:carebeam:problem:${code}`, title: 'x', status, code, detail, ...extra }), {
    status,
    headers: { 'content-type': 'application/problem+json' },
  });

/** Answers /api/me and the directory search; everything else goes to `answer`. */
function serve(answer: (request: Request) => Response | undefined = () => undefined, directory: Participant[] = []) {
  return vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
    const request = { method: init?.method ?? 'GET', url: String(input), body: init?.body ? JSON.parse(String(init.body)) : undefined };
    if (request.url.startsWith('/api/me')) return Response.json(me);
    if (request.url.startsWith('/api/participants?')) return Response.json(directory);
    return answer(request) ?? problem(404, 'not_found', `Nothing at ${request.url}`);
  });
}

const sent = (spy: ReturnType<typeof serve>, method: string) =>
  spy.mock.calls.filter(([, init]) => (init?.method ?? 'GET') === method).map(([url, init]) => ({ url: String(url), body: init?.body ? JSON.parse(String(init.body)) : undefined }));

/** The card renders only inside the signed-in shell, where the signed-in user is known. */
function SignedIn({ children }: { readonly children: ReactNode }) {
  return useMe().data ? children : null;
}

function openCard(session: SessionDetails, startAdding = false) {
  const result = setup(
    <>
      <Notifications />
      <SignedIn>
        <ParticipantsCard session={session} viewerTimeZone="America/New_York" startAdding={startAdding} />
      </SignedIn>
    </>,
  );
  const invalidated = vi.spyOn(result.queryClient, 'invalidateQueries');
  return { ...result, invalidated };
}

/** Picks the first directory match by keyboard: happy-dom leaves Mantine's dropdown at display:none. */
async function searchAndPick(user: ReturnType<typeof setup>['user'], text: string, optionText: string | RegExp) {
  const search = screen.getByLabelText('Select or invite a participant');
  await user.type(search, text);
  await screen.findByText(optionText);
  await user.keyboard('{ArrowDown}{Enter}');
}

afterEach(() => {
  vi.restoreAllMocks();
  // The notifications store outlives each render.
  notifications.clean();
});

describe('ParticipantsCard', () => {
  it('lists each participant with contact, zone, invitation and a delivery badge that explains itself', async () => {
    serve();
    openCard(
      sessionDetails({
        participants: [
          participant('Link Only', 'not_invited', { invitationType: 'none', email: null }),
          participant('Queued Person', 'queued'),
          participant('Sent Person', 'sent', { invitationType: 'email_sms', phone: '+34600000000' }),
          participant('Failed Person', 'failed', { invitationType: 'sms', email: null, phone: '+34600000001' }),
          participant('Marta García', 'opened'),
        ],
      }),
    );
    expect(await screen.findByRole('heading', { name: 'Participants (5)' })).toBeTruthy();
    const rows = screen.getAllByRole('row').slice(1);
    const cells = (index: number) => within(rows[index]!).getAllByRole('cell').map((cell) => cell.textContent);

    // 10:00 AM EST in New York is 4:00 PM in Madrid (UTC+1 in March).
    expect(cells(0).slice(0, 5)).toEqual(['Link Only', '—', 'Europe/MadridStarts 4:00 PM Madrid (GMT+1) for them', 'Link only', 'Not invited']);
    expect(cells(2)[1]).toBe('sent@example.test · +34600000000');
    expect(cells(3)[1]).toBe('+34600000001');
    expect(cells(3)[3]).toBe('SMS');

    const badges = ['Not invited', 'Queued', 'Sent', 'Failed', 'Opened link'].map((label, index) => within(rows[index]!).getByText(label));
    for (const badge of badges) expect(badge.closest('[title]')?.getAttribute('title')).toBeTruthy();
    expect(badges[3]!.closest('[title]')?.getAttribute('title')).toMatch(/could not be delivered/);
    expect(badges[4]!.closest('[title]')?.getAttribute('title')).toMatch(/opened their private session page/);
    expect(within(rows[4]!).getByRole('button', { name: 'Copy link for Marta García' })).toBeTruthy();
  });

  it('asks before removing someone, then deletes them and refreshes the session and its history', async () => {
    const fetchSpy = serve(({ method }) => (method === 'DELETE' ? new Response(null, { status: 204 }) : undefined));
    const { user, invalidated } = openCard(sessionDetails());
    await user.click(await screen.findByRole('button', { name: 'Remove Marta García' }));

    const dialog = await screen.findByRole('dialog', { name: 'Remove participant' });
    expect(dialog.textContent).toContain('Remove Marta García from this session? Their private link stops working and they get no further messages.');
    expect(sent(fetchSpy, 'DELETE')).toEqual([]);

    await user.click(within(dialog).getByRole('button', { name: 'Remove' }));
    await waitFor(() => expect(sent(fetchSpy, 'DELETE')).toEqual([{ url: `/api/sessions/${SESSION_ID}/participants/p-opened`, body: undefined }]));
    expect(await screen.findByText('Marta García was removed')).toBeTruthy();
    expect(invalidated).toHaveBeenCalledWith({ queryKey: ['session', SESSION_ID] });
    expect(invalidated).toHaveBeenCalledWith({ queryKey: ['session-history', SESSION_ID] });
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Remove participant' })).toBeNull());
  });

  it('keeps the participant when the removal is called off', async () => {
    const fetchSpy = serve();
    const { user } = openCard(sessionDetails());
    await user.click(await screen.findByRole('button', { name: 'Remove Marta García' }));
    await user.click(within(await screen.findByRole('dialog')).getByRole('button', { name: 'Keep Marta García' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(sent(fetchSpy, 'DELETE')).toEqual([]);
  });

  it('adds someone picked from the directory only after saying how they will be invited, by id', async () => {
    const marta = { ...rosa, id: 'p-opened', name: 'Marta García', email: 'marta@example.test' };
    const fetchSpy = serve(({ method }) => (method === 'POST' ? Response.json(rosa, { status: 201 }) : undefined), [marta, rosa]);
    const { user, invalidated } = openCard(sessionDetails());
    await user.click(await screen.findByRole('button', { name: 'Add participant' }));
    const dialog = await screen.findByRole('dialog', { name: 'Add participant' });

    await user.type(within(dialog).getByLabelText('Select or invite a participant'), 'R');
    await screen.findByText('Rosa Relative');
    // Marta is already a participant: named as such and not offered again, so the first option is Rosa.
    const offered = screen.getAllByRole('option', { hidden: true }).map((option) => [option.textContent, option.getAttribute('aria-disabled') === 'true']);
    expect(offered).toEqual([
      ['Rosa Relativerosa@example.test', false],
      ['Marta GarcíaAlready in this session', true],
      ['Add new Participant: R', false],
    ]);
    await user.keyboard('{ArrowDown}{Enter}');
    // Picking only chooses: who and how, then nothing is sent until Invite.
    expect(within(dialog).getByText(/by email to r•••@example\.test/)).toBeTruthy();
    expect(sent(fetchSpy, 'POST')).toEqual([]);
    await user.click(within(dialog).getByRole('button', { name: 'Invite' }));
    await waitFor(() => expect(sent(fetchSpy, 'POST')).toEqual([{ url: `/api/sessions/${SESSION_ID}/participants`, body: { participantId: ROSA_ID } }]));
    expect(await screen.findByText('Rosa Relative was invited')).toBeTruthy();
    expect(screen.getByText('The invitation goes out by email.')).toBeTruthy();
    expect(invalidated).toHaveBeenCalledWith({ queryKey: ['session', SESSION_ID] });
    expect(invalidated).toHaveBeenCalledWith({ queryKey: ['session-history', SESSION_ID] });
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Add participant' })).toBeNull());
  });

  it('offers the directory entry when a new person’s email is already there', async () => {
    const fetchSpy = serve(({ method, body }) => {
      if (method !== 'POST') return undefined;
      if (body && typeof body === 'object' && 'participantId' in body) return Response.json(rosa, { status: 201 });
      return problem(409, 'participant_exists', 'Rosa Relative already has this email address in the directory', {
        existing: rosa,
        errors: [{ path: 'email', message: 'Already in the directory as Rosa Relative' }],
      });
    });
    const { user } = openCard(sessionDetails(), true);

    // Opened at once: the page was reached through "Add participants".
    const dialog = await screen.findByRole('dialog', { name: 'Add participant' });
    await searchAndPick(user, 'Rosa', 'Add new Participant: Rosa');
    // A new person starts in the organization's time zone.
    expect((within(dialog).getByLabelText(/^Time zone/, { selector: 'input' }) as HTMLInputElement).value).toMatch(/^Europe\/Madrid/);
    expect((within(dialog).getByLabelText(/^Name/, { selector: 'input' }) as HTMLInputElement).value).toBe('Rosa');
    await user.type(within(dialog).getByRole('textbox', { name: /^Email/ }), 'rosa@example.test');
    await user.click(within(dialog).getByRole('button', { name: 'Add participant' }));

    expect((await within(dialog).findByRole('alert')).textContent).toContain('Email: Already in the directory as Rosa Relative');
    expect(sent(fetchSpy, 'POST')[0]?.body).toEqual({ name: 'Rosa', timeZone: 'Europe/Madrid', invitationType: 'email', email: 'rosa@example.test' });

    await user.click(within(dialog).getByRole('button', { name: 'Use Rosa Relative from the directory' }));
    await user.click(within(dialog).getByRole('button', { name: 'Invite' }));
    await waitFor(() => expect(sent(fetchSpy, 'POST')[1]?.body).toEqual({ participantId: ROSA_ID }));
    expect(await screen.findByText('Rosa Relative was invited')).toBeTruthy();
  });

  it('shows why a pick was refused and stays open', async () => {
    serve(({ method }) => (method === 'POST' ? problem(409, 'already_participant', 'Rosa Relative is already a participant of this session') : undefined), [rosa]);
    const { user } = openCard(sessionDetails());
    await user.click(await screen.findByRole('button', { name: 'Add participant' }));
    const dialog = await screen.findByRole('dialog', { name: 'Add participant' });
    await searchAndPick(user, 'Rosa', 'Rosa Relative');
    await user.click(within(dialog).getByRole('button', { name: 'Invite' }));
    expect((await within(dialog).findByRole('alert')).textContent).toBe('Rosa Relative is already a participant of this session');
    expect(screen.getByRole('dialog', { name: 'Add participant' })).toBeTruthy();
  });

  it('takes no more changes once the session is canceled, and says why', async () => {
    serve();
    openCard(sessionDetails({ status: 'canceled', cancelReason: 'Host ill' }), true);
    expect(await screen.findByText('Participants can no longer be added or removed: the session was canceled.')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Add participant' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Remove Marta García' })).toBeNull();
    expect(screen.queryByRole('dialog')).toBeNull();
  });
});
