import type { APIRequestContext } from '@playwright/test';
import { DEMO, DEMO_PASSWORD, expect, snap, test, waitForEmail, workEveryDay } from './fixtures';

// Who is joining (issue 18, point 7): the clinic asks a participant opening their link to confirm
// their date of birth, or a one-time code when none is recorded, before the page shows anything.
// This spec changes the demo clinic's setting for everyone: it runs alone (project
// `organization-wide`) and puts the setting back.

/** Books a session with one participant invited by email; returns the join link of the invitation. */
async function inviteWithLink(api: APIRequestContext, hostId: string, participant: { name: string; email: string; dateOfBirth?: string }) {
  const services = await (await api.get('/api/services?query=follow')).json();
  const free = await (await api.get(`/api/availability?hostId=${hostId}&serviceId=${services[0].id}&limit=12`)).json();
  const booked = await api.post('/api/sessions', {
    data: {
      serviceId: services[0].id,
      sessionTypeId: services[0].sessionTypeIds[0],
      hostId,
      start: free.slots.at(-1).start,
      participants: [{ ...participant, timeZone: 'Europe/Madrid', invitationType: 'email' }],
    },
  });
  expect(booked.status()).toBe(201);
  const invitation = await waitForEmail(participant.email, (mail) => mail.subject.startsWith('Your session'));
  return /https?:\/\/\S+\/join\/[A-Za-z0-9_-]{43}/.exec(invitation.text)![0];
}

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, timezoneId: 'Europe/Madrid' };

test.describe('who is joining', () => {
  test.afterAll(async ({ playwright, baseURL }) => {
    const admin = await playwright.request.newContext({ baseURL });
    await admin.post('/api/auth/login', { data: { email: DEMO.admin, password: DEMO_PASSWORD } });
    await admin.patch('/api/organization', { data: { participantVerification: 'none' } });
    await admin.dispose();
  });

  test('an administrator asks for dates of birth; a participant confirms theirs, another gets an emailed code', async ({ page, newContext, adminApi, freshUser, signInAs }) => {
    await signInAs('admin', '/settings');
    await page.getByRole('combobox', { name: /Before a participant.s page opens/ }).click();
    await page.getByRole('option', { name: /Their date of birth/ }).click();
    await snap(page, 'who-is-joining-setting');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await expect(page.getByText('Settings saved')).toBeVisible();
    expect((await (await adminApi.get('/api/organization')).json()).participantVerification).toBe('date_of_birth');

    const host = await freshUser(['provider'], { name: 'Dr. Wanda Who' });
    await workEveryDay(adminApi, host.id, 'UTC');
    const unique = Date.now();
    const link = await inviteWithLink(adminApi, host.id, { name: 'Dolores Dated', email: `dolores-${unique}@example.test` });

    // Staff record her date of birth on her record.
    await page.goto('/participants');
    await page.getByLabel('Search participants').fill('Dolores');
    await page.getByRole('button', { name: 'Edit Dolores Dated' }).click();
    const drawer = page.getByRole('dialog', { name: 'Edit Dolores Dated' });
    await drawer.getByRole('textbox', { name: 'Date of birth' }).fill('8/23/1961');
    await drawer.getByRole('textbox', { name: 'Date of birth' }).press('Tab');
    await expect(drawer.getByText('Understood as Wednesday, August 23, 1961')).toBeVisible();
    await snap(page, 'who-is-joining-date-of-birth');
    await drawer.getByRole('button', { name: 'Save changes' }).click();
    await expect(drawer).toBeHidden();

    // On a phone, the link shows only the question: the clinic's name, not the session or the person.
    const phone = await newContext(PHONE);
    const participant = await phone.newPage();
    await participant.goto(link);
    await expect(participant.getByRole('heading', { name: 'Confirm it’s you' })).toBeVisible();
    await expect(participant.getByText('Demo Clinic').first()).toBeVisible();
    await expect(participant.getByText('Dolores')).toHaveCount(0);
    await expect(participant.getByText('Dr. Wanda Who')).toHaveCount(0);
    const dateOfBirth = participant.getByRole('textbox', { name: 'Your date of birth' });
    await dateOfBirth.fill('8/24/1961');
    await expect(participant.getByText('Understood as August 24, 1961')).toBeVisible();
    await participant.getByRole('button', { name: 'Continue' }).click();
    await expect(participant.getByText('This date of birth does not match our records')).toBeVisible();
    await expect(participant.getByText('Dolores')).toHaveCount(0);
    const scrollsSideways = await participant.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
    expect(scrollsSideways).toBe(false);
    await snap(participant, 'who-is-joining');

    await dateOfBirth.fill('August 23, 1961');
    await participant.getByRole('button', { name: 'Continue' }).click();
    await expect(participant.getByText('Hello, Dolores Dated')).toBeVisible();
    await expect(participant.getByText('Dr. Wanda Who').first()).toBeVisible();

    // Someone with no date on record gets a code by email instead.
    const email = `carl-${unique}@example.test`;
    const codeLink = await inviteWithLink(adminApi, host.id, { name: 'Carl Coded', email });
    const other = await phone.newPage();
    await other.goto(codeLink);
    await expect(other.getByText(/send a 6-digit code by email to c•••@example\.test/)).toBeVisible();
    await other.getByRole('button', { name: 'Send me a code' }).click();
    await expect(other.getByText('Code sent')).toBeVisible();
    const mail = await waitForEmail(email, (m) => m.subject.startsWith('Your code'));
    const code = /^(\d{6})$/m.exec(mail.text)![1]!;
    await other.getByRole('textbox', { name: 'Code' }).fill(code);
    await snap(other, 'who-is-joining-code');
    await other.getByRole('button', { name: 'Continue' }).click();
    await expect(other.getByText('Hello, Carl Coded')).toBeVisible();
  });
});
