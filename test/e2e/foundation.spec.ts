import { DEMO, DEMO_PASSWORD, expect, signInThroughForm, snap, test } from './fixtures';

const ADMIN_ONLY = ['Users', 'Services', 'Documents', 'Devices', 'EHR', 'Settings', 'Outbox'];
const EVERYONE = ['My Appointments', 'Participants', 'Work Hours'];

test.describe('sign-in and the app shell', () => {
  for (const role of ['admin', 'dispatcher', 'provider'] as const) {
    test(`${role} signs in and sees the menu for their role`, async ({ page }) => {
      await signInThroughForm(page, DEMO[role]);
      await expect(page).toHaveURL(/\/appointments$/);
      const menu = page.getByRole('navigation', { name: 'Main menu' });
      for (const item of EVERYONE) await expect(menu.getByRole('link', { name: item })).toBeVisible();
      for (const item of ADMIN_ONLY) {
        if (role === 'admin') await expect(menu.getByRole('link', { name: item })).toBeVisible();
        else await expect(menu.getByRole('link', { name: item })).toHaveCount(0);
      }
      await expect(page.getByRole('heading', { name: 'My Appointments' })).toBeVisible();
      await snap(page, `shell-${role}`);
    });
  }

  test('a wrong password shows a clear error and stays on sign-in', async ({ page }) => {
    await signInThroughForm(page, DEMO.provider, 'not-the-password');
    await expect(page.getByRole('alert')).toContainText('That email and password do not match an active account.');
    await expect(page).toHaveURL(/\/signin/);
    await snap(page, 'signin-wrong-password');
  });

  test('empty fields are named before anything is sent', async ({ page }) => {
    await page.goto('/signin');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByText('Enter your email address')).toBeVisible();
    await expect(page.getByText('Enter your password')).toBeVisible();
  });

  test('signing out ends the sign-in; signing in again returns to the page asked for', async ({ page }) => {
    await signInThroughForm(page, DEMO.dispatcher);
    await page.getByRole('button', { name: /account menu$/ }).click();
    await page.getByRole('menuitem', { name: 'Sign out' }).click();
    await expect(page).toHaveURL(/\/signin$/);
    expect((await page.request.get('/api/me')).status()).toBe(401);

    await page.goto('/work-hours');
    await expect(page).toHaveURL(/\/signin\?next=%2Fwork-hours/);
    await page.getByLabel('Email').fill(DEMO.dispatcher);
    await page.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page).toHaveURL(/\/work-hours$/);
    await expect(page.getByRole('heading', { name: 'Work Hours' })).toBeVisible();
  });

  test('a provider cannot reach Users: hidden in the menu, refused by the page and the API', async ({ page, signInAs }) => {
    await signInAs('provider', '/users');
    await expect(page.getByText('You do not have access to this page')).toBeVisible();
    await expect(page.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: 'Users' })).toHaveCount(0);
    const response = await page.request.get('/api/users?role=provider');
    expect(response.status()).toBe(403);
    expect(response.headers()['content-type']).toContain('application/problem+json');
    await snap(page, 'provider-users-forbidden');
  });
});

test.describe('Users (administrator)', () => {
  test('the server’s field errors show under the field (duplicate email)', async ({ page, signInAs }) => {
    await signInAs('admin', '/users');
    await page.getByRole('button', { name: 'Add user' }).click();
    const drawer = page.getByRole('dialog', { name: 'Add user' });
    await drawer.getByLabel('Name').fill('Copy Cat');
    await drawer.getByLabel('Email').fill(DEMO.provider);
    await drawer.getByRole('button', { name: 'Add user' }).click();
    await expect(drawer.getByText('This email is already in use')).toBeVisible();
  });

  test('closing the panel with unsaved input asks first', async ({ page, signInAs }) => {
    await signInAs('admin', '/users');
    await page.getByRole('button', { name: 'Add user' }).click();
    const drawer = page.getByRole('dialog', { name: 'Add user' });
    await drawer.getByLabel('Name').fill('Half typed');
    await drawer.getByRole('button', { name: 'Close panel' }).click();
    const confirm = page.getByRole('dialog', { name: 'Discard your changes?' });
    await expect(confirm).toBeVisible();
    await confirm.getByRole('button', { name: 'Keep editing' }).click();
    // Gone before asking again: a click on the one still fading out would land on nothing.
    await expect(confirm).toBeHidden();
    await expect(drawer.getByLabel('Name')).toHaveValue('Half typed');
    await drawer.getByRole('button', { name: 'Close panel' }).click();
    await confirm.getByRole('button', { name: 'Discard' }).click();
    await expect(drawer).toBeHidden();
  });

  test('when the sign-in ends mid-form, signing in again keeps what was typed', async ({ page, signInAs, context }) => {
    await signInAs('admin', '/users');
    await page.getByRole('button', { name: 'Add user' }).click();
    const drawer = page.getByRole('dialog', { name: 'Add user' });
    await drawer.getByLabel('Name').fill('Kept Typing');
    await drawer.getByLabel('Email').fill(`kept-${Date.now()}@demo.carebeam.test`);

    await context.clearCookies(); // the sign-in is gone, as after an idle timeout
    await drawer.getByRole('button', { name: 'Add user' }).click();

    const lock = page.getByRole('dialog', { name: 'Screen locked' });
    await expect(lock).toBeVisible();
    await snap(page, 'screen-locked');
    await lock.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD);
    await lock.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect(lock).toBeHidden();

    await expect(drawer.getByLabel('Name')).toHaveValue('Kept Typing');
    await drawer.getByRole('button', { name: 'Add user' }).click();
    await expect(page.getByRole('cell', { name: 'Kept Typing', exact: true })).toBeVisible();
  });
});
