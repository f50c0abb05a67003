import { screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { setup } from '../testing/render';
import { SignInForm } from './SignInForm';

const problem = (status: number, code: string, detail: string) =>
  new Response(JSON.stringify({ type: `urn:carebeam:problem:${code}`, title: 'x', status, code, detail }), {
    status,
    headers: { 'content-type': 'application/problem+json' },
  });

afterEach(() => vi.restoreAllMocks());

describe('SignInForm', () => {
  it('names empty fields and sends nothing', async () => {
    const fetchSpy = vi.spyOn(globalThis, 'fetch');
    const { user } = setup(<SignInForm onSignedIn={() => undefined} />);
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByText('Enter your email address')).toBeTruthy();
    expect(screen.getByText('Enter your password')).toBeTruthy();
    expect(fetchSpy).not.toHaveBeenCalled();
  });

  it('shows the rate-limit message the server gives', async () => {
    vi.spyOn(globalThis, 'fetch').mockResolvedValue(problem(429, 'too_many_attempts', 'Too many'));
    const { user } = setup(<SignInForm onSignedIn={() => undefined} />);
    await user.type(screen.getByLabelText('Email'), 'a@clinic.test');
    await user.type(screen.getByLabelText('Password', { selector: 'input' }), 'whatever');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect((await screen.findByRole('alert')).textContent).toContain('Too many attempts. Wait a minute, then try again.');
  });

  it('posts the credentials and hands back the signed-in user', async () => {
    const me = { id: 'u1', name: 'Nora', email: 'a@clinic.test', roles: ['provider'] };
    const fetchSpy = vi.spyOn(globalThis, 'fetch').mockResolvedValue(Response.json(me));
    const onSignedIn = vi.fn();
    const { user } = setup(<SignInForm onSignedIn={onSignedIn} />);
    await user.type(screen.getByLabelText('Email'), 'a@clinic.test');
    await user.type(screen.getByLabelText('Password', { selector: 'input' }), 'secret passphrase');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    await waitFor(() => expect(onSignedIn).toHaveBeenCalledWith(me, expect.anything(), undefined, expect.anything()));
    const [url, init] = fetchSpy.mock.calls[0]!;
    expect(url).toBe('/api/auth/login');
    expect(JSON.parse(String(init?.body))).toEqual({ email: 'a@clinic.test', password: 'secret passphrase' });
  });
});
