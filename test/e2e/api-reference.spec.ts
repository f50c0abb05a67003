import { expect, snap, test } from './fixtures';

test('the API reference opens without signing in, on a closed network, under the app CSP', async ({ page }) => {
  const errors: string[] = [];
  const offsite: string[] = [];
  // A CSP violation is reported as a console error.
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  // Nothing beyond this server answers, as on a clinic's closed network.
  await page.route('**/*', (route) => {
    const url = new URL(route.request().url());
    if (url.hostname === 'localhost') return route.continue();
    offsite.push(url.href);
    return route.abort();
  });

  await page.goto('/api/docs');
  await expect(page.getByRole('heading', { name: /Carebeam API/ })).toBeVisible();
  for (const section of ['Sessions', 'Documents', 'Portal']) await expect(page.locator(`.opblock-tag[data-tag="${section}"]`)).toBeVisible();

  await page.locator('.opblock-summary-path', { hasText: '/api/sessions/{id}/cancel' }).click();
  const operation = page.locator('.opblock.is-open');
  await expect(operation.getByText('Participants are told, with the reason.')).toBeVisible();
  await expect(operation.getByText('Conflicts with the current state')).toBeVisible();
  await expect(operation.getByText('"urn:carebeam:problem:version_conflict"')).toBeVisible();
  await snap(page, 'api-reference');

  expect(errors).toEqual([]);
  expect(offsite).toEqual([]);
});
