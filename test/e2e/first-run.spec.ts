import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, snap, test } from './fixtures';

const LOGO = fileURLToPath(new URL('../../src/server/testing/logos/logo.png', import.meta.url));

/** A second server on an empty database without the demo, on its own port (the main one + 10). */
const PORT = Number(process.env.E2E_PORT ?? 3210) + 10;
const ORIGIN = `http://localhost:${PORT}`;

function startEmptyServer(dataDir: string): { child: ChildProcess; setupLink: Promise<string> } {
  // Node itself, not npx: a SIGTERM at the end must reach the server, or it outlives the test on its port.
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
    env: { ...process.env, PORT: String(PORT), HOST: '127.0.0.1', PUBLIC_URL: ORIGIN, DATA_DIR: dataDir, SEED_DEMO: 'false', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const setupLink = new Promise<string>((resolve, reject) => {
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /(http:\/\/\S+\/setup\?token=[\w-]+)/.exec(output);
      if (match) resolve(match[1]!);
    });
    child.once('exit', (code) => reject(new Error(`the server exited (${code}) before printing a setup link`)));
  });
  return { child, setupLink };
}

test('first run: the printed setup link creates the organization and its administrator, once', async ({ page }) => {
  test.setTimeout(180_000);
  const dataDir = mkdtempSync(join(tmpdir(), 'carebeam-first-run-'));
  const server = startEmptyServer(dataDir);
  try {
    const link = await server.setupLink;
    expect(link.startsWith(`${ORIGIN}/setup?token=`)).toBe(true);

    await page.goto(link);
    await expect(page.getByRole('heading', { name: 'Set up Carebeam' })).toBeVisible();
    await page.getByLabel('Organization name').fill('Harbor Clinic');
    await page.getByLabel('Your name').fill('Ada Admin');
    await page.getByLabel('Your email').fill('ada@harbor.test');
    await page.getByLabel('Your password').fill('short');
    await page.getByRole('button', { name: 'Set up Carebeam' }).click();
    await expect(page.getByText('Use at least 12 characters')).toBeVisible();
    await page.getByLabel('Your password').fill('tulip otter granite lamp');
    const chooser = page.waitForEvent('filechooser');
    await page.getByLabel('Logo (optional)').click();
    await (await chooser).setFiles(LOGO);
    await snap(page, 'first-run-setup');
    await page.getByRole('button', { name: 'Set up Carebeam' }).click();
    await expect(page.getByRole('heading', { name: 'Carebeam is set up' })).toBeVisible();

    await page.goto(link);
    await expect(page.getByRole('heading', { name: 'This setup link no longer works' })).toBeVisible();
    await snap(page, 'first-run-link-used');

    // This server's own sign-in page (signInThroughForm opens the main server's).
    await page.goto(`${ORIGIN}/signin`);
    await page.getByLabel('Email').fill('ada@harbor.test');
    await page.getByLabel('Password', { exact: true }).fill('tulip otter granite lamp');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('button', { name: /^Ada Admin\s*Administrator\s*, account menu$/ })).toBeVisible();
    await expect(page.getByText('Harbor Clinic')).toBeVisible();
    // The logo chosen at setup was saved for the new organization.
    const organization = (await (await page.request.get(`${ORIGIN}/api/organization`)).json()) as { logo: { width: number; height: number } | null };
    expect(organization.logo).toMatchObject({ width: 120, height: 40 });
  } finally {
    server.child.kill('SIGTERM');
    await new Promise((resolve) => server.child.once('exit', resolve));
    rmSync(dataDir, { recursive: true, force: true });
  }
});
