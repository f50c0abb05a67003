import { expect, snap, test } from './fixtures';

test.describe('Work Hours', () => {
  test('a provider edits their Work Hours and finds them saved after a reload', async ({ page, freshUser, signInAsUser }) => {
    const provider = await freshUser(['provider'], { name: 'Dr. Wendy Hours' });
    await signInAsUser(provider, '/work-hours');
    await expect(page.getByRole('heading', { name: 'Work Hours' })).toBeVisible();
    await expect(page.getByRole('switch', { name: 'Monday' })).not.toBeChecked();

    await page.getByRole('switch', { name: 'Monday' }).check({ force: true });
    await page.getByRole('combobox', { name: 'Monday, hours 1 end' }).click();
    await page.getByRole('option', { name: '12:00', exact: true }).click();
    await page.getByRole('button', { name: 'Add hours on Monday' }).click();
    await expect(page.getByRole('combobox', { name: 'Monday, hours 2 start' })).toHaveValue('12:00');
    await page.getByRole('combobox', { name: 'Monday, hours 2 start' }).click();
    await page.getByRole('option', { name: '13:00', exact: true }).click();
    await page.getByRole('combobox', { name: 'Monday, hours 2 end' }).click();
    await page.getByRole('option', { name: '24:00 (midnight)' }).click();
    await page.getByRole('button', { name: 'Copy Monday to all weekdays' }).click();
    await expect(page.getByRole('switch', { name: 'Friday' })).toBeChecked();
    await expect(page.getByRole('switch', { name: 'Saturday' })).not.toBeChecked();

    await page.getByRole('combobox', { name: 'Time zone' }).fill('Berlin');
    await page.getByRole('option', { name: /Europe\/Berlin/ }).click();
    await snap(page, 'work-hours-editing');
    await page.getByRole('button', { name: 'Save Work Hours' }).click();
    await expect(page.getByText('Work Hours saved').first()).toBeVisible();

    await page.reload();
    await expect(page.getByRole('switch', { name: 'Friday' })).toBeChecked();
    await expect(page.getByRole('combobox', { name: 'Friday, hours 1 start' })).toHaveValue('09:00');
    await expect(page.getByRole('combobox', { name: 'Friday, hours 1 end' })).toHaveValue('12:00');
    await expect(page.getByRole('combobox', { name: 'Wednesday, hours 2 end' })).toHaveValue('24:00 (midnight)');
    await expect(page.getByRole('combobox', { name: 'Time zone' })).toHaveValue(/Europe\/Berlin/);
    await snap(page, 'work-hours-saved');

    const saved = await (await page.request.get(`/api/users/${provider.id}/work-hours`)).json();
    expect(saved.weekly).toHaveLength(10);
    expect(saved.timeZone).toBe('Europe/Berlin');
  });

  test('an overlapping range is pointed out at the field, and a date override is kept', async ({ page, freshUser, signInAsUser }) => {
    const provider = await freshUser(['provider']);
    await signInAsUser(provider, '/work-hours');
    await page.getByRole('switch', { name: 'Tuesday' }).check({ force: true });
    await page.getByRole('button', { name: 'Add hours on Tuesday' }).click();
    await page.getByRole('combobox', { name: 'Tuesday, hours 2 start' }).click();
    await page.getByRole('option', { name: '16:00', exact: true }).click();
    await page.getByRole('button', { name: 'Save Work Hours' }).click();
    await expect(page.getByText('Overlaps 09:00–17:00')).toBeVisible();
    await snap(page, 'work-hours-overlap');

    await page.getByRole('button', { name: 'Remove Tuesday, hours 2' }).click();
    await page.getByLabel('Add a date').click();
    await page.getByRole('button', { name: /^\d+ / }).filter({ hasNotText: 'disabled' }).nth(20).click();
    await expect(page.getByRole('radio', { name: 'Unavailable' })).toBeChecked();
    await page.getByRole('button', { name: 'Save Work Hours' }).click();
    await expect(page.getByText('Work Hours saved').first()).toBeVisible();
    const saved = await (await page.request.get(`/api/users/${provider.id}/work-hours`)).json();
    expect(saved.overrides).toEqual([{ date: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/), ranges: [] }]);
  });

  test('a dispatcher picks whose Work Hours to keep', async ({ page, signInAs }) => {
    await signInAs('dispatcher', '/work-hours');
    await page.getByRole('combobox', { name: 'Provider' }).click();
    await page.getByRole('option', { name: 'Dr. Lukas Becker' }).click();
    await expect(page.getByRole('combobox', { name: 'Time zone' })).toHaveValue(/Europe\/Berlin/);
    await expect(page.getByRole('combobox', { name: 'Monday, hours 2 start' })).toHaveValue('13:00');
    await snap(page, 'work-hours-dispatcher');
  });
});

test.describe('Services', () => {
  test('an administrator adds a service and finds it by typing part of its name', async ({ page, signInAs }) => {
    const name = `Sleep medicine consult ${Date.now() % 100000}`;
    await signInAs('admin', '/services');
    await expect(page.getByText('Follow-up visit', { exact: true })).toBeVisible();
    await page.getByRole('button', { name: 'Add service' }).click();
    const drawer = page.getByRole('dialog', { name: 'Add service' });
    await drawer.getByRole('button', { name: 'Add service' }).click();
    await expect(drawer.getByText('Enter a name')).toBeVisible();
    await expect(drawer.getByText('Choose at least one session type')).toBeVisible();

    await drawer.getByLabel('Name').fill(name);
    await drawer.getByLabel('Description').fill('Insomnia, apnoea and shift-work sleep problems.');
    await drawer.getByLabel('Duration').fill('40');
    await drawer.getByLabel('Video visit (Video)').check();
    await drawer.getByLabel('Phone call (Phone)').check();
    await snap(page, 'services-add');
    await drawer.getByRole('button', { name: 'Add service' }).click();
    await expect(drawer).toBeHidden();

    await page.getByLabel('Search services').fill('EDICINE CON');
    await expect(page.getByRole('row')).toHaveCount(2);
    await expect(page.getByText(name, { exact: true })).toBeVisible();
    await expect(page.getByRole('cell', { name: '40 min' })).toBeVisible();
    await snap(page, 'services-search');
  });

  test('an administrator adds a session type', async ({ page, signInAs }) => {
    const name = `Home visit ${Date.now() % 100000}`;
    await signInAs('admin', '/services');
    await page.getByRole('tab', { name: 'Session types' }).click();
    await page.getByRole('button', { name: 'Add session type' }).click();
    const drawer = page.getByRole('dialog', { name: 'Add session type' });
    await drawer.getByLabel('Name').fill(name);
    await drawer.getByText('In person').click();
    await drawer.getByRole('button', { name: 'Add session type' }).click();
    await expect(page.getByRole('row', { name: new RegExp(name) })).toContainText('In person');
    await snap(page, 'session-types');
  });
});

test('an administrator sets the minimum notice in Settings', async ({ page, signInAs }) => {
  await signInAs('admin', '/settings');
  await expect(page.getByLabel('Organization name')).toHaveValue('Demo Clinic');
  await page.getByLabel('Minimum notice').fill('30');
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByText('Settings saved').first()).toBeVisible();
  await snap(page, 'settings');
  await page.getByLabel('Minimum notice').fill('0');
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByText('Settings saved').first()).toBeVisible();
});
