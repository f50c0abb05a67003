import { DEMO, expect, signInThroughForm, snap, test } from './fixtures';

// The embedded database of the e2e server is backed up by the server itself (BACKUP_DIR is set in
// playwright.config.ts): an administrator starts one from Settings and sees it listed with its zone.
test('an administrator backs the server up from Settings and sees the backup listed', async ({ page }) => {
  await signInThroughForm(page, DEMO.admin);
  await page.goto('/settings');
  const panel = page.getByRole('region', { name: 'Backups' });
  await expect(panel.getByText(/The database and stored files of the whole server/)).toBeVisible();
  const rows = panel.getByRole('table', { name: 'Backups' }).getByRole('row');
  await panel.getByRole('button', { name: 'Back up now' }).click();
  await expect(page.getByText('Backup written')).toBeVisible({ timeout: 60_000 });
  // The newest first, its time named with a zone ("10:00 AM EST"), and its size.
  await expect(rows.nth(1)).toBeVisible();
  await expect(rows.nth(1)).toContainText(/\d{1,2}:\d\d\s?[AP]M [A-Z][A-Za-z0-9+:-]+/);
  await expect(rows.nth(1)).toContainText(/\d+(\.\d)? (MB|KB)/);
  await snap(page, 'settings-backups');
});
