import { screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { PortalVerification } from '../../../shared/portal';
import { setup } from '../../testing/render';
import { PortalPage } from './PortalPage';

const problem = (status: number, code: string, detail = 'x', errors?: { path: string; message: string }[]) =>
  new Response(JSON.stringify({ type: `urn:carebeam:problem:${code}`, title: 'x', status, code, detail, ...(errors ? { errors } : {}) }), {
    status,
    headers: { 'content-type': 'application/problem+json' },
  });

const step = (overrides: Partial<PortalVerification> = {}): PortalVerification => ({
  organization: { name: 'Clínica Sol' },
  required: true,
  method: 'date_of_birth',
  codeDestination: null,
  ...overrides,
});

/** The page is held back (403 verification_required); `verification` answers the step, `answer` a POST. */
function serve(verification: PortalVerification, answer: () => Response = () => new Response(null, { status: 204 })) {
  return vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
    const url = String(input);
    if (url === '/api/portal/verification' && init?.method !== 'POST') return Response.json(verification);
    if (url.startsWith('/api/portal/verification')) return answer();
    return problem(403, 'verification_required');
  });
}

afterEach(() => vi.restoreAllMocks());

describe('the verification step', () => {
  it('asks for the date of birth, says how it read it, and shows a refusal on the field', async () => {
    const fetchSpy = serve(step(), () => problem(422, 'verification_failed', 'No match', [{ path: 'dateOfBirth', message: 'This date of birth does not match our records' }]));
    const { user } = setup(<PortalPage />, { route: '/portal' });
    expect(await screen.findByRole('heading', { name: 'Confirm it’s you' })).toBeTruthy();
    expect(screen.getAllByText(/Clínica Sol/).length).toBeGreaterThan(0);
    const field = screen.getByRole('textbox', { name: 'Your date of birth' });
    expect((screen.getByRole('button', { name: 'Continue' }) as HTMLButtonElement).disabled).toBe(true);
    await user.type(field, 'March 5, 1985');
    expect(screen.getByText('Understood as March 5, 1985')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    expect(await screen.findByText('This date of birth does not match our records')).toBeTruthy();
    const post = fetchSpy.mock.calls.find(([url, init]) => String(url) === '/api/portal/verification' && init?.method === 'POST');
    expect(JSON.parse(String(post![1]!.body))).toEqual({ dateOfBirth: '1985-03-05' });
  });

  it('says when no code can be sent', async () => {
    serve(step({ method: 'one_time_code', codeDestination: null }));
    setup(<PortalPage />, { route: '/portal' });
    expect(await screen.findByText(/the clinic has no email address or phone number for you/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Send me a code' })).toBeNull();
  });

  it('sends a code, then takes six digits', async () => {
    serve(step({ method: 'one_time_code', codeDestination: 'by SMS to +3 ••• 5678' }), () =>
      Response.json({ sentTo: 'by SMS to +3 ••• 5678', expiresAt: '2026-03-03T15:10:00Z' }, { status: 202 }),
    );
    const { user } = setup(<PortalPage />, { route: '/portal' });
    expect(await screen.findByText('We’ll send a 6-digit code by SMS to +3 ••• 5678.')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Send me a code' }));
    const code = await screen.findByRole('textbox', { name: 'Code' });
    await user.type(code, '12345');
    expect((screen.getByRole('button', { name: 'Continue' }) as HTMLButtonElement).disabled).toBe(true);
    await user.type(code, '6');
    expect((screen.getByRole('button', { name: 'Continue' }) as HTMLButtonElement).disabled).toBe(false);
  });
});
