import type { Locator, Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { PDFDocument } from 'pdf-lib';
import { expect, snap, startFollowUpAtFreeTime, test, waitForEmail, workEveryDay } from './fixtures';

/** The builder's card for question `n` (1-based). */
const fieldCard = (page: Page, n: number) => page.getByRole('group', { name: new RegExp(`^Field ${n}:`) });

async function addQuestion(page: Page, type: string, question: string, options: string[] = []) {
  await page.getByRole('button', { name: 'Add question' }).click();
  await page.getByRole('menuitem', { name: type, exact: true }).click();
  const count = await page.getByRole('group', { name: /^Field \d+:/ }).count();
  const card = fieldCard(page, count);
  // The new question's wording has the keyboard already.
  await expect(card.getByRole('textbox', { name: 'Question' })).toBeFocused();
  await page.keyboard.insertText(question);
  for (const [index, option] of options.entries()) {
    const input = card.getByRole('textbox', { name: new RegExp(`^Option ${index + 1} of`) });
    if ((await input.count()) === 0) await card.getByRole('button', { name: 'Add option' }).click();
    await input.fill(option);
  }
  return card;
}

/** Draws a signature-like stroke across the pad with the mouse (a pointer, as a finger would be). */
async function drawSignature(page: Page, pad: Locator) {
  // The mouse works in viewport coordinates: the pad must be on screen first.
  await pad.scrollIntoViewIfNeeded();
  const box = (await pad.boundingBox())!;
  const y = box.y + box.height * 0.6;
  await page.mouse.move(box.x + 20, y);
  await page.mouse.down();
  for (let i = 1; i <= 12; i++) await page.mouse.move(box.x + 20 + i * ((box.width - 60) / 12), y - Math.sin(i) * 18, { steps: 2 });
  await page.mouse.up();
}

test.describe('documents', () => {
  test('an administrator builds a form; the participant completes it on a phone; the host completes theirs and downloads the PDF', async ({
    page,
    newContext,
    adminApi,
    freshUser,
    signInAs,
    signInAsUser,
  }) => {
    test.setTimeout(240_000); // One long journey through three people's screens.
    const formName = `Pre-visit questionnaire ${Date.now()}`;

    // The administrator builds a form with every field type.
    await signInAs('admin', '/documents');
    await expect(page.getByRole('table', { name: 'Documents' }).getByText('Consent to telehealth')).toBeVisible();
    await page.getByRole('link', { name: 'New form' }).click();
    await expect(page.getByRole('heading', { name: 'New form' })).toBeVisible();

    // Saving without a name or a question is refused, with the keyboard on the first problem.
    await page.getByRole('button', { name: 'Save form' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'Some fields need another look' })).toBeVisible();
    await expect(page.getByRole('textbox', { name: 'Name' })).toBeFocused();
    await page.getByRole('textbox', { name: 'Name' }).fill(formName);
    await fieldCard(page, 1).getByRole('textbox', { name: 'Question' }).fill('Reason for the visit');
    await fieldCard(page, 1).getByRole('switch', { name: 'Answer required' }).check();
    await addQuestion(page, 'Long text', 'Anything else we should know?');
    const medication = await addQuestion(page, 'Yes / No', 'Do you take any medication?');
    await medication.getByRole('switch', { name: 'Answer required' }).check();
    await addQuestion(page, 'Single choice', 'How do you feel today?', ['Good', 'Poor']);
    await addQuestion(page, 'Multiple choice', 'Symptoms', ['Cough', 'Fever', 'Headache']);
    await addQuestion(page, 'Number', 'Weight in kg');
    const birth = await addQuestion(page, 'Date', 'Date of birth');
    await birth.getByRole('textbox', { name: 'Help text' }).fill('As on your ID card.');
    // Move the date before the number, with the keyboard.
    await birth.getByRole('button', { name: 'Move Date of birth up' }).press('Enter');
    await expect(fieldCard(page, 6)).toHaveAccessibleName(/Date of birth/);
    await addQuestion(page, 'Signature', 'Your signature');

    // The live preview shows every question in order.
    const preview = page.getByRole('region', { name: 'Preview' });
    await expect(preview.getByText('Date of birth')).toBeVisible();
    await expect(preview.getByRole('checkbox', { name: 'Headache' })).toBeVisible();
    await snap(page, 'documents-builder');
    await page.getByRole('button', { name: 'Save form' }).click();
    await expect(page).toHaveURL(/\/documents$/);
    const row = page.getByRole('row').filter({ hasText: formName });
    await expect(row).toContainText('Form · 8 questions');
    await expect(row).toContainText('Participant');
    await snap(page, 'documents-list');

    // A provider schedules a session with it (and the host checklist), inviting the participant by email.
    const provider = await freshUser(['provider'], { name: 'Dr. Dora Docs' });
    await workEveryDay(adminApi, provider.id, 'America/New_York');
    const email = `pia-${Date.now()}@example.test`;
    await signInAsUser(provider, '/appointments');
    const panel = await startFollowUpAtFreeTime(page);
    await panel.getByRole('checkbox', { name: formName }).check();
    await panel.getByRole('checkbox', { name: /Provider visit checklist/ }).check();
    await panel.getByRole('button', { name: 'Next step: Participant Details' }).click();
    await panel.getByRole('textbox', { name: 'Select or invite a participant' }).fill('Pia Phone');
    await page.getByRole('option', { name: /Add new Participant/ }).click();
    await panel.getByRole('textbox', { name: 'Email' }).fill(email);
    await panel.getByRole('button', { name: 'Add participant' }).click();
    await panel.getByRole('button', { name: 'Invite' }).click();
    await expect(page.getByRole('dialog', { name: 'Session scheduled' })).toBeVisible();
    const link = /https?:\/\/[^\s]+\/join\/[A-Za-z0-9_-]{43}/.exec((await waitForEmail(email)).text)?.[0];
    expect(link).toBeDefined();

    // The participant completes it on a phone, signing with a drawn signature.
    const phone = await newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const participant = await phone.newPage();
    await participant.goto(link!);
    const item = participant.getByRole('listitem').filter({ hasText: formName });
    await expect(item).toContainText('Pending');
    await item.getByRole('button', { name: 'Fill in' }).click();
    await item.getByRole('textbox', { name: 'Reason for the visit' }).fill('Knee pain after running');
    await item.getByRole('textbox', { name: 'Anything else we should know?' }).fill('Allergic to penicillin.\nRuns three times a week.');
    await item.getByRole('radiogroup', { name: 'Do you take any medication?' }).getByRole('radio', { name: 'No' }).check();
    await item.getByRole('radio', { name: 'Good' }).check();
    await item.getByRole('checkbox', { name: 'Cough' }).check();
    await item.getByRole('checkbox', { name: 'Headache' }).check();
    await item.getByRole('textbox', { name: 'Weight in kg' }).fill('72.5');
    // Sent unsigned: the signature is asked for and nothing is sent.
    await item.getByRole('button', { name: 'Send' }).click();
    await expect(item.getByText('Some answers need another look')).toBeVisible();
    // Typed; leaving the field closes its calendar, which would cover the signature pad.
    await item.getByRole('textbox', { name: 'Date of birth' }).fill('1990-05-15');
    await item.getByRole('textbox', { name: 'Date of birth' }).blur();
    await expect(item.getByText('Understood as Tuesday, May 15, 1990')).toBeVisible();
    await drawSignature(participant, item.getByRole('img', { name: 'Your signature' }));
    await expect(item.getByText('Signed')).toBeVisible();
    await snap(participant, 'documents-phone-filled');
    await item.getByRole('button', { name: 'Send' }).click();
    await expect(item.getByText('Thank you, this document is complete')).toBeVisible();
    await expect(item).toContainText('Completed');
    expect(await participant.evaluate(() => document.documentElement.scrollWidth > window.innerWidth)).toBe(false);
    await snap(participant, 'documents-phone-completed');
    const copy = await participant.request.get((await item.getByRole('link', { name: 'Download your signed copy' }).getAttribute('href'))!);
    expect((await copy.body()).subarray(0, 5).toString()).toBe('%PDF-');
    await phone.close();

    // The host sees it completed, reads the answers, completes the checklist and downloads its PDF.
    await page.goto('/appointments');
    const sessionRow = page.getByTestId('session-row').filter({ hasText: 'Pia Phone' });
    // The paperwork at a glance: the participant's form is done, the host's checklist is not.
    await expect(sessionRow).toContainText('1 of 2 documents completed');
    await sessionRow.getByRole('button', { name: /^Manage Session/ }).click();
    await page.getByRole('menuitem', { name: 'Open session' }).click();
    await page.getByRole('tab', { name: 'Documents' }).click();
    const completed = page.getByRole('row').filter({ hasText: formName });
    await expect(completed).toContainText('Completed');
    await completed.getByRole('button', { name: /^View / }).click();
    const viewer = page.getByRole('dialog', { name: formName });
    await expect(viewer.getByText('Knee pain after running')).toBeVisible();
    await expect(viewer.getByRole('img', { name: 'Signature of Pia Phone' })).toBeVisible();
    await snap(page, 'documents-host-view');
    await viewer.getByRole('button', { name: 'Close document' }).click();

    await page.getByRole('row').filter({ hasText: 'Provider visit checklist' }).getByRole('button', { name: 'Complete' }).click();
    const checklist = page.getByRole('dialog', { name: 'Provider visit checklist' });
    await checklist.getByRole('radiogroup', { name: 'Patient identity verified' }).getByRole('radio', { name: 'Yes' }).check();
    await checklist.getByRole('radiogroup', { name: 'Telehealth consent on file' }).getByRole('radio', { name: 'Yes' }).check();
    await checklist.getByRole('textbox', { name: 'Follow-up plan' }).fill('Physiotherapy twice a week; review in a month.');
    await checklist.getByRole('radiogroup', { name: 'How to sign' }).getByText('Type', { exact: true }).click();
    await checklist.getByRole('textbox', { name: 'Type your full name' }).fill('Dora Docs');
    await checklist.getByRole('button', { name: 'Save as completed' }).click();
    await expect(checklist.getByText('By Dr. Dora Docs')).toBeVisible();
    await snap(page, 'documents-host-completed');
    const download = page.waitForEvent('download');
    await checklist.getByRole('link', { name: 'Download signed PDF' }).click();
    const downloaded = await download;
    const pdf = await PDFDocument.load(await readFile(await downloaded.path()));
    expect(pdf.getPageCount()).toBeGreaterThan(0);
    expect(downloaded.suggestedFilename()).toMatch(/\.pdf$/);
    await checklist.getByRole('button', { name: 'Close document' }).click();
    await expect(page.getByRole('row').filter({ hasText: 'Provider visit checklist' })).toContainText('Completed');
    await page.getByRole('link', { name: 'My Appointments' }).first().click();
    await expect(sessionRow).toContainText('2 of 2 documents completed');
    await snap(page, 'documents-appointments-progress');
  });

  test('an administrator uploads a PDF to acknowledge, replaces it with a new version, and retires it', async ({ page, signInAs }) => {
    const name = `Privacy notice ${Date.now()}`;
    const makePdf = async (text: string) => {
      const pdf = await PDFDocument.create();
      pdf.addPage().drawText(text);
      return Buffer.from(await pdf.save());
    };
    await signInAs('admin', '/documents');
    await page.getByRole('button', { name: 'Upload PDF' }).click();
    const drawer = page.getByRole('dialog', { name: 'Upload a PDF' });
    await drawer.getByRole('textbox', { name: 'Name' }).fill(name);
    // Not a PDF: refused by its content, nothing saved.
    await drawer.locator('input[type=file]').setInputFiles({ name: 'notice.pdf', mimeType: 'application/pdf', buffer: Buffer.from('<html>not a pdf</html>') });
    await drawer.getByRole('button', { name: 'Upload' }).click();
    await expect(drawer.getByText('This file is not a PDF')).toBeVisible();
    await drawer.locator('input[type=file]').setInputFiles({ name: 'notice.pdf', mimeType: 'application/pdf', buffer: await makePdf('Our privacy notice') });
    await drawer.getByRole('button', { name: 'Upload' }).click();
    const row = page.getByRole('row').filter({ hasText: name });
    await expect(row).toContainText('PDF to read and sign · notice.pdf');
    await expect(row.getByRole('cell').nth(2)).toHaveText('1');

    await row.getByRole('button', { name: `Actions for ${name}` }).click();
    await page.getByRole('menuitem', { name: 'Edit' }).click();
    const edit = page.getByRole('dialog', { name: `Edit ${name}` });
    await expect(edit.getByRole('link', { name: 'notice.pdf' })).toBeVisible();
    await edit.locator('input[type=file]').setInputFiles({ name: 'notice-2027.pdf', mimeType: 'application/pdf', buffer: await makePdf('Our privacy notice, 2027') });
    await snap(page, 'documents-pdf-edit');
    await edit.getByRole('button', { name: 'Save changes' }).click();
    await expect(row).toContainText('notice-2027.pdf');
    await expect(row.getByRole('cell').nth(2)).toHaveText('2');

    await row.getByRole('button', { name: `Actions for ${name}` }).click();
    await page.getByRole('menuitem', { name: 'Retire' }).click();
    await expect(row).toContainText('Retired');
    // Retired documents are no longer offered when scheduling.
    const offered = await (await page.request.get('/api/document-templates')).json();
    expect(offered.map((t: { name: string }) => t.name)).not.toContain(name);
  });
});
