import { fileURLToPath } from 'node:url';
import { expect, snap, test, workEveryDay } from './fixtures';

const LOGO = fileURLToPath(new URL('../../src/server/testing/logos/logo.png', import.meta.url));

test("an administrator uploads the logo in Settings and the participant's page shows it beside the clinic's name", async ({ page, newContext, adminApi, freshUser, signInAs }) => {
  test.setTimeout(90_000);
  await signInAs('admin', '/settings');
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: /^(Upload|Replace) logo$/ }).click();
  await (await chooser).setFiles(LOGO);
  await expect(page.getByText('Logo saved').first()).toBeVisible();
  const preview = page.getByRole('img', { name: /logo$/ });
  await expect(preview).toBeVisible();
  expect(await preview.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(120);
  await expect(page.getByRole('button', { name: 'Remove logo' })).toBeVisible();
  await snap(page, 'organization-logo-settings');

  try {
    const provider = await freshUser(['provider'], { name: 'Dr. Lena Logo' });
    await workEveryDay(adminApi, provider.id, 'America/New_York');
    const services = (await (await adminApi.get('/api/services')).json()) as { id: string; sessionTypeIds: string[] }[];
    const created = await adminApi.post('/api/sessions', {
      data: {
        serviceId: services[0]!.id,
        sessionTypeId: services[0]!.sessionTypeIds[0],
        hostId: provider.id,
        meetNow: true,
        allowOutsideWorkHours: true,
        participants: [{ name: 'Lia Patient', timeZone: 'Europe/Madrid', invitationType: 'none' }],
      },
    });
    expect(created.status()).toBe(201);
    const session = (await created.json()) as { id: string; participants: { id: string }[] };
    const link = (await (await adminApi.post(`/api/sessions/${session.id}/participants/${session.participants[0]!.id}/link`)).json()) as { url: string };
    const organization = (await (await adminApi.get('/api/organization')).json()) as { name: string; logo: { url: string } };

    const phone = await newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'en-US' });
    const participant = await phone.newPage();
    await participant.goto(link.url);
    const header = participant.getByRole('banner');
    await expect(header.getByText(organization.name)).toBeVisible();
    const logo = header.locator(`img[src="${organization.logo.url}"]`);
    await expect(logo).toBeVisible();
    // Loaded (not a broken image), in the box its width and height reserve; decorative beside the name.
    expect(await logo.evaluate((img: HTMLImageElement) => ({ loaded: img.complete && img.naturalWidth > 0, width: img.width, height: img.height, alt: img.alt }))).toEqual({ loaded: true, width: 120, height: 40, alt: '' });
    await snap(participant, 'organization-logo');
  } finally {
    // The demo clinic is shared with the other specs: leave it as it was.
    expect((await adminApi.delete('/api/organization/logo')).status()).toBe(204);
  }
});
