import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type APIRequestContext, type BrowserContext, type BrowserContextOptions, test as base, expect, type Locator, type Page } from '@playwright/test';

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

/** WCAG 2.1 A and AA rules that axe can decide by itself, on the page as it stands. */
export async function expectNoViolations(page: Page, where: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const found = results.violations.flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.html.slice(0, 160)}: ${(n.any[0] ?? n.all[0] ?? n.none[0])?.message ?? v.help}`));
  expect(found, `${where}:\n${found.join('\n')}`).toEqual([]);
}

/** Signs in through the real sign-in page. */
export async function signInThroughForm(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto('/signin');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  // Until the answer is in: a test that navigates right after the click aborted the sign-in
  // request and landed on the sign-in page (seen once the web build was a production one).
  const answered = page.waitForResponse((response) => response.url().endsWith('/api/auth/login') && response.request().method() === 'POST');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await answered;
}

export interface FreshUser {
  id: string;
  name: string;
  email: string;
  password: string;
}

/**
 * Browser tests at a chosen instant: with E2E_NOW (an ISO instant) set, the server's clock starts
 * there (TEST_CLOCK_START, see playwright.config.ts) and so does every browser context's, as if
 * set at E2E_CLOCK_SET_AT and running since; Playwright's clock then runs on in real time.
 */
async function installTestClock(context: BrowserContext): Promise<void> {
  const start = process.env.E2E_NOW;
  if (!start) return;
  await context.clock.install({ time: Date.parse(start) + (Date.now() - Number(process.env.E2E_CLOCK_SET_AT)) });
}

interface Fixtures {
  /** Another browser (a participant's phone, a second sign-in) on the same clock as the page's; closed after the test. */
  newContext: (options?: BrowserContextOptions) => Promise<BrowserContext>;
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
  context: async ({ context }, use) => {
    await installTestClock(context);
    await use(context);
  },
  newContext: async ({ browser }, use) => {
    const contexts: BrowserContext[] = [];
    await use(async (options) => {
      const context = await browser.newContext(options);
      contexts.push(context);
      await installTestClock(context);
      return context;
    });
    for (const context of contexts) await context.close();
  },
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
        data: { name: user.name, email: user.email, roles, timeZone: overrides.timeZone ?? 'America/New_York' },
      });
      expect(response.status()).toBe(201);
      // Invited users choose their own password, through the link their invitation email carries.
      const token = linkToken(await waitForEmail(user.email));
      expect((await admin.post('/api/auth/set-password', { data: { token, password: user.password } })).status()).toBe(204);
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

/** The token of the set-password or setup link an email carries. */
export function linkToken(mail: ReceivedEmail): string {
  const match = /\?token=([\w-]+)/.exec(mail.text);
  if (!match) throw new Error('The email carries no password link');
  return match[1]!;
}

/** Work Hours on every day of the week, so a test finds free times whatever day it runs. */
export async function workEveryDay(api: APIRequestContext, userId: string, timeZone: string, start = '00:00', end = '24:00') {
  const weekly = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start, end }));
  const response = await api.put(`/api/users/${userId}/work-hours`, { data: { timeZone, weekly, overrides: [] } });
  expect(response.status()).toBe(200);
}

/** The days of the shown month that have free times, in the calendar inside `scope`. */
export const freeDays = (scope: Locator) => scope.locator('table button:not([data-disabled]):not([disabled]):not([data-outside])');

/**
 * In the calendar inside `scope`, which must open on the month of the host's first free time
 * (so there is no earlier month to go back to), chooses the first free day, then that day's
 * last free time: later ones stay free while the test goes on, the first could pass. Returns
 * the time's accessible name.
 */
export async function pickFreeTime(scope: Locator): Promise<string> {
  const day = freeDays(scope).first();
  await expect(day).toBeVisible();
  await expect(scope.getByRole('button', { name: 'Previous month' })).toBeDisabled();
  await day.click();
  const time = scope.getByRole('radiogroup', { name: 'Free times' }).getByRole('radio').last();
  await time.click();
  return (await time.getAttribute('aria-label')) ?? '';
}

/** Opens New Session on a Follow-up video visit at a free time; returns the panel. */
export async function startFollowUpAtFreeTime(page: Page): Promise<Locator> {
  await page.getByRole('button', { name: 'Schedule new session' }).first().click();
  const panel = page.getByRole('dialog', { name: 'New Session' });
  await panel.getByRole('combobox', { name: 'Service' }).fill('follow');
  await page.getByRole('option', { name: /Follow-up visit/ }).click();
  await panel.getByText('Video visit').click();
  await pickFreeTime(panel);
  return panel;
}

/**
 * Books a session through the API for `hostId`, with one participant, and returns its id. Its
 * time is the host's 12th free time by the server's clock (this test's own clock may differ):
 * far enough ahead not to pass while the test edits the session.
 */
export async function bookThroughApi(page: Page, hostId: string, participantName: string) {
  const services = await (await page.request.get('/api/services?query=follow')).json();
  const free = await (await page.request.get(`/api/availability?hostId=${hostId}&serviceId=${services[0].id}&limit=12`)).json();
  const start = free.slots.at(-1).start;
  const response = await page.request.post('/api/sessions', {
    data: {
      serviceId: services[0].id,
      sessionTypeId: services[0].sessionTypeIds[0],
      hostId,
      start,
      participants: [{ name: participantName, email: `${participantName.split(' ')[0]!.toLowerCase()}-${Date.now()}@example.test`, timeZone: 'UTC', invitationType: 'email' }],
    },
  });
  expect(response.status()).toBe(201);
  return (await response.json()).id as string;
}

export { expect };
