import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { test as base, expect, type Page } from '@playwright/test';

export const DEMO_PASSWORD = 'carebeam-demo';
export const DEMO = {
  admin: 'admin@demo.carebeam.test',
  dispatcher: 'dispatcher@demo.carebeam.test',
  provider: 'provider@demo.carebeam.test',
  provider2: 'provider2@demo.carebeam.test',
} as const;
export type DemoRole = keyof typeof DEMO;

const SCREENS = fileURLToPath(new URL('../../test-results/screens', import.meta.url));
mkdirSync(SCREENS, { recursive: true });

/** Saves a full-page screenshot to test-results/screens/<name>.png for a person to look at. */
export async function snap(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `${SCREENS}/${name}.png`, fullPage: true });
}

/** Signs in through the real sign-in page. */
export async function signInThroughForm(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto('/signin');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

interface Fixtures {
  /** Signs the page in as a demo user through the API (fast), then opens `path`. */
  signInAs: (role: DemoRole, path?: string) => Promise<void>;
}

export const test = base.extend<Fixtures>({
  signInAs: async ({ page }, use) => {
    await use(async (role, path = '/appointments') => {
      const response = await page.request.post('/api/auth/login', {
        data: { email: DEMO[role], password: DEMO_PASSWORD },
      });
      expect(response.status()).toBe(200);
      await page.goto(path);
    });
  },
});

export { expect };
