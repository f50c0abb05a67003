import { readFileSync } from 'node:fs';
import type { APIRequestContext, Page } from '@playwright/test';
import { expect, snap, test, workEveryDay } from './fixtures';
import { startTcpProxy } from './tcp-proxy';

/** A 1×1 PNG: the participant's "photo". */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

/** Books a session at the host's first free time with Ana (email) and Ben (link only); returns their join links. */
async function bookWithTwo(api: APIRequestContext, hostId: string) {
  const services = await (await api.get('/api/services')).json();
  const service = services.find((s: { name: string }) => s.name === 'Follow-up visit');
  const first = await (await api.get(`/api/availability?hostId=${hostId}&serviceId=${service.id}&limit=1`)).json();
  const unique = Date.now().toString(36);
  const created = await api.post('/api/sessions', {
    data: {
      serviceId: service.id,
      sessionTypeId: service.sessionTypeIds[0],
      hostId,
      start: first.slots[0].start,
      participants: [
        { name: `Ana Chat ${unique}`, email: `ana-${unique}@example.test`, timeZone: 'Europe/Madrid', invitationType: 'email' },
        { name: `Ben Chat ${unique}`, timeZone: 'America/New_York', invitationType: 'none' },
      ],
    },
  });
  expect(created.status()).toBe(201);
  const session = await created.json();
  const link = async (participantId: string) => (await (await api.post(`/api/sessions/${session.id}/participants/${participantId}/link`)).json()).url as string;
  return { id: session.id as string, ana: { name: `Ana Chat ${unique}`, link: await link(session.participants[0].id) }, ben: { name: `Ben Chat ${unique}`, link: await link(session.participants[1].id) } };
}

const portalChat = (page: Page) => page.getByRole('region', { name: 'Chat' });
const portalLog = (page: Page) => portalChat(page).getByRole('log', { name: 'Messages' });
async function portalSend(page: Page, text: string) {
  await portalChat(page).getByRole('textbox', { name: 'Message' }).fill(text);
  await portalChat(page).getByRole('button', { name: 'Send' }).click();
}

test('a host and two participants chat: both ways, privately, with a photo, across a dropped connection', async ({ page, newContext, adminApi, freshUser, signInAsUser, baseURL }) => {
  test.setTimeout(120_000);
  const host = await freshUser(['provider'], { name: 'Dr. Chat Tester' });
  await workEveryDay(adminApi, host.id, 'UTC');
  const session = await bookWithTwo(adminApi, host.id);

  // Ana is on a phone whose network the test controls through a proxy; Ben on a laptop.
  const proxy = await startTcpProxy(Number(new URL(baseURL!).port));
  const phone = await newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, timezoneId: 'Europe/Madrid' });
  const ana = await phone.newPage();
  await ana.goto(session.ana.link.replace(/:\d+\//, `:${proxy.port}/`));
  const laptop = await newContext();
  const ben = await laptop.newPage();
  await ben.goto(session.ben.link);

  await signInAsUser(host, `/sessions/${session.id}`);
  await page.getByRole('button', { name: /^Chat/ }).click();
  const panel = page.getByRole('dialog', { name: 'Chat' });
  await expect(panel.getByRole('textbox', { name: 'Message' })).toBeFocused();
  await panel.getByRole('textbox', { name: 'Message' }).fill('Good morning both, I will be with you in a minute.');
  await panel.getByRole('textbox', { name: 'Message' }).press('Enter');
  await expect(panel.getByRole('log', { name: 'Messages' })).toContainText('Good morning both');
  await expect(portalLog(ana)).toContainText('Good morning both');
  await expect(portalLog(ben)).toContainText('Good morning both');

  await portalSend(ana, 'Thank you, doctor.');
  await expect(panel.getByRole('log', { name: 'Messages' })).toContainText('Thank you, doctor.');
  await snap(page, 'chat-staff-panel');

  // Closed panel: what arrives is counted on the button, and clears when read.
  await panel.getByRole('button', { name: 'Close chat' }).click();
  await portalSend(ben, 'Ben here, ready when you are.');
  await expect(page.getByRole('button', { name: /^Chat 1 unread/ })).toBeVisible();
  await page.getByRole('button', { name: /^Chat/ }).click();
  await expect(panel.getByRole('log', { name: 'Messages' })).toContainText('Ben here');
  await expect(page.getByRole('button', { name: /^Chat$/ })).toBeVisible();

  // A private thread with Ana: she sees it, marked private; Ben never does.
  await panel.getByRole('tab', { name: /^Participants/ }).click();
  await panel.getByRole('button', { name: new RegExp(`^${session.ana.name}`) }).click();
  await expect(panel.getByText(`Private: only ${session.ana.name} and the clinic staff see this`)).toBeVisible();
  await panel.getByRole('textbox', { name: 'Message' }).fill('Your blood test came back normal.');
  await panel.getByRole('button', { name: 'Send' }).click();
  await expect(portalLog(ana)).toContainText('Your blood test came back normal.');
  await expect(portalLog(ana).getByText(/Private — only you and the clinic/).first()).toBeVisible();
  await panel.getByRole('button', { name: 'Back to participants' }).click();
  await panel.getByRole('tab', { name: /^Chat/ }).click();
  await panel.getByRole('textbox', { name: 'Message' }).fill('A message for everyone again.');
  await panel.getByRole('button', { name: 'Send' }).click();
  await expect(portalLog(ben)).toContainText('A message for everyone again.');
  await expect(portalLog(ben)).not.toContainText('blood test');
  await snap(ana, 'chat-participant-phone');

  // Ana sends a photo; the host sees it and downloads it.
  await portalChat(ana).locator('input[type=file]').setInputFiles({ name: 'rash.png', mimeType: 'image/png', buffer: PNG });
  await expect(portalChat(ana).getByRole('list', { name: 'Attached files' })).toContainText('rash.png');
  await expect(portalChat(ana).getByRole('progressbar')).toHaveCount(0);
  await portalSend(ana, 'Here is the photo.');
  await expect(panel.getByRole('img', { name: 'rash.png' })).toBeVisible();
  const [download] = await Promise.all([page.waitForEvent('download'), panel.getByRole('link', { name: 'rash.png', exact: true }).click()]);
  expect(readFileSync(await download.path()).equals(PNG)).toBe(true);

  // Ana's phone loses its network; what the host writes meanwhile arrives once, in order, when it returns.
  proxy.cut();
  await expect(portalChat(ana).getByText('Reconnecting…')).toBeVisible({ timeout: 15_000 });
  await panel.getByRole('textbox', { name: 'Message' }).fill('Are you still there?');
  await panel.getByRole('button', { name: 'Send' }).click();
  await panel.getByRole('textbox', { name: 'Message' }).fill('Take your time.');
  await panel.getByRole('button', { name: 'Send' }).click();
  await snap(ana, 'chat-participant-reconnecting');
  proxy.restore();
  await expect(portalLog(ana)).toContainText('Take your time.', { timeout: 20_000 });
  await expect(portalChat(ana).getByText('Reconnecting…')).toHaveCount(0);
  const texts = await portalLog(ana).getByRole('listitem').allTextContents();
  const still = texts.filter((text) => text.includes('Are you still there?'));
  expect(still).toHaveLength(1);
  expect(texts.findIndex((text) => text.includes('Are you still there?'))).toBeLessThan(texts.findIndex((text) => text.includes('Take your time.')));
  await snap(page, 'chat-staff-after-reconnect');
  await proxy.close();
});
