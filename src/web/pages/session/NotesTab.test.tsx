import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { SessionNote } from '../../../shared/session-management';
import { setup } from '../../testing/render';
import { NotesTab } from './NotesTab';

const SESSION_ID = '0b7c2f5e-1111-4c1a-9d7e-000000000001';
const ORIGINAL_ID = '0b7c2f5e-3333-4c1a-9d7e-000000000001';

const note = (id: string, createdAt: string, body: string, amends: string | null = null): SessionNote => ({
  id,
  body,
  amends,
  author: { id: 'u1', name: 'Dr. Lucía Núñez' },
  createdAt,
});

// Newest first, as the server sends them. 15:30Z is 10:30 AM EST in New York.
const NOTES = [
  note('n3', '2026-03-03T16:10:00Z', 'Knee: 30 degrees of flexion, not 20.', ORIGINAL_ID),
  note('n2', '2026-03-03T15:45:00Z', 'Line one\nLine two <b>not bold</b>'),
  note(ORIGINAL_ID, '2026-03-03T15:30:00Z', 'Knee: 20 degrees of flexion.'),
];

const problem = (status: number, code: string, detail: string, errors?: { path: string; message: string }[]) =>
  new Response(JSON.stringify({ type: `urn:carebeam:problem:${code}`, title: 'x', status, code, detail, ...(errors ? { errors } : {}) }), {
    status,
    headers: { 'content-type': 'application/problem+json' },
  });

/** GET answers `notes`; each POST takes the next answer in turn. */
function serve(notes: SessionNote[], postAnswers: (() => Response)[] = []) {
  return vi.spyOn(globalThis, 'fetch').mockImplementation(async (_input, init) => {
    if ((init?.method ?? 'GET') === 'GET') return Response.json(notes);
    const answer = postAnswers.shift();
    return answer ? answer() : problem(500, 'internal_error', 'Unexpected request');
  });
}

const posted = (spy: ReturnType<typeof serve>) =>
  spy.mock.calls.filter(([, init]) => init?.method === 'POST').map(([url, init]) => ({ url: String(url), body: JSON.parse(String(init?.body)) }));

const openNotes = () => {
  const result = setup(<NotesTab sessionId={SESSION_ID} viewerTimeZone="America/New_York" />);
  return { ...result, invalidated: vi.spyOn(result.queryClient, 'invalidateQueries') };
};

afterEach(() => vi.restoreAllMocks());

