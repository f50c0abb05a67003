import { readFileSync } from 'node:fs';
import { bookThroughApi, expect, expectNoViolations, snap, test, workEveryDay } from './fixtures';

test.describe('Audit page', () => {
  test('an administrator finds the events about one patient, keeps the filter on reload and exports them', async ({ page, adminApi, freshUser, signInAsUser }) => {
    const admin = await freshUser(['admin', 'provider'], { name: 'Dr. Ana Ruiz', timeZone: 'Europe/Madrid' });
    await workEveryDay(adminApi, admin.id, 'UTC');
    await signInAsUser(admin, '/appointments');
    const tag = Date.now().toString(36);
    const bella = `Bella Ortiz ${tag}`;
    const other = `Omar Other ${tag}`;
    const sessionId = await bookThroughApi(page, admin.id, bella);
    await bookThroughApi(page, admin.id, other);
    // Reading Bella's session is itself an event about her.
    await page.goto(`/sessions/${sessionId}`);
    await expect(page.getByRole('heading', { name: 'Participants (1)' })).toBeVisible();
    // Reads reach the trail in batches, within a second.
    const reads = async () => ((await (await page.request.get(`/api/audit?action=session.read&sessionId=${sessionId}`)).json()) as { items: unknown[] }).items.length;
    await expect.poll(reads).toBeGreaterThan(0);

    await page.getByRole('link', { name: 'Audit' }).click();
    await expect(page).toHaveURL(/\/audit$/);
    const events = page.getByRole('list', { name: 'Audit events' });
    await expect(events.getByText(`Dr. Ana Ruiz scheduled Follow-up visit with ${other}`)).toBeVisible();

    await page.getByRole('combobox', { name: 'Patient' }).fill(bella);
    await page.getByRole('option', { name: bella }).click();
    await expect(page).toHaveURL(/participantId=/);
    await expect(events.getByText(`Dr. Ana Ruiz scheduled Follow-up visit with ${bella}`)).toBeVisible();
    await expect(events.getByText(`Dr. Ana Ruiz viewed Follow-up visit with ${bella}`).first()).toBeVisible();
    // Every event shown is about Bella (a directory search that showed both names both).
    await expect(events.getByRole('listitem').filter({ hasNotText: bella })).toHaveCount(0);
    // Times and days are the viewer's, and say their zone.
    await expect(events.getByRole('listitem').first()).toContainText(/· \d{1,2}:\d{2} (AM|PM) Madrid \(GMT\+[12]\)/);
    await expect(page.getByText(/^Days, Madrid \(GMT\+[12]\)$/)).toBeVisible();

    await page.reload();
    await expect(page.getByRole('combobox', { name: 'Patient' })).toHaveValue(bella);
    await expect(events.getByText(`Dr. Ana Ruiz scheduled Follow-up visit with ${bella}`)).toBeVisible();
    await expect(events.getByRole('listitem').filter({ hasNotText: bella })).toHaveCount(0);
    // The tamper check walks the organization's whole chain.
    await page.getByRole('button', { name: 'Check the trail' }).click();
    await expect(page.getByText(/^The trail is intact: [\d,]+ events checked/)).toBeVisible();
    await expectNoViolations(page, '/audit');
    await snap(page, 'audit-page');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Export CSV' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^carebeam-audit-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = readFileSync((await download.path())!, 'utf8');
    const rows = csv.trim().split('\r\n');
    expect(rows[0]).toMatch(/^at_utc,actor_kind,/);
    expect(rows.some((row) => row.includes(',session.created,') && row.includes(sessionId) && row.includes(bella))).toBe(true);
    expect(rows.slice(1).filter((row) => !row.includes(bella))).toEqual([]);

    // The export is itself in the trail.
    await page.reload();
    await expect(events.getByText('Dr. Ana Ruiz exported the audit trail')).toBeVisible();
  });
});
