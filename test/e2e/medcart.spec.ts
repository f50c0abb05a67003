import type { Observation } from '@medplum/fhirtypes';
import { type FhirTestServer, startFhirServer } from '../../src/server/testing/fhir-server';
import { expect, expectNoViolations, snap, test } from './fixtures';

// The server's clock may start at E2E_NOW (see playwright.config.ts); the FHIR engine's token
// endpoint checks assertions against the same time.
const offset = process.env.E2E_NOW ? Date.parse(process.env.E2E_NOW) - Number(process.env.E2E_CLOCK_SET_AT) : 0;

test.describe('MedCart', () => {
  let fhir: FhirTestServer;
  test.afterEach(async () => fhir?.close());

  test('an administrator registers a cart and connects the EHR; a provider enters vitals, sees a cart’s reading and a screenshot arrive, and sends the session to the EHR', async ({ page, adminApi, freshUser, signInAs, signInAsUser, playwright, baseURL }) => {
    test.setTimeout(150_000);
    fhir = await startFhirServer({ clock: { now: () => new Date(Date.now() + offset) }, jwks: async () => (await adminApi.get('/.well-known/jwks.json')).json() });
    const unique = Date.now().toString(36);
    const cartName = `Cart ${unique}`;

    // Devices: register a cart; its token is shown once.
    await signInAs('admin', '/devices');
    await page.getByRole('button', { name: 'Register cart' }).click();
    const register = page.getByRole('dialog', { name: 'Register a cart' });
    await register.getByLabel('Name').fill(cartName);
    await register.getByLabel('Location').fill('Exam room 2');
    await register.getByRole('button', { name: 'Register' }).click();
    const tokenDialog = page.getByRole('dialog', { name: `Token for ${cartName}` });
    const token = (await tokenDialog.getByLabel('Cart token').textContent())!.trim();
    expect(token).toMatch(/^cbcart_/);
    await snap(page, 'medcart-1-devices-token');
    await tokenDialog.getByRole('button', { name: 'Done' }).click();
    await expect(page.getByRole('row', { name: new RegExp(cartName) })).toContainText('Active since');

    // EHR: settings, then Test connection against the FHIR engine.
    await page.goto('/ehr');
    await page.getByLabel('EHR name').fill('Riverside EHR (test)');
    await page.getByLabel('FHIR base URL').fill(fhir.baseUrl);
    await page.getByLabel('Client ID').fill(fhir.clientId);
    await page.getByRole('button', { name: 'Save' }).click();
    await expect(page.getByText('An EHR connection with Riverside EHR (test) is set up but not tested yet.')).toBeVisible();
    await page.getByRole('button', { name: 'Test connection' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Connected' })).toContainText('Medplum FHIR router 4.5.2, FHIR 4.0.1');
    await snap(page, 'medcart-2-ehr-settings');
    // The app's toasts fail axe on their own (an unnamed close button, grey text): checked once gone.
    await expect(page.getByText('EHR connection saved')).toBeHidden({ timeout: 15_000 });
    await expectNoViolations(page, 'EHR page, connected');

    // A session of a provider, with one participant.
    const provider = await freshUser(['provider'], { name: `Dr. Vita ${unique}` });
    const services = (await (await adminApi.get('/api/services')).json()) as { id: string; name: string; sessionTypeIds: string[] }[];
    const service = services.find((s) => s.name === 'Follow-up visit')!;
    const created = await adminApi.post('/api/sessions', {
      data: { serviceId: service.id, sessionTypeId: service.sessionTypeIds[0], hostId: provider.id, meetNow: true, allowOutsideWorkHours: true, participants: [{ name: `Ana Vitals ${unique}`, timeZone: 'Europe/Madrid', invitationType: 'none' }] },
    });
    expect(created.status()).toBe(201);
    const session = (await created.json()) as { id: string; participants: { id: string }[] };

    await signInAsUser(provider, `/sessions/${session.id}?tab=medcart`);
    await expect(page.getByText(/^EHR connection established with Riverside EHR \(test\), last checked .+ [A-Z]{3,4}\.$/)).toBeVisible();

    // A provider enters blood pressure, then an impossible oxygen saturation, which is refused at its field.
    await page.getByRole('button', { name: 'Add reading' }).click();
    const form = page.getByRole('dialog', { name: 'Add a reading' });
    await form.getByLabel('Systolic').fill('128');
    await form.getByLabel('Diastolic').fill('82');
    await form.getByRole('button', { name: 'Add reading' }).click();
    await expect(form).toBeHidden();
    await expect(page.getByRole('listitem', { name: 'Blood pressure' })).toContainText('128/82 mmHg');

    await page.getByRole('button', { name: 'Add reading' }).click();
    await form.getByLabel('Kind').fill('Oxygen');
    await page.getByRole('option', { name: 'Oxygen saturation' }).click();
    await form.getByLabel('Value').fill('104');
    await form.getByRole('button', { name: 'Add reading' }).click();
    await expect(form.getByText('Oxygen saturation must be between 0 and 100 %')).toBeVisible();
    await snap(page, 'medcart-3-refused-value');
    await form.getByRole('button', { name: 'Cancel' }).click();

    // The cart, attached to the session, posts a reading: it appears without a reload.
    await page.getByRole('combobox', { name: 'Attach a MedCart' }).click();
    await page.getByRole('option', { name: new RegExp(cartName) }).click();
    await page.getByRole('button', { name: 'Attach', exact: true }).click();
    await expect(page.getByText(`MedCart ${cartName} (Exam room 2) is attached for Ana Vitals ${unique}.`)).toBeVisible();
    const device = await playwright.request.newContext({ baseURL });
    const posted = await device.post('/api/medcart/readings', {
      headers: { authorization: `Bearer ${token}` },
      data: { sessionId: session.id, kind: 'heart_rate', value: 131, unit: '/min', deviceLabel: 'Nonin 3230', clientReadingId: `hr-${unique}` },
    });
    expect(posted.status()).toBe(201);
    const heartRate = page.getByRole('listitem', { name: 'Heart rate' });
    await expect(heartRate).toContainText('131 /min');
    await expect(heartRate).toContainText('High');
    await expect(heartRate).toContainText(`${cartName} · Nonin 3230`);
    // A second one draws the trend.
    const again = await device.post('/api/medcart/readings', {
      headers: { authorization: `Bearer ${token}` },
      data: { sessionId: session.id, kind: 'heart_rate', value: 96, unit: '/min', deviceLabel: 'Nonin 3230', clientReadingId: `hr2-${unique}` },
    });
    expect(again.status()).toBe(201);
    await expect(page.getByRole('img', { name: 'Heart rate over 1 session: 96 to 131 /min' })).toBeVisible();
    await page.getByRole('region', { name: 'Heart rate' }).screenshot({ path: 'test-results/screens/medcart-6-heart-rate-trend.png' });
    await device.dispose();

    // A screenshot from the call (as the video call posts it) appears in the gallery and opens full size.
    const shot = await page.screenshot({ clip: { x: 0, y: 0, width: 320, height: 200 } });
    const kept = await page.request.post(`/api/sessions/${session.id}/screenshots`, {
      multipart: { label: 'Left forearm rash', participantId: session.participants[0]!.id, file: { name: 'capture.png', mimeType: 'image/png', buffer: shot } },
    });
    expect(kept.status()).toBe(201);
    const gallery = page.getByRole('list', { name: 'Screenshots and images' });
    await expect(gallery.getByRole('img', { name: 'Left forearm rash' })).toBeVisible();
    await expect(gallery).toContainText(`Screenshot of Ana Vitals ${unique} by Dr. Vita ${unique}`);
    await gallery.getByRole('button', { name: 'Open Left forearm rash full size' }).click();
    const full = page.getByRole('dialog', { name: 'Left forearm rash' });
    await expect(full.getByRole('link', { name: 'Download' })).toHaveAttribute('href', /\/images\/.+$/);
    await snap(page, 'medcart-4-screenshot-full-size');
    await page.keyboard.press('Escape');

    // Send to EHR: the send job delivers it; the tab shows "Sent" and each reading's state.
    await page.getByRole('button', { name: 'Send to EHR' }).click();
    const sends = page.getByRole('list', { name: 'Sends to the EHR' });
    await expect(sends.getByRole('listitem').first()).toContainText('Sent', { timeout: 20_000 });
    await expect(sends.getByRole('listitem').first().getByText('Sent', { exact: true })).toBeVisible();
    await expect(page.getByRole('listitem', { name: 'Heart rate' })).toContainText('EHR: sent');
    await expect(page.getByRole('listitem', { name: 'Heart rate' })).toContainText('96 /min');
    await snap(page, 'medcart-5-sent-to-ehr');
    await expectNoViolations(page, 'MedCart tab with readings, an image and a send');

    const observations = await fhir.search<Observation>('Observation');
    const ours = observations.filter((o) => o.subject?.reference?.startsWith('Patient/'));
    expect(ours.map((o) => o.code.coding![0]!.code)).toEqual(expect.arrayContaining(['85354-9', '8867-4']));
  });
});