describe('NotesTab', () => {
  it('lists notes newest first, as plain text in the viewer’s zone, with amendments linked to what they amend', async () => {
    serve(NOTES);
    const { container } = openNotes();
    const items = within(await screen.findByRole('list', { name: 'Notes' })).getAllByRole('listitem');
    expect(items.map((item) => item.querySelector('time')?.textContent)).toEqual([
      'Tue, Mar 3, 2026 · 11:10 AM EST',
      'Tue, Mar 3, 2026 · 10:45 AM EST',
      'Tue, Mar 3, 2026 · 10:30 AM EST',
    ]);
    expect(items[0]!.textContent).toContain('Dr. Lucía Núñez');
    expect(within(items[0]!).getByText('Amends the note of Tue, Mar 3, 2026 · 10:30 AM EST')).toBeTruthy();
    expect(within(items[2]!).getByText('Amended')).toBeTruthy();
    expect(within(items[0]!).queryByText('Amended')).toBeNull();

    // Typed text is never markup, and its line breaks stay.
    const body = within(items[1]!).getByText(/^Line one/);
    expect(body.textContent).toBe('Line one\nLine two <b>not bold</b>');
    expect(body.style.whiteSpace).toBe('pre-wrap');
    expect(container.querySelector('b')).toBeNull();

    expect(screen.getByText('Notes can’t be edited; an amendment is added beside the original.')).toBeTruthy();
  });

  it('says when there are no notes yet', async () => {
    serve([]);
    openNotes();
    expect(await screen.findByText('No notes yet')).toBeTruthy();
  });

  it('posts a new note, keeps it when the server refuses it, and empties the field once saved', async () => {
    const fetchSpy = serve(NOTES, [
      () => problem(400, 'invalid_request', 'The request body has invalid fields', [{ path: 'body', message: 'Use at most 20,000 characters' }]),
      () => Response.json(note('n4', '2026-03-03T16:20:00Z', 'Walked without crutches.'), { status: 201 }),
    ]);
    const { user, invalidated } = openNotes();
    await screen.findByRole('list', { name: 'Notes' });
    const field = screen.getByRole('textbox', { name: 'New note' });
    await user.click(screen.getByRole('button', { name: 'Add note' }));
    expect(await screen.findByText('Write the note')).toBeTruthy();
    expect(posted(fetchSpy)).toEqual([]);

    await user.type(field, 'Walked without crutches.');
    await user.click(screen.getByRole('button', { name: 'Add note' }));
    expect(await screen.findByText('Use at most 20,000 characters')).toBeTruthy();
    expect((field as HTMLTextAreaElement).value).toBe('Walked without crutches.');

    await user.click(screen.getByRole('button', { name: 'Add note' }));
    await waitFor(() => expect((field as HTMLTextAreaElement).value).toBe(''));
    expect(posted(fetchSpy)).toEqual([
      { url: `/api/sessions/${SESSION_ID}/notes`, body: { body: 'Walked without crutches.' } },
      { url: `/api/sessions/${SESSION_ID}/notes`, body: { body: 'Walked without crutches.' } },
    ]);
    expect(invalidated).toHaveBeenCalledWith({ queryKey: ['session-notes', SESSION_ID] });
    expect(invalidated).toHaveBeenCalledWith({ queryKey: ['session-history', SESSION_ID] });
  });

  it('amends a note beside the original: prefilled, posted with `amends`, and kept when saving fails', async () => {
    const fetchSpy = serve(NOTES, [
      () => problem(503, 'unavailable', 'Carebeam is busy. Please try again.'),
      () => Response.json(note('n4', '2026-03-03T16:20:00Z', 'Knee: 25 degrees of flexion.', ORIGINAL_ID), { status: 201 }),
    ]);
    const { user } = openNotes();
    // A new note half written stays as typed while amending.
    await user.type(await screen.findByRole('textbox', { name: 'New note' }), 'Half a thought');
    await user.click(await screen.findByRole('button', { name: 'Amend the note of Tue, Mar 3, 2026 · 10:30 AM EST' }));

    expect(screen.getByText('Amending the note of Tue, Mar 3, 2026 · 10:30 AM EST by Dr. Lucía Núñez')).toBeTruthy();
    const amendment = screen.getByRole('textbox', { name: /^Amendment/ }) as HTMLTextAreaElement;
    expect(amendment.value).toBe('Knee: 20 degrees of flexion.');
    expect(document.activeElement).toBe(amendment);
    const save = screen.getByRole('button', { name: 'Save amendment' }) as HTMLButtonElement;
    // Saying the same again would only add noise.
    expect(save.disabled).toBe(true);

    await user.clear(amendment);
    await user.type(amendment, 'Knee: 25 degrees of flexion.');
    await user.click(save);
    expect((await screen.findByRole('alert')).textContent).toBe('Carebeam is busy. Please try again.');
    expect(amendment.value).toBe('Knee: 25 degrees of flexion.');

    await user.click(save);
    await waitFor(() => expect(screen.queryByRole('textbox', { name: /^Amendment/ })).toBeNull());
    expect(posted(fetchSpy).map((p) => p.body)).toEqual([
      { body: 'Knee: 25 degrees of flexion.', amends: ORIGINAL_ID },
      { body: 'Knee: 25 degrees of flexion.', amends: ORIGINAL_ID },
    ]);
    expect((screen.getByRole('textbox', { name: 'New note' }) as HTMLTextAreaElement).value).toBe('Half a thought');
  });
});
