import { expect, snap, startFollowUpAtFreeTime, test, waitForEmail, workEveryDay } from './fixtures';

test.describe('invitations and the participant’s page', () => {
  test('a participant invited by email opens their link and sees the time in their own zone', async ({ page, newContext, adminApi, freshUser, signInAsUser }) => {
    const provider = await freshUser(['provider'], { name: 'Dr. Ines Invite' });
    await workEveryDay(adminApi, provider.id, 'America/New_York', '08:00', '20:00');
    const email = `ana-${Date.now()}@example.test`;

    await signInAsUser(provider, '/appointments');
    const panel = await startFollowUpAtFreeTime(page);
    await panel.getByRole('button', { name: 'Next step: Participant Details' }).click();
    await panel.getByRole('textbox', { name: 'Select or invite a participant' }).fill('Ana Madrid');
    await page.getByRole('option', { name: /Add new Participant/ }).click();
    await panel.getByRole('combobox', { name: 'Time zone' }).fill('Madrid');
    await page.getByRole('option', { name: /Europe\/Madrid/ }).click();
    await panel.getByRole('textbox', { name: 'Email' }).fill(email);
    await panel.getByRole('button', { name: 'Add participant' }).click();
    await panel.getByRole('button', { name: 'Invite' }).click();
    await expect(page.getByRole('dialog', { name: 'Session scheduled' })).toBeVisible();

    const mail = await waitForEmail(email);
    expect(mail.subject).toMatch(/^Your session with Demo Clinic: .* Madrid \(GMT\+[12]\)$/);
    const link = /https?:\/\/[^\s]+\/join\/[A-Za-z0-9_-]{43}/.exec(mail.text)?.[0];
    expect(link).toBeDefined();

    // A fresh browser on a phone, in another zone than the participant's: the page still shows Madrid time.
    const phone = await newContext({ viewport: { width: 390, height: 844 }, timezoneId: 'America/Los_Angeles', isMobile: true, hasTouch: true });
    const participantPage = await phone.newPage();
    await participantPage.goto(link!);
    await expect(participantPage).toHaveURL(/\/portal$/);
    await expect(participantPage.getByText('Hello, Ana Madrid')).toBeVisible();
    await expect(participantPage.getByText(/Madrid \(GMT\+[12]\)/).first()).toBeVisible();
    await expect(participantPage.getByText('Dr. Ines Invite').first()).toBeVisible();
    await snap(participantPage, 'portal-phone');
    await participantPage.getByRole('button', { name: /Use this device.s time zone/ }).click();
    await expect(participantPage.getByText(/P[SD]T/).first()).toBeVisible();
    const hasHorizontalScroll = await participantPage.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
    expect(hasHorizontalScroll).toBe(false);
    await participantPage.goto(link!.replace(/.{4}$/, 'AAAA'));
    await expect(participantPage.getByText(/This link doesn.t work anymore/)).toBeVisible();
    await snap(participantPage, 'portal-bad-link');
    await phone.close();
  });

  test('the Outbox shows each message as sent, with the private link redacted', async ({ page, adminApi, freshUser, signInAs }) => {
    const host = await freshUser(['provider']);
    await workEveryDay(adminApi, host.id, 'UTC');
    const services = await (await adminApi.get('/api/services?query=urgent')).json();
    const email = `olga-${Date.now()}@example.test`;
    const booked = await adminApi.post('/api/sessions', {
      data: {
        serviceId: services[0].id,
        sessionTypeId: services[0].sessionTypeIds[0],
        hostId: host.id,
        meetNow: true,
        participants: [{ name: 'Olga Outbox', email, timeZone: 'Europe/Oslo', invitationType: 'email' }],
      },
    });
    expect(booked.status()).toBe(201);
    await waitForEmail(email);

    await signInAs('admin', '/outbox');
    const row = page.getByRole('row').filter({ hasText: email });
    await expect(row).toContainText('sent');
    // The date with the time, the subject once (not "Invitation: Your session…"), the badge whole.
    await expect(row).toContainText(/\w{3}, \w{3} \d+, \d{4} · /);
    await expect(row).toContainText('Your session with Demo Clinic');
    await snap(page, 'outbox');
    await row.getByRole('button').first().click();
    const viewer = page.getByRole('dialog', { name: /^Invitation to / });
    await expect(viewer).toContainText('never stored');
    await viewer.getByRole('tab', { name: 'Plain text' }).click();
    await expect(viewer).toContainText('(private link, not stored)');
    await snap(page, 'outbox-message');
  });

  test('staff copy a private link for a link-only participant, and send a reminder', async ({ page, adminApi, freshUser, signInAsUser }) => {
    const provider = await freshUser(['provider']);
    await workEveryDay(adminApi, provider.id, 'UTC');
    await signInAsUser(provider, '/appointments');
    await page.getByRole('button', { name: 'Schedule new session' }).first().click();
    const panel = page.getByRole('dialog', { name: 'New Session' });
    await panel.getByRole('combobox', { name: 'Service' }).fill('urgent');
    await page.getByRole('option', { name: /Urgent care/ }).click();
    await panel.getByText('Phone call').click();
    await panel.getByRole('button', { name: 'Meet Now' }).click();
    await panel.getByRole('button', { name: 'Next step: Participant Details' }).click();
    await panel.getByRole('textbox', { name: 'Select or invite a participant' }).fill('Lena Link');
    await page.getByRole('option', { name: /Add new Participant/ }).click();
    await panel.getByText('Link only').click();
    await panel.getByRole('button', { name: 'Add participant' }).click();
    await panel.getByRole('button', { name: 'Invite' }).click();
    await page.getByRole('dialog', { name: 'Session scheduled' }).getByRole('button', { name: 'Show session details' }).click();

    await page.getByRole('button', { name: 'Copy link for Lena Link' }).click();
    const modal = page.getByRole('dialog', { name: 'Private link for Lena Link' });
    await expect(modal.getByRole('textbox', { name: 'Private link' })).toHaveValue(/\/join\/[A-Za-z0-9_-]{43}$/);
    await snap(page, 'copy-link');
    await modal.getByRole('button', { name: 'Close' }).click();

    await page.getByRole('button', { name: /^Manage Session/ }).click();
    await page.getByRole('menuitem', { name: 'Send reminder' }).click();
    await expect(page.getByText('Reminder on its way')).toBeVisible();
    await expect(page.getByText('No participant is invited by email or SMS.')).toBeVisible();
  });
});
