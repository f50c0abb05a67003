import { screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AuditItem, AuditPage as Page } from '../../../shared/audit';
import { uuid } from '../../testing/chat-server';
import { setup } from '../../testing/render';
import { HOST_ME, SignedIn } from '../../testing/staff';
import { describeEvent } from './actions';
import { apiFilters } from './audit-query';
import { AuditPage } from './AuditPage';

const ANA = { kind: 'user' as const, id: uuid(1), name: 'Dr. Ana Ruiz' };
const BELLA = { id: uuid(11), name: 'Bella Ortiz' };
const SESSION = { id: uuid(900), title: 'Follow-up visit', start: '2026-03-03T15:00:00.000Z' };

const event = (n: number, overrides: Partial<AuditItem> = {}): AuditItem => ({
  id: String(n),
  at: '2026-03-02T14:00:00.000Z',
  actor: ANA,
  action: 'session.rescheduled',
  outcome: 'success',
  entity: { type: 'session', id: SESSION.id, name: null },
  participantIds: [BELLA.id],
  participants: [BELLA],
  sessionId: SESSION.id,
  session: SESSION,
  ...overrides,
});

afterEach(() => vi.restoreAllMocks());

describe('describeEvent', () => {
  it('says each event in words, with a readable fallback for actions it does not know', () => {
    expect(describeEvent(event(1))).toBe('Dr. Ana Ruiz rescheduled Follow-up visit with Bella Ortiz');
    expect(describeEvent(event(2, { action: 'session.participant_removed' }))).toBe('Dr. Ana Ruiz removed Bella Ortiz from Follow-up visit');
    expect(describeEvent(event(3, { action: 'participant.updated', sessionId: null, session: null }))).toBe('Dr. Ana Ruiz changed the record of Bella Ortiz');
    expect(describeEvent(event(4, { action: 'user.updated', entity: { type: 'user', id: uuid(2), name: 'Dr. Ben Cho' }, participants: [], participantIds: [], sessionId: null, session: null }))).toBe(
      'Dr. Ana Ruiz changed the account of Dr. Ben Cho',
    );
    expect(describeEvent(event(5, { action: 'session.invitation_sent', actor: { kind: 'system', id: null, name: null } }))).toBe('Invitation to Bella Ortiz sent for Follow-up visit');
    expect(describeEvent(event(6, { action: 'session.link_opened', actor: { kind: 'participant', id: BELLA.id, name: BELLA.name } }))).toBe('Bella Ortiz opened their link to Follow-up visit with Bella Ortiz');
    expect(describeEvent(event(7, { action: 'user.kiosk_locked', actor: { kind: 'anonymous', id: null, name: null }, participants: [], participantIds: [], sessionId: null, session: null }))).toBe(
      'Someone not signed in: user kiosk locked',
    );
    expect(describeEvent(event(8, { action: 'note.read' }))).toBe('Dr. Ana Ruiz viewed the notes of Follow-up visit with Bella Ortiz');
    expect(describeEvent(event(9, { action: 'user.kiosk_opened' }))).toBe('Dr. Ana Ruiz: user kiosk opened · Follow-up visit with Bella Ortiz');
  });

  it('reads a day range in the viewer’s zone', () => {
    const query = apiFilters(new URLSearchParams({ from: '2026-03-01', to: '2026-03-08', participantId: BELLA.id }), 'America/New_York');
    // EST until March 8 at 2 AM, EDT after: the end is midnight after the 8th, at UTC−4.
    expect(Object.fromEntries(query)).toEqual({ participantId: BELLA.id, from: '2026-03-01T05:00:00.000Z', to: '2026-03-09T04:00:00.000Z' });
  });
});

describe('AuditPage', () => {
  it('lists events as sentences with time and zone, marks failures, loads more and exports with the filters', async () => {
    const first: Page = { items: [event(3), event(2, { action: 'session.ehr_failed', actor: { kind: 'system', id: null, name: null }, outcome: 'failed' })], nextCursor: '2' };
    const second: Page = { items: [event(1, { action: 'session.created', at: '2026-03-01T14:00:00.000Z' })], nextCursor: null };
    const fetchSpy = vi.spyOn(globalThis, 'fetch').mockImplementation(async (input) => {
      const url = String(input);
      if (url.startsWith('/api/me')) return Response.json({ ...HOST_ME, roles: ['admin'] });
      if (url.startsWith('/api/audit?')) return Response.json(url.includes('cursor=2') ? second : first);
      if (url.startsWith('/api/participants/')) return Response.json({ ...BELLA, email: null, phone: null, timeZone: 'UTC', invitationType: 'none' });
      return Response.json([]);
    });
    const { user } = setup(
      <SignedIn>
        <AuditPage />
      </SignedIn>,
      { route: `/audit?participantId=${BELLA.id}` },
    );
    const list = await screen.findByRole('list', { name: 'Audit events' });
    const items = within(list).getAllByRole('listitem');
    expect(items[0]!.textContent).toContain('Dr. Ana Ruiz rescheduled Follow-up visit with Bella Ortiz');
    expect(items[0]!.textContent).toContain('Mon, Mar 2, 2026 · 9:00 AM EST');
    expect(within(items[1]!).getByText('Failed')).toBeTruthy();
    expect(items[1]!.textContent).toContain('Sending Follow-up visit with Bella Ortiz to the EHR failed');
    expect(within(items[0]!).queryByText('Failed')).toBeNull();
    expect(fetchSpy.mock.calls.some(([url]) => String(url) === `/api/audit?participantId=${BELLA.id}`)).toBe(true);
    expect(screen.getByRole('link', { name: 'Export CSV' }).getAttribute('href')).toBe(`/api/audit/export.csv?participantId=${BELLA.id}`);

    await user.click(screen.getByRole('button', { name: 'Load more' }));
    expect(await within(list).findByText('Dr. Ana Ruiz scheduled Follow-up visit with Bella Ortiz')).toBeTruthy();
    expect(fetchSpy.mock.calls.some(([url]) => String(url) === `/api/audit?participantId=${BELLA.id}&cursor=2`)).toBe(true);
    expect(screen.queryByRole('button', { name: 'Load more' })).toBeNull();
  });
});
