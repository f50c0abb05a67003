import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { APIRequestContext, Page } from '@playwright/test';
import { hotp, base32Decode } from '../../src/server/modules/auth/totp';
import { DEMO, DEMO_PASSWORD, expect, expectNoViolations, snap, test } from './fixtures';

/**
 * An authenticator app for the test: codes from the secret the page shows, on the server's clock
 * (E2E_NOW may set it apart from the real one), never a time step twice (the server refuses a
 * replayed step, and the ±1 step window accepts the next one early).
 */
class Authenticator {
  private lastStep = 0;
  constructor(
    private readonly secret: string,
    private readonly serverOffsetMs: number,
  ) {}
  code(): string {
    const step = Math.max(Math.floor((Date.now() + this.serverOffsetMs) / 30_000), this.lastStep + 1);
    this.lastStep = step;
    return hotp(base32Decode(this.secret), step);
  }
}

/** How far the server's clock is from this process's: the newest sign-in was made just now. */
async function serverOffset(request: APIRequestContext): Promise<number> {
  const signIns = (await (await request.get('/api/account/sign-ins')).json()) as { createdAt: string; current: boolean }[];
  return Date.parse(signIns.find((s) => s.current)!.createdAt) - Date.now();
}

/** Scans nothing: reads the secret printed beside the QR code, as a person typing it would. */
async function enrolThroughPage(page: Page, offset: number): Promise<{ app: Authenticator; recoveryCodes: string[] }> {
  await page.getByRole('button', { name: 'Set up authenticator app' }).click();
  await expect(page.getByRole('img', { name: 'QR code for your authenticator app' })).toBeVisible();
  const secret = (await page.getByTestId('mfa-secret').innerText()).replace(/\s/g, '');
  expect(secret).toMatch(/^[A-Z2-7]{32}$/);
  const app = new Authenticator(secret, offset);
  const code = page.getByLabel('6-digit code');
  await expect(code).toHaveAttribute('autocomplete', 'one-time-code');
  await expect(code).toHaveAttribute('inputmode', 'numeric');
  await code.fill(app.code());
  return { app, recoveryCodes: await finishEnrolment(page) };
}

async function finishEnrolment(page: Page): Promise<string[]> {
  await page.getByRole('button', { name: 'Turn on' }).click();
  const list = page.getByRole('list', { name: 'Recovery codes' });
  await expect(list.getByRole('listitem')).toHaveCount(10);
  return list.getByRole('listitem').allInnerTexts();
}

