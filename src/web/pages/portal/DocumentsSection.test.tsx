import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ACKNOWLEDGEMENT_FIELD, type DocumentToComplete } from '../../../shared/documents';
import { setup } from '../../testing/render';
import { DocumentsSection } from './DocumentsSection';

const doc = (overrides: Partial<DocumentToComplete>): DocumentToComplete => ({
  id: 'd1',
  templateId: 't1',
  name: 'Intake form',
  audience: 'participant',
  kind: 'form',
  version: 1,
  assignee: { kind: 'participant', id: 'p1', name: 'Marta García' },
  status: 'pending',
  completedAt: null,
  fields: [{ id: 'reason', label: 'Reason for the visit', type: 'short_text', required: true }],
  answers: null,
  completedBy: null,
  fileUrl: null,
  ...overrides,
});

const INTAKE = doc({});
const CONSENT = doc({ id: 'd2', name: 'Consent to treatment', kind: 'pdf', fields: [ACKNOWLEDGEMENT_FIELD], fileUrl: '/api/portal/documents/d2/file' });
const PRIVACY = doc({ id: 'd3', name: 'Privacy notice', status: 'completed', completedAt: '2026-03-01T10:00:00Z', answers: { reason: 'x' } });
const completed = (d: DocumentToComplete, answers: Record<string, unknown>): DocumentToComplete => ({
  ...d,
  status: 'completed',
  completedAt: '2026-03-03T10:00:00Z',
  answers,
  completedBy: { kind: 'participant', name: 'Marta García' },
});

const problem = (status: number, code: string, errors?: { path: string; message: string }[]) =>
  new Response(JSON.stringify({ type: `urn:carebeam:problem:${code}`, title: 'x', status, code, detail: 'x', ...(errors ? { errors } : {}) }), {
    status,
    headers: { 'content-type': 'application/problem+json' },
  });

/** The list for GET; each POST takes the next answer in turn, which may change the list. */
function serve(initial: DocumentToComplete[], postAnswers: ((list: DocumentToComplete[]) => [Response, DocumentToComplete[]?])[] = []) {
  let list = initial;
  return vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
    if ((init?.method ?? 'GET') === 'GET' && String(input) === '/api/portal/documents') return Response.json(list);
    const answer = init?.method === 'POST' ? postAnswers.shift() : undefined;
    if (!answer) return problem(500, 'internal_error');
    const [response, next] = answer(list);
    if (next) list = next;
    return response;
  });
}

const posted = (spy: ReturnType<typeof serve>) =>
  spy.mock.calls.filter(([, init]) => init?.method === 'POST').map(([url, init]) => ({ url: String(url), body: JSON.parse(String(init?.body)) }));

const openSection = (canceled = false) => {
  const result = setup(<DocumentsSection canceled={canceled} />);
  return { ...result, invalidated: vi.spyOn(result.queryClient, 'invalidateQueries') };
};
const item = (name: string) => within(screen.getByRole('listitem', { name }));

afterEach(() => {
  vi.restoreAllMocks();
  sessionStorage.clear();
});

