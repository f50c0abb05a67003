import { expect, expectNoViolations, test, workEveryDay } from './fixtures';

const STAFF_PAGES = [
  ['/appointments', 'My Appointments'],
  ['/participants', 'Participants'],
  ['/work-hours', 'Work Hours'],
  ['/users', 'Users'],
  ['/services', 'Services'],
  ['/documents', 'Documents'],
  ['/documents/new', 'New form'],
  ['/devices', 'Devices'],
  ['/ehr', 'EHR connection'],
  ['/settings', 'Settings'],
  ['/outbox', 'Outbox'],
] as const;

test.describe('accessibility (axe, WCAG 2.1 AA)', () => {
  test('every staff page an administrator can open', async ({ page, signInAs }) => {
    // Eleven pages, each analysed by axe: 25 s on a quiet machine, over 90 s on a loaded one.
    test.setTimeout(180_000);
    await signInAs('admin');
    for (const [path, heading] of STAFF_PAGES) {
      await page.goto(path);
      await expect(page.getByRole('heading', { name: heading, level: 1 })).toBeVisible();
      await expectNoViolations(page, path);
    }
  });

  test('the panels an administrator opens: add a user, a service, a PDF; a question; the week', async ({ page, signInAs }) => {
    test.setTimeout(90_000);
    const panels = [
      ['/users', 'Add user'],
      ['/services', 'Add service'],
      ['/documents', 'Upload PDF'],
    ] as const;
    await signInAs('admin');
    for (const [path, button] of panels) {
      await page.goto(path);
      await page.getByRole('button', { name: button }).click();
      await expect(page.getByRole('dialog')).toBeVisible();
      await expectNoViolations(page, `${path}: ${button}`);
    }
    await page.goto('/documents/new');
    await page.getByRole('button', { name: 'Add question' }).click();
    await page.getByRole('menuitem', { name: 'Single choice', exact: true }).click();
    await page.getByRole('button', { name: 'Save form' }).click(); // with its problems shown
    await expectNoViolations(page, 'form builder with errors');
    await page.goto('/appointments');
    await page.getByText('Week', { exact: true }).click();
    await expect(page.getByRole('button', { name: 'Previous week' })).toBeVisible();
    await expectNoViolations(page, 'week view');
  });

  test('the sign-in page', async ({ page }) => {
    await page.goto('/signin');
    await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
    await expectNoViolations(page, '/signin');
  });

  test('a session page, the New Session panel, and the participant’s page on a phone', async ({ page, newContext, adminApi, freshUser, signInAsUser }) => {
    test.setTimeout(90_000);
    const provider = await freshUser(['provider'], { name: 'Dr. Ada Access' });
    await workEveryDay(adminApi, provider.id, 'America/New_York');
    const services = (await (await adminApi.get('/api/services')).json()) as { id: string; name: string; sessionTypeIds: string[]; documentTemplateIds: string[] }[];
    const service = services.find((s) => s.name === 'New patient consultation')!;
    const created = await adminApi.post('/api/sessions', {
      data: {
        serviceId: service.id,
        sessionTypeId: service.sessionTypeIds[0],
        hostId: provider.id,
        meetNow: true,
        allowOutsideWorkHours: true,
        participants: [{ name: 'Ada Patient', timeZone: 'Europe/Madrid', invitationType: 'none' }],
      },
    });
    expect(created.status()).toBe(201);
    const session = (await created.json()) as { id: string; participants: { id: string }[] };

    await signInAsUser(provider, `/sessions/${session.id}`);
    await expect(page.getByRole('heading', { name: 'New patient consultation', level: 1 })).toBeVisible();
    await expectNoViolations(page, 'session page');
    for (const tab of ['Notes', 'History', 'MedCart']) {
      await page.getByRole('tab', { name: tab }).click();
      await expectNoViolations(page, `session ${tab} tab`);
    }

    await page.goto('/appointments');
    await page.getByRole('button', { name: 'Schedule new session' }).first().click();
    await expect(page.getByRole('dialog', { name: 'New Session' })).toBeVisible();
    await expectNoViolations(page, 'New Session panel');

    const link = (await (await adminApi.post(`/api/sessions/${session.id}/participants/${session.participants[0]!.id}/link`)).json()) as { url: string };
    const phone = await newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const participant = await phone.newPage();
    await participant.goto(link.url);
    await expect(participant.getByRole('heading', { name: 'Hello, Ada Patient' })).toBeVisible();
    await expectNoViolations(participant, 'participant page');
    // The service's default documents, open to fill in: every field type of the intake form.
    await participant.getByRole('button', { name: 'Fill in' }).first().click();
    await expect(participant.getByRole('region', { name: 'Documents to complete' }).getByRole('button', { name: 'Send' })).toBeVisible();
    await expectNoViolations(participant, 'participant page, a document open');
    await phone.close();
  });
});