async function signInWithPassword(page: Page, origin: string, email: string, password: string) {
  await page.goto(`${origin}/signin`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

test.describe('two-step sign-in', () => {
  test('enrol on the account page, then sign in with a code and with a recovery code', async ({ page, freshUser, signInAsUser, baseURL }) => {
    test.setTimeout(90_000);
    const user = await freshUser(['provider']);
    await signInAsUser(user, '/account');
    await expect(page.getByRole('heading', { name: 'Two-step sign-in' })).toBeVisible();
    const offset = await serverOffset(page.request);
    await page.getByRole('button', { name: 'Set up authenticator app' }).click();
    await expect(page.getByRole('img', { name: 'QR code for your authenticator app' })).toBeVisible();
    await snap(page, 'mfa-enrol');
    await expectNoViolations(page, 'enrolment');
    const secret = (await page.getByTestId('mfa-secret').innerText()).replace(/\s/g, '');
    const app = new Authenticator(secret, offset);
    await page.getByLabel('6-digit code').fill(app.code());
    const recoveryCodes = await finishEnrolment(page);
    await expect(page.getByRole('button', { name: 'Download' })).toBeVisible();
    await snap(page, 'mfa-recovery-codes');
    await page.getByRole('button', { name: 'Done' }).click();
    await expect(page.getByText('10 of 10 recovery codes left')).toBeVisible();

    // Sign out, then in: the password leads to the second step, which a code completes.
    await page.getByRole('button', { name: /account menu$/ }).click();
    await page.getByRole('menuitem', { name: 'Sign out' }).click();
    await signInWithPassword(page, baseURL!, user.email, user.password);
    await expect(page.getByRole('heading', { name: 'Two-step sign-in' })).toBeVisible();
    await expect(page).toHaveURL(/\/signin\/verify/);
    const field = page.getByLabel('6-digit code');
    await expect(field).toBeFocused();
    await expect(field).toHaveAttribute('autocomplete', 'one-time-code');
    await expect(field).toHaveAttribute('inputmode', 'numeric');
    await snap(page, 'mfa-second-step');
    await expectNoViolations(page, 'the second step');
    // Half signed in, the API answers nothing else.
    const held = await page.request.get('/api/sessions');
    expect(held.status()).toBe(401);
    expect((await held.json()).code).toBe('mfa_required');
    await field.fill('000000');
    await page.getByRole('button', { name: 'Verify' }).click();
    await expect(page.getByRole('alert')).toContainText('That code is not correct');
    await field.fill(app.code());
    await page.getByRole('button', { name: 'Verify' }).click();
    await expect(page).toHaveURL(/\/appointments/);
    await expect(page.getByRole('button', { name: new RegExp(`^${user.name}.*account menu$`) })).toBeVisible();

    // Once more, with a recovery code instead.
    await page.getByRole('button', { name: /account menu$/ }).click();
    await page.getByRole('menuitem', { name: 'Sign out' }).click();
    await signInWithPassword(page, baseURL!, user.email, user.password);
    await page.getByRole('button', { name: 'Use a recovery code instead' }).click();
    await page.getByLabel('Recovery code').fill(recoveryCodes[0]!);
    await page.getByRole('button', { name: 'Verify' }).click();
    await expect(page).toHaveURL(/\/appointments/);
    await page.goto('/account');
    await expect(page.getByText('9 of 10 recovery codes left')).toBeVisible();
  });

  test('an administrator sees who has two-step sign-in and resets a lost one', async ({ page, freshUser, signInAs, newContext }) => {
    const user = await freshUser(['provider']);
    // The user enrols in their own browser; the administrator works in `page`.
    const phone = await (await newContext()).newPage();
    const response = await phone.request.post('/api/auth/login', { data: { email: user.email, password: user.password } });
    expect(response.status()).toBe(200);
    await phone.goto('/account');
    await enrolThroughPage(phone, await serverOffset(phone.request));

    await signInAs('admin', '/users');
    const row = page.getByRole('row').filter({ hasText: user.email });
    await expect(row.getByText('On')).toBeVisible();
    await row.getByRole('button', { name: `Reset two-step sign-in of ${user.name}` }).click();
    const dialog = page.getByRole('dialog', { name: 'Reset two-step sign-in?' });
    await dialog.getByRole('button', { name: 'Reset' }).click();
    await expect(dialog).toBeHidden();
    await expect(row.getByText('Off')).toBeVisible();
    // Their sign-ins ended.
    expect((await phone.request.get('/api/sessions')).status()).toBe(401);
  });
});

/** A server of its own (port: the main one + 11), so requiring MFA there cannot hold other specs' demo users. */
const PORT = Number(process.env.E2E_PORT ?? 3210) + 11;
const ORIGIN = `http://localhost:${PORT}`;

async function startServer(dataDir: string): Promise<ChildProcess> {
  // Node itself, not npx: the SIGTERM at the end must reach the server.
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
    env: { ...process.env, PORT: String(PORT), HOST: '127.0.0.1', PUBLIC_URL: ORIGIN, DATA_DIR: dataDir, SEED_DEMO: 'true', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  for (let i = 0; i < 240; i++) {
    if (child.exitCode !== null) throw new Error(`the server exited (${child.exitCode})`);
    const up = await fetch(`${ORIGIN}/api/health`).then((r) => r.ok, () => false);
    if (up) return child;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error('the server did not start');
}

test('an organization that requires two-step sign-in sends an unenrolled user to enrolment first', async ({ page, newContext }) => {
  test.setTimeout(180_000);
  const dataDir = mkdtempSync(join(tmpdir(), 'carebeam-mfa-policy-'));
  const server = await startServer(dataDir);
  try {
    // The administrator requires it on the Settings page.
    await signInWithPassword(page, ORIGIN, DEMO.admin, DEMO_PASSWORD);
    await expect(page).toHaveURL(/\/appointments/);
    await page.goto(`${ORIGIN}/settings`);
    const policy = page.getByRole('switch', { name: 'Require two-step sign-in' });
    await policy.check();
    await page.getByRole('button', { name: 'Save settings' }).click();
    // Not enrolled either, the administrator is held at enrolment at once.
    await expect(page.getByRole('heading', { name: 'Set up two-step sign-in' })).toBeVisible();

    const provider = await (await newContext()).newPage();
    await signInWithPassword(provider, ORIGIN, DEMO.provider, DEMO_PASSWORD);
    await expect(provider.getByRole('heading', { name: 'Set up two-step sign-in' })).toBeVisible();
    await provider.goto(`${ORIGIN}/participants`);
    await expect(provider.getByRole('heading', { name: 'Set up two-step sign-in' })).toBeVisible();
    expect((await (await provider.request.get(`${ORIGIN}/api/participants`)).json()).code).toBe('mfa_enrolment_required');
    await snap(provider, 'mfa-required-enrol');

    // Enrolment is the way in; the server's clock is the real one here (no E2E_NOW for this server).
    await enrolThroughPage(provider, 0);
    await snap(provider, 'mfa-required-recovery-codes');
    await provider.getByRole('button', { name: 'Continue to Carebeam' }).click();
    await expect(provider.getByRole('heading', { name: 'Participants' })).toBeVisible();
  } finally {
    server.kill('SIGTERM');
    await new Promise((resolve) => server.once('exit', resolve));
    rmSync(dataDir, { recursive: true, force: true });
  }
});
