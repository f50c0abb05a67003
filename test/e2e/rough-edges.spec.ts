import { bookThroughApi, expect, pickFreeTime, snap, test, workEveryDay } from './fixtures';

test('Back/Forward between the list and a session page never asks for a session called "appointments"', async ({ page, adminApi, freshUser, signInAsUser }) => {
  const provider = await freshUser(['provider']);
  await workEveryDay(adminApi, provider.id, 'UTC');
  await signInAsUser(provider, '/appointments');
  const id = await bookThroughApi(page, provider.id, 'Bea Back');
  const wrong: string[] = [];
  page.on('request', (request) => {
    const path = new URL(request.url()).pathname;
    if (path.startsWith('/api/sessions/') && !path.startsWith(`/api/sessions/${id}`)) wrong.push(path);
  });
  await page.reload();
  await page.getByTestId('session-row').filter({ hasText: 'Bea Back' }).getByText('With Bea Back').click();
  await expect(page.getByRole('heading', { name: 'Follow-up visit' })).toBeVisible();
  for (let round = 0; round < 3; round += 1) {
    await page.goBack();
    await expect(page.getByRole('heading', { name: 'My Appointments' })).toBeVisible();
    await page.goForward();
    await expect(page.getByRole('heading', { name: 'Follow-up visit' })).toBeVisible();
  }
  expect(wrong).toEqual([]);
});

test('the staff app fits a 390 px phone: no sideways scrolling, the menu behind a burger', async ({ page, adminApi, freshUser, signInAsUser }) => {
  const provider = await freshUser(['provider']);
  await workEveryDay(adminApi, provider.id, 'UTC');
  await page.setViewportSize({ width: 390, height: 844 });
  await signInAsUser(provider, '/appointments');
  const id = await bookThroughApi(page, provider.id, 'Pia Phone');
  await page.reload();
  await expect(page.getByTestId('session-row').first()).toBeVisible();
  const pageWidth = () => page.evaluate(() => document.documentElement.scrollWidth);
  await snap(page, 'phone-appointments');
  expect(await pageWidth()).toBeLessThanOrEqual(390);
  await expect(page.getByRole('button', { name: 'Toggle the menu' })).toBeVisible();
  await page.goto(`/sessions/${id}`);
  await expect(page.getByRole('heading', { name: 'Follow-up visit' })).toBeVisible();
  await snap(page, 'phone-session');
  expect(await pageWidth()).toBeLessThanOrEqual(390);
  await page.goto('/appointments?new=session');
  await expect(page.getByRole('dialog', { name: 'New Session' })).toBeVisible();
  await snap(page, 'phone-new-session');
  expect(await pageWidth()).toBeLessThanOrEqual(390);
});

test('a dispatcher changing the host is told the chosen time was cleared; the calendar shows only its own month; a too-long name is refused under the field', async ({ page, adminApi, freshUser, signInAs }) => {
  const [first, second] = [await freshUser(['provider']), await freshUser(['provider'])];
  for (const host of [first, second]) await workEveryDay(adminApi, host.id, 'UTC');
  await signInAs('dispatcher', '/appointments');
  await page.getByRole('button', { name: 'Schedule new session' }).first().click();
  const panel = page.getByRole('dialog', { name: 'New Session' });
  await panel.getByRole('combobox', { name: 'Service' }).fill('follow');
  await page.getByRole('option', { name: /Follow-up visit/ }).click();
  await panel.getByText('Video visit').click();
  const chooseHost = async (name: string) => {
    await panel.getByRole('combobox', { name: 'Session Host' }).click();
    await page.getByRole('option', { name: new RegExp(name) }).click();
  };
  await chooseHost(first.name);
  await pickFreeTime(panel);
  // Neighbouring months' days are not drawn: they would all look taken.
  await expect(panel.locator('table button[data-outside]')).toHaveCount(0);
  await chooseHost(second.name);
  await expect(panel.getByRole('status').filter({ hasText: 'The time you had chosen was cleared' })).toBeVisible();
  await snap(page, 'new-session-host-changed');
  await pickFreeTime(panel);
  await expect(panel.getByText('The time you had chosen was cleared')).toHaveCount(0);

  await panel.getByRole('button', { name: 'Next step: Participant Details' }).click();
  await panel.getByRole('textbox', { name: 'Select or invite a participant' }).fill('Ann');
  await page.getByRole('option', { name: /Add new Participant/ }).click();
  await panel.getByRole('textbox', { name: 'Name' }).fill('A'.repeat(400));
  await panel.getByRole('button', { name: 'Add participant' }).click();
  await expect(panel.getByText('Use at most 200 characters')).toBeVisible();
  await expect(page.getByRole('alert')).toHaveCount(0);
  await snap(page, 'new-session-name-too-long');
});
