import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type APIRequestContext, test as base, expect, type Locator, type Page } from '@playwright/test';

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

export interface FreshUser {
  id: string;
  name: string;
  email: string;
  password: string;
}

interface Fixtures {
  /** An API client signed in as the demo administrator, to arrange data a test needs. */
  adminApi: APIRequestContext;
  /** Signs the page in as a demo user through the API (fast), then opens `path`. */
  signInAs: (role: DemoRole, path?: string) => Promise<void>;
  /** A new staff user of the demo clinic, so a test can change their data without touching others'. */
  freshUser: (roles: ('admin' | 'dispatcher' | 'provider')[], overrides?: { name?: string; timeZone?: string }) => Promise<FreshUser>;
  /** Signs the page in as the given user, then opens `path`. */
  signInAsUser: (user: FreshUser, path?: string) => Promise<void>;
}

export const test = base.extend<Fixtures>({
  adminApi: async ({ playwright, baseURL }, use) => {
    const admin = await playwright.request.newContext({ baseURL });
    expect((await admin.post('/api/auth/login', { data: { email: DEMO.admin, password: DEMO_PASSWORD } })).status()).toBe(200);
    await use(admin);
    await admin.dispose();
  },
  freshUser: async ({ adminApi: admin }, use) => {
    await use(async (roles, overrides = {}) => {
      const unique = `${Date.now()}-${Math.random().toString(36).slice(2, 7)}`;
      const user = { name: overrides.name ?? `Test ${unique}`, email: `e2e-${unique}@demo.carebeam.test`, password: 'e2e passphrase 123' };
      const response = await admin.post('/api/users', {
        data: { ...user, roles, timeZone: overrides.timeZone ?? 'America/New_York' },
      });
      expect(response.status()).toBe(201);
      return { ...user, id: (await response.json()).id };
    });
  },
  signInAsUser: async ({ page }, use) => {
    await use(async (user, path = '/appointments') => {
      const response = await page.request.post('/api/auth/login', { data: { email: user.email, password: user.password } });
      expect(response.status()).toBe(200);
      await page.goto(path);
    });
  },
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

export interface ReceivedEmail {
  to: string[];
  subject: string;
  text: string;
  html: string;
}

/** The first email the app sent to `address` (matching `match`), read from the test SMTP server's files. */
export async function waitForEmail(address: string, match: (mail: ReceivedEmail) => boolean = () => true): Promise<ReceivedEmail> {
  const dir = process.env.E2E_MAIL_DIR;
  if (!dir) throw new Error('E2E_MAIL_DIR is not set: run the browser tests through `npm run test:e2e`');
  const until = Date.now() + 20_000;
  for (;;) {
    for (const file of readdirSync(dir).sort()) {
      const mail = JSON.parse(readFileSync(join(dir, file), 'utf8')) as ReceivedEmail;
      if (mail.to.includes(address) && match(mail)) return mail;
    }
    if (Date.now() > until) throw new Error(`no email to ${address} arrived`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** Work Hours on every day of the week, so a test finds free times whatever day it runs. */
export async function workEveryDay(api: APIRequestContext, userId: string, timeZone: string, start = '00:00', end = '24:00') {
  const weekly = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start, end }));
  const response = await api.put(`/api/users/${userId}/work-hours`, { data: { timeZone, weekly, overrides: [] } });
  expect(response.status()).toBe(200);
}

/** Opens New Session on a Follow-up video visit at the first free time; returns the panel. */
export async function startFollowUpAtFirstFreeTime(page: Page): Promise<Locator> {
  await page.getByRole('button', { name: 'Schedule new session' }).first().click();
  const panel = page.getByRole('dialog', { name: 'New Session' });
  await panel.getByRole('combobox', { name: 'Service' }).fill('follow');
  await page.getByRole('option', { name: /Follow-up visit/ }).click();
  await panel.getByText('Video visit').click();
  await panel.locator('table button:not([data-disabled]):not([disabled]):not([data-outside])').first().click();
  await panel.getByRole('radiogroup', { name: 'Free times' }).getByRole('radio').first().click();
  return panel;
}

export { expect };
