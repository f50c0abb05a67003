import type { Locator } from '@playwright/test';
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

  // With this many operations Swagger UI renders only what is near the viewport: scroll to reach one.
  const reveal = (target: Locator) =>
    expect
      .poll(
        async () => {
          if (await target.isVisible()) return true;
          await page.mouse.wheel(0, 600);
          return false;
        },
        { timeout: 20_000 },
      )
      .toBe(true);

  await page.goto('/api/docs');
  await expect(page.getByRole('heading', { name: /Carebeam API/ })).toBeVisible();
  for (const section of ['Sessions', 'Documents', 'Portal']) await reveal(page.locator(`.opblock-tag[data-tag="${section}"]`));

  await page.goto('/api/docs#/Sessions');
  await page.reload();
  const cancel = page.locator('.opblock-summary-path', { hasText: '/api/sessions/{id}/cancel' });
  await reveal(cancel);
  await cancel.click();
  const operation = page.locator('.opblock.is-open');
  await expect(operation.getByText('Participants are told, with the reason.')).toBeVisible();
  await expect(operation.getByText('Conflicts with the current state')).toBeVisible();
  await expect(operation.getByText('"urn:carebeam:problem:version_conflict"')).toBeVisible();
  await snap(page, 'api-reference');

  expect(errors).toEqual([]);
  expect(offsite).toEqual([]);
});
