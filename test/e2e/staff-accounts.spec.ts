import { expect, linkToken, signInThroughForm, snap, test, waitForEmail } from './fixtures';

const NEW_PASSWORD = 'quiet harbor lantern 7';

test.describe('staff accounts', () => {
  test('an administrator invites a provider, who chooses a password from the email and signs in', async ({ page, signInAs, newContext }) => {
    const email = `invited-${Date.now()}@demo.carebeam.test`;
    await signInAs('admin', '/users');
    await page.getByRole('button', { name: 'Add user' }).click();
    const drawer = page.getByRole('dialog', { name: 'Add user' });
    await expect(drawer.getByRole('textbox', { name: 'Password' })).toHaveCount(0);
    await drawer.getByLabel('Name').fill('Dr. Ines Moreau');
    await drawer.getByLabel('Email').fill(email);
    await drawer.getByLabel('Provider').check();
    await drawer.getByRole('button', { name: 'Add user' }).click();
    await expect(drawer).toBeHidden();
    const row = page.getByRole('row').filter({ hasText: email });
    await expect(row.getByText('Invited — not yet signed in')).toBeVisible();
    await expect(row.getByRole('button', { name: 'Resend invitation to Dr. Ines Moreau' })).toBeVisible();
    await snap(page, 'users-invited');

    const mail = await waitForEmail(email);
    expect(mail.subject).toMatch(/^Your Carebeam account at /);
    const link = /https?:\/\/\S+\/set-password\?token=[\w-]+/.exec(mail.text)![0];

    const invitee = await (await newContext()).newPage();
    await invitee.goto(new URL(link).pathname + new URL(link).search);
    await expect(invitee.getByRole('heading', { name: 'Choose your password' })).toBeVisible();
    await expect(invitee.getByText(email)).toBeVisible();
    await invitee.getByLabel('New password', { exact: true }).fill('password1234');
    await invitee.getByLabel('Repeat the new password').fill('password1234');
    await invitee.getByRole('button', { name: 'Save password' }).click();
    await expect(invitee.getByText('This password is too common or too easy to guess')).toBeVisible();
    await snap(invitee, 'set-password-too-common');
    await invitee.getByLabel('New password', { exact: true }).fill(NEW_PASSWORD);
    await invitee.getByLabel('Repeat the new password').fill(NEW_PASSWORD);
    await invitee.getByRole('button', { name: 'Save password' }).click();
    await expect(invitee.getByRole('heading', { name: 'Password saved' })).toBeVisible();
    await invitee.getByRole('link', { name: 'Go to sign-in' }).click();
    await signInThroughForm(invitee, email, NEW_PASSWORD);
    await expect(invitee.getByRole('button', { name: /^Dr\. Ines Moreau\s*Provider\s*, account menu$/ })).toBeVisible();

    await page.reload();
    await expect(page.getByRole('row').filter({ hasText: email }).getByText('Active')).toBeVisible();
  });

  test('forgot password: the same answer for any email, then a reset link by email', async ({ page, freshUser }) => {
    const user = await freshUser(['provider']);
    await page.goto('/signin');
    await page.getByRole('link', { name: 'Forgot password?' }).click();
    await expect(page.getByRole('heading', { name: 'Forgot your password?' })).toBeVisible();
    await page.getByLabel('Email').fill(user.email);
    await page.getByRole('button', { name: 'Email me a link' }).click();
    await expect(page.getByRole('status')).toContainText('If ' + user.email + ' belongs to a Carebeam account');
    await snap(page, 'forgot-password-sent');

    const mail = await waitForEmail(user.email, (m) => m.subject.startsWith('Reset your Carebeam password'));
    await page.goto(`/set-password?token=${linkToken(mail)}`);
    await expect(page.getByRole('heading', { name: 'Choose a new password' })).toBeVisible();
    await page.getByLabel('New password', { exact: true }).fill(NEW_PASSWORD);
    await page.getByLabel('Repeat the new password').fill(NEW_PASSWORD);
    await page.getByRole('button', { name: 'Save password' }).click();
    await expect(page.getByRole('heading', { name: 'Password saved' })).toBeVisible();
    await signInThroughForm(page, user.email, NEW_PASSWORD);
    await expect(page).toHaveURL(/\/appointments$/);

    // A used link: a friendly page, and 404 from the API.
    await page.goto(`/set-password?token=${linkToken(mail)}`);
    await expect(page.getByRole('heading', { name: 'This link no longer works' })).toBeVisible();
    await snap(page, 'set-password-link-used');
    const api = await page.request.post('/api/auth/password-link', { data: { token: linkToken(mail) } });
    expect(api.status()).toBe(404);

    // An unknown email gets the same answer.
    await page.goto('/forgot-password');
    await page.getByLabel('Email').fill('nobody-at-all@demo.carebeam.test');
    await page.getByRole('button', { name: 'Email me a link' }).click();
    await expect(page.getByRole('status')).toContainText('belongs to a Carebeam account');
  });

  test('the account page changes my password and shows my sign-ins', async ({ page, freshUser, signInAsUser, newContext }) => {
    const user = await freshUser(['provider']);
    const elsewhere = await (await newContext()).newPage();
    await signInThroughForm(elsewhere, user.email, user.password);
    await expect(elsewhere).toHaveURL(/\/appointments$/);

    await signInAsUser(user, '/appointments');
    await page.getByRole('button', { name: /account menu$/ }).click();
    await page.getByRole('menuitem', { name: 'My account' }).click();
    await expect(page.getByRole('heading', { name: 'My account' })).toBeVisible();
    const signIns = page.getByRole('table', { name: 'Active sign-ins' });
    await expect(signIns.getByRole('row')).toHaveCount(3);
    await expect(signIns.getByText('This device')).toHaveCount(1);
    await snap(page, 'account-page');

    const form = page.getByRole('form', { name: 'Change password' });
    await form.getByLabel('Current password').fill('not my password at all');
    await form.getByLabel('New password', { exact: true }).fill(NEW_PASSWORD);
    await form.getByLabel('Repeat the new password').fill(NEW_PASSWORD);
    await form.getByRole('button', { name: 'Change password' }).click();
    await expect(form.getByText('This is not your current password')).toBeVisible();
    await form.getByLabel('Current password').fill(user.password);
    await form.getByRole('button', { name: 'Change password' }).click();
    await expect(page.getByText('Your other sign-ins ended; this one stays.')).toBeVisible();
    await expect(signIns.getByRole('row')).toHaveCount(2);

    const check = await elsewhere.request.get('/api/me');
    expect(check.status()).toBe(401);
  });
});