describe('DocumentsSection', () => {
  it('lists pending documents first, then completed ones with their signed copy', async () => {
    serve([PRIVACY, INTAKE, CONSENT]);
    openSection();
    const items = await screen.findAllByRole('listitem');
    expect(items.map((i) => within(i).getByRole('heading').textContent)).toEqual([
      'Intake form',
      'Consent to treatment',
      'Privacy notice',
    ]);
    expect(item('Intake form').getByText('Pending')).toBeTruthy();
    expect(item('Intake form').getByRole('button', { name: 'Fill in' })).toBeTruthy();
    expect(item('Consent to treatment').getByRole('button', { name: 'Read and sign' })).toBeTruthy();
    expect(item('Privacy notice').getByText('Completed')).toBeTruthy();
    expect(item('Privacy notice').getByRole('link', { name: 'Download your signed copy' }).getAttribute('href')).toBe('/api/portal/documents/d3/pdf');
    expect(item('Intake form').queryByRole('link', { name: 'Download your signed copy' })).toBeNull();
  });

  it('says when there is nothing to complete', async () => {
    serve([]);
    openSection();
    expect(await screen.findByText('Nothing to complete.')).toBeTruthy();
  });

  it('fills in a form, posts { answers }, then confirms calmly with the download link', async () => {
    const fetchSpy = serve(
      [INTAKE],
      [(list) => [Response.json(completed(INTAKE, { reason: 'Knee pain' })), list.map((d) => (d.id === 'd1' ? completed(d, { reason: 'Knee pain' }) : d))]],
    );
    const { user, invalidated } = openSection();
    await user.click(await screen.findByRole('button', { name: 'Fill in' }));
    await user.type(await screen.findByRole('textbox', { name: 'Reason for the visit' }), 'Knee pain');
    await user.click(screen.getByRole('button', { name: 'Send' }));

    const thanks = await screen.findByRole('status');
    expect(within(thanks).getByText('Thank you, this document is complete')).toBeTruthy();
    expect(document.activeElement).toBe(thanks);
    expect(posted(fetchSpy)).toEqual([{ url: '/api/portal/documents/d1', body: { answers: { reason: 'Knee pain' } } }]);
    expect(item('Intake form').getByText('Completed')).toBeTruthy();
    expect(item('Intake form').getByRole('link', { name: 'Download your signed copy' }).getAttribute('href')).toBe('/api/portal/documents/d1/pdf');
    expect(screen.queryByRole('textbox')).toBeNull();
    expect(invalidated).toHaveBeenCalledWith({ queryKey: ['portal', 'documents'] });
  });

  it('shows a PDF to read with a link to open it, then takes the acknowledgement signature', async () => {
    const fetchSpy = serve([CONSENT], [() => [Response.json(completed(CONSENT, { acknowledgement: 'Marta García' }))]]);
    // happy-dom loads no page into the iframe (it logs a NotSupportedError saying so).
    const { user } = openSection();
    await user.click(await screen.findByRole('button', { name: 'Read and sign' }));
    const frame = await screen.findByTitle('Consent to treatment (PDF)');
    expect(frame.tagName).toBe('IFRAME');
    expect(frame.getAttribute('src')).toBe('/api/portal/documents/d2/file');
    const open = screen.getByRole('link', { name: 'Open the PDF' });
    expect(open.getAttribute('href')).toBe('/api/portal/documents/d2/file');
    expect(open.getAttribute('target')).toBe('_blank');

    const signature = screen.getByRole('group', { name: 'I have read this document and I agree to it' });
    await user.click(within(signature).getByRole('radio', { name: 'Type' }));
    await user.type(within(signature).getByRole('textbox', { name: 'Type your full name' }), 'Marta García');
    await user.click(screen.getByRole('button', { name: 'Sign and send' }));
    expect(await screen.findByText('Thank you, this document is complete')).toBeTruthy();
    expect(posted(fetchSpy)).toEqual([{ url: '/api/portal/documents/d2', body: { answers: { acknowledgement: 'Marta García' } } }]);
  });

  it('shows the server’s field errors under the field and keeps what was typed', async () => {
    serve([INTAKE], [() => [problem(400, 'invalid_request', [{ path: 'answers.reason', message: 'Use at most 500 characters' }])]]);
    const { user } = openSection();
    await user.click(await screen.findByRole('button', { name: 'Fill in' }));
    const reason = screen.getByRole('textbox', { name: 'Reason for the visit' }) as HTMLInputElement;
    await user.type(reason, 'Knee pain');
    await user.click(screen.getByRole('button', { name: 'Send' }));
    expect(await screen.findByText('Use at most 500 characters')).toBeTruthy();
    expect(reason.getAttribute('aria-invalid')).toBe('true');
    expect(reason.value).toBe('Knee pain');
    expect(item('Intake form').getByText('Pending')).toBeTruthy();
  });

  it('says kindly when the document was already completed, and offers the signed copy', async () => {
    const fetchSpy = serve([INTAKE], [(list) => [problem(409, 'already_completed'), list.map((d) => completed(d, { reason: 'Earlier' }))]]);
    const { user } = openSection();
    await user.click(await screen.findByRole('button', { name: 'Fill in' }));
    await user.type(await screen.findByRole('textbox', { name: 'Reason for the visit' }), 'Knee pain');
    await user.click(screen.getByRole('button', { name: 'Send' }));

    const notice = await screen.findByRole('status');
    expect(within(notice).getByText('This document was already completed')).toBeTruthy();
    expect(within(notice).getByText('There is nothing more to do here.')).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
    expect(item('Intake form').getByText('Completed')).toBeTruthy();
    expect(item('Intake form').getByRole('link', { name: 'Download your signed copy' })).toBeTruthy();
    // The list is asked again, so it matches the server.
    await waitFor(() => expect(fetchSpy.mock.calls.filter(([url]) => url === '/api/portal/documents')).toHaveLength(2));
  });

  it('explains a session canceled meanwhile, and offers nothing to fill in once it is', async () => {
    serve([INTAKE], [() => [problem(409, 'invalid_state')]]);
    const { user, unmount } = openSection();
    await user.click(await screen.findByRole('button', { name: 'Fill in' }));
    await user.type(await screen.findByRole('textbox', { name: 'Reason for the visit' }), 'Knee pain');
    await user.click(screen.getByRole('button', { name: 'Send' }));
    expect((await screen.findByRole('alert')).textContent).toBe('This session was canceled, so this document can no longer be completed.');
    unmount();

    openSection(true);
    expect(await screen.findByText('Not needed anymore: the session was canceled.')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Fill in' })).toBeNull();
  });
});
