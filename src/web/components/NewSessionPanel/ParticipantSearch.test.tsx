import { screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Participant } from '../../../shared/participants';
import { uuid } from '../../testing/chat-server';
import { setup } from '../../testing/render';
import { ParticipantSearch } from './ParticipantSearch';

const person = (n: number, name: string): Participant => ({ id: uuid(900 + n), name, email: `${name.split(' ')[0]!.toLowerCase()}@example.test`, phone: null, timeZone: 'UTC', invitationType: 'email', dateOfBirth: null });
const GRACE = person(1, 'Grace Hopper');
const GRETA = person(2, 'Greta Garbo');

function search(directory: Participant[], excludeIds: string[]) {
  vi.spyOn(globalThis, 'fetch').mockImplementation(async () => Response.json(directory));
  const onPick = vi.fn();
  const result = setup(<ParticipantSearch excludeIds={excludeIds} onPick={onPick} onAddNew={vi.fn()} />);
  return { ...result, onPick };
}

afterEach(() => vi.restoreAllMocks());

describe('ParticipantSearch', () => {
  it('names someone already in the session as such, and does not let them be picked again', async () => {
    const { user, onPick } = search([GRACE, GRETA], [GRACE.id]);
    await user.type(screen.getByRole('textbox', { name: 'Select or invite a participant' }), 'Gr');
    expect(await screen.findByText('Already in this session')).toBeTruthy();
    expect(screen.queryByText('No one in the directory matches.')).toBeNull();
    await user.click(screen.getByText('Grace Hopper'));
    expect(onPick).not.toHaveBeenCalled();
    await user.click(screen.getByText('Greta Garbo'));
    expect(onPick).toHaveBeenCalledWith(GRETA);
  });

  it('says no one matches only when the directory has no one', async () => {
    const { user } = search([], []);
    await user.type(screen.getByRole('textbox', { name: 'Select or invite a participant' }), 'Zed');
    expect(await screen.findByText('No one in the directory matches.')).toBeTruthy();
  });
});
