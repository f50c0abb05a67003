import { screen } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { StaffUser } from '../../../shared/users';
import { setup } from '../../testing/render';
import { emptyDraft, type SessionDraft } from './draft';
import { SessionStep } from './SessionStep';

const host = (id: string, name: string): StaffUser => ({ id, name, email: `${id}@clinic.test`, roles: ['provider'], timeZone: 'America/New_York', deactivated: false, invitation: null, mfa: false });
const HOSTS = [host('h1', 'Dr. Ada'), host('h2', 'Dr. Ben')];

function Harness({ initial }: { readonly initial: SessionDraft }) {
  const [draft, setDraft] = useState(initial);
  return (
    <>
      <SessionStep
        draft={draft}
        update={(patch) => setDraft((d) => ({ ...d, ...patch }))}
        services={[]}
        sessionTypes={[]}
        templates={[]}
        hosts={HOSTS}
        viewerTimeZone="America/New_York"
        missing={[]}
        onNext={() => undefined}
      />
      <output data-testid="start">{draft.start ?? 'none'}</output>
    </>
  );
}

describe('SessionStep', () => {
  afterEach(() => vi.restoreAllMocks());

  it('says so when a new host clears the time that was chosen, and says nothing when none was', async () => {
    vi.spyOn(globalThis, 'fetch').mockImplementation(async () => Response.json({ hostId: 'h2', timeZone: 'America/New_York', slots: [] }));
    const chosen = { ...emptyDraft('h1'), date: '2026-12-02', start: '2026-12-02T14:00:00.000Z' };
    const { user, unmount } = setup(<Harness initial={chosen} />);
    await user.click(screen.getByRole('combobox', { name: 'Session Host' }));
    await user.click(await screen.findByRole('option', { name: /Dr\. Ben/, hidden: true }));
    expect(screen.getByTestId('start').textContent).toBe('none');
    expect(screen.getByText(/The time you had chosen was cleared/).getAttribute('role')).toBe('status');
    unmount();

    const { user: other } = setup(<Harness initial={emptyDraft('h1')} />);
    await other.click(screen.getByRole('combobox', { name: 'Session Host' }));
    await other.click(await screen.findByRole('option', { name: /Dr\. Ben/, hidden: true }));
    expect(screen.queryByText(/The time you had chosen was cleared/)).toBeNull();
  });

  it('asks a scheduler who hosts nothing for the host first; a preselected host stays after the service', () => {
    vi.spyOn(globalThis, 'fetch').mockImplementation(async () => Response.json({ hostId: 'h1', timeZone: 'America/New_York', slots: [] }));
    const hostComesFirst = () =>
      Boolean(screen.getByRole('combobox', { name: 'Session Host' }).compareDocumentPosition(screen.getByRole('combobox', { name: 'Service' })) & Node.DOCUMENT_POSITION_FOLLOWING);
    const { unmount } = setup(<Harness initial={emptyDraft(null)} />);
    expect(hostComesFirst()).toBe(true);
    unmount();
    setup(<Harness initial={emptyDraft('h1')} />);
    expect(hostComesFirst()).toBe(false);
  });
});
