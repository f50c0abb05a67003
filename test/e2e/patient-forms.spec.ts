import { fileURLToPath } from 'node:url';
import { pdfText } from '../../src/server/testing/pdf-text';
import { expect, snap, test, workEveryDay } from './fixtures';

// Names in the scripts a clinic meets; the participant types them and the signed PDF must carry them.
const NAMES = ['Zoë Ørsted-Ñúñez', 'Иван Петров', 'Ελένη Παππά', '山田 さくら', '王小明', '김민준', 'محمد علي', 'דוד כהן', 'सुनील कुमार'];

test('a participant is told at once about a negative weight and a future birth date, types a date, and signs a PDF that prints every script', async ({
  page,
  newContext,
  adminApi,
  freshUser,
  signInAs,
}) => {
  test.setTimeout(120_000);
  const provider = await freshUser(['provider'], { name: 'Dr. Fiona Forms' });
  await workEveryDay(adminApi, provider.id, 'America/New_York');
  const services = (await (await adminApi.get('/api/services')).json()) as { id: string; name: string; sessionTypeIds: string[] }[];
  const service = services.find((s) => s.name === 'New patient consultation')!; // its documents include the intake questionnaire
  const created = await adminApi.post('/api/sessions', {
    data: {
      serviceId: service.id,
      sessionTypeId: service.sessionTypeIds[0],
      hostId: provider.id,
      meetNow: true,
      allowOutsideWorkHours: true,
      participants: [{ name: 'Sakura 山田', timeZone: 'Asia/Tokyo', invitationType: 'none' }],
    },
  });
  expect(created.status()).toBe(201);
  const session = (await created.json()) as { id: string; participants: { id: string }[] };
  const link = (await (await adminApi.post(`/api/sessions/${session.id}/participants/${session.participants[0]!.id}/link`)).json()) as { url: string };

  const phone = await newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'en-US' });
  const participant = await phone.newPage();
  await participant.goto(link.url);
  const item = participant.getByRole('listitem').filter({ hasText: 'Intake questionnaire' });
  await item.getByRole('button', { name: 'Fill in' }).click();

  // A negative weight: said under the field at once, and left as typed (never clamped).
  const weight = item.getByRole('textbox', { name: 'Weight (kg)' });
  await weight.fill('-5');
  await weight.blur();
  await expect(item.getByText('Enter 0 kg to 700 kg')).toBeVisible();
  await expect(weight).toHaveValue('-5');
  await expect(item.getByText('kg', { exact: true })).toBeVisible(); // the unit beside the input

  // The calendar of a date of birth opens on years, about thirty back.
  const birth = item.getByRole('textbox', { name: 'Date of birth' });
  await birth.click();
  const thirtyBack = await participant.evaluate(() => new Date().getFullYear() - 30);
  await expect(participant.getByRole('button', { name: String(thirtyBack), exact: true })).toBeVisible();
  // A popover: a full-page screenshot leaves it out, so the dropdown itself is saved.
  await participant.locator('[data-dates-dropdown]').screenshot({ path: fileURLToPath(new URL('../../test-results/screens/patient-forms-decade.png', import.meta.url)) });
  await birth.press('Escape');

  // A birth date next year (by the browser's clock, which is the test clock): refused with a message.
  const nextYear = await participant.evaluate(() => new Date().getFullYear() + 1);
  await birth.fill(`${nextYear}-01-15`);
  await birth.blur();
  await expect(item.getByText('Enter a date that is not in the future')).toBeVisible();
  await snap(participant, 'patient-forms-refused');

  // Sending anyway is stopped in the browser; the server refuses the same (documents.test.ts).
  await item.getByRole('button', { name: 'Send' }).click();
  await expect(item.getByText('Some answers need another look')).toBeVisible();

  // A typed date is read and what was understood is said.
  await birth.fill('March 5, 1985');
  await birth.blur();
  await expect(birth).toHaveValue('March 5, 1985');
  await expect(item.getByText(/Understood as Tuesday, March 5, 1985/)).toBeVisible();
  await weight.fill('72.5');
  await expect(item.getByText('Enter 0 kg to 700 kg')).toBeHidden();

  await item.getByRole('textbox', { name: 'What is the reason for your visit?' }).fill(NAMES.join(' / '));
  await item.getByRole('radiogroup', { name: 'How much pain do you feel today?' }).getByRole('radio', { name: 'Mild' }).check();
  await item.getByRole('radiogroup', { name: 'Do you have any allergies?' }).getByRole('radio', { name: 'No' }).check();
  const signature = item.getByRole('group', { name: 'Signature' });
  await signature.getByRole('radiogroup', { name: 'How to sign' }).getByText('Type', { exact: true }).click();
  await signature.getByRole('textbox', { name: 'Type your full name' }).fill('Sakura 山田');
  await snap(participant, 'patient-forms-filled');
  await item.getByRole('button', { name: 'Send' }).click();
  await expect(item.getByText('Thank you, this document is complete')).toBeVisible();
  await snap(participant, 'patient-forms-completed');

  // The signed copy: every name as typed, the weight with its unit, the typed birth date.
  const copy = await participant.request.get((await item.getByRole('link', { name: 'Download your signed copy' }).getAttribute('href'))!);
  const text = (await pdfText(new Uint8Array(await copy.body()))).replace(/\s+/g, ' ');
  for (const name of NAMES) expect(text).toContain(name);
  expect(text).toContain('Signed: Sakura 山田 (typed)');
  expect(text).toContain('72.5 kg');
  expect(text).toContain('March 5, 1985 (1985-03-05)');
  await phone.close();

  // Staff see the limits in the builder.
  await signInAs('admin', '/documents');
  await page.getByRole('button', { name: 'Actions for Intake questionnaire' }).click();
  await page.getByRole('menuitem', { name: 'Edit' }).click();
  const weightCard = page.getByRole('group', { name: /Weight \(kg\)/ });
  await expect(weightCard.getByRole('textbox', { name: 'Smallest' })).toHaveValue('0');
  await expect(weightCard.getByRole('textbox', { name: 'Unit' })).toHaveValue('kg');
  await expect(page.getByRole('group', { name: /Date of birth/ }).getByLabel('Allowed dates')).toHaveValue('Today or earlier');
  await weightCard.scrollIntoViewIfNeeded();
  await snap(page, 'patient-forms-builder');
});
