import type { Page } from '@playwright/test';
import { bookThroughApi, expect, snap, test, workEveryDay } from './fixtures';

/** Counts the requests the page sends with `method` to paths ending in `suffix`. */
function countRequests(page: Page, method: string, suffix: string) {
  let count = 0;
  page.on('request', (request) => {
    if (request.method() === method && new URL(request.url()).pathname.endsWith(suffix)) count += 1;
  });
  return () => count;
}

test.describe('No accidental invitations', () => {
  test('a directory pick says who and how before Invite; one request per double click; delivery turns to Sent without a reload', async ({ page, adminApi, freshUser, signInAsUser }) => {
    const provider = await freshUser(['provider']);
    await workEveryDay(adminApi, provider.id, 'UTC');
    await signInAsUser(provider, '/appointments');
    const id = await bookThroughApi(page, provider.id, 'Paul Patient');
    const unique = Date.now().toString(36);
    const rosa = { name: `Rosa Confirm ${unique}`, email: `rosa-${unique}@example.test` };
    expect((await adminApi.post('/api/participants', { data: { ...rosa, timeZone: 'UTC', invitationType: 'email' } })).status()).toBe(201);
    const invites = countRequests(page, 'POST', `/sessions/${id}/participants`);
    const cancels = countRequests(page, 'POST', `/sessions/${id}/cancel`);

    await page.goto(`/sessions/${id}`);
    await page.getByRole('button', { name: 'Add participant' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add participant' });
    await dialog.getByRole('textbox', { name: 'Select or invite a participant' }).fill(rosa.name);
    await page.getByRole('option', { name: new RegExp(`^${rosa.name}`) }).click();
    await expect(dialog).toContainText(`Invite ${rosa.name} by email to r•••@example.test.`);
    await snap(page, 'add-participant-confirm');
    expect(invites()).toBe(0);

    await dialog.getByRole('button', { name: 'Invite' }).dblclick();
    await expect(page.getByText(`${rosa.name} was invited`)).toBeVisible();
    expect(invites()).toBe(1);
    // The worker sends it; the page follows without a reload.
    const row = page.getByRole('row', { name: new RegExp(rosa.name) });
    await expect(row.getByText('Sent')).toBeVisible({ timeout: 20_000 });

    await page.getByRole('button', { name: /^Manage Session/ }).click();
    await page.getByRole('menuitem', { name: 'Cancel session' }).click();
    const cancel = page.getByRole('dialog', { name: 'Cancel this session?' });
    await cancel.getByLabel('Reason').fill('The clinic is closed');
    await cancel.getByRole('button', { name: 'Cancel session' }).dblclick();
    await expect(page.getByText('This session was canceled')).toBeVisible();
    expect(cancels()).toBe(1);
  });
});

test('the sign-in page logs no console error on load or when the form is refused before sending', async ({ page }) => {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  await page.goto('/signin');
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.goto('/appointments');
  await expect(page).toHaveURL(/\/signin\?next=/);
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
  expect(errors).toEqual([]);
});
