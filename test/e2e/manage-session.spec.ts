import { bookThroughApi, expect, pickFreeTime, snap, test, workEveryDay } from './fixtures';

test('manage a session from the dashboard: participant, notes, reschedule, history, next, cancel', async ({ page, adminApi, freshUser, signInAsUser }) => {
  const provider = await freshUser(['provider'], { name: 'Dr. Mara Manage' });
  await workEveryDay(adminApi, provider.id, 'UTC');
  await signInAsUser(provider, '/appointments');
  await bookThroughApi(page, provider.id, 'Paul Patient');
  await page.reload();

  // Open the session from its dashboard row.
  const row = page.getByTestId('session-row').filter({ hasText: 'Paul Patient' });
  await row.getByRole('button', { name: /^Manage Session/ }).click();
  await page.getByRole('menuitem', { name: 'Open session' }).click();
  await expect(page.getByRole('heading', { name: 'Follow-up visit' })).toBeVisible();

  // Add a participant.
  await page.getByRole('button', { name: 'Add participant' }).click();
  const add = page.getByRole('dialog', { name: 'Add participant' });
  await add.getByRole('textbox', { name: 'Select or invite a participant' }).fill('Maria');
  await page.getByRole('option', { name: /Maria Gonzalez/ }).click();
  // A directory pick says who and how first; nothing is sent until Invite.
  await page.getByRole('dialog', { name: 'Add participant' }).getByRole('button', { name: 'Invite' }).click();
  await expect(page.getByRole('row', { name: /Maria Gonzalez/ })).toBeVisible();
  await snap(page, 'session-participants');

  // A note, then an amendment.
  await page.getByRole('tab', { name: 'Notes' }).click();
  await page.getByLabel('New note').fill('Reports better sleep since the last visit.');
  await page.getByRole('button', { name: 'Add note' }).click();
  await expect(page.getByText('Reports better sleep since the last visit.')).toBeVisible();
  await page.getByRole('button', { name: 'Amend' }).first().click();
  await page.getByLabel(/amendment|New note/i).first().fill('Correction: better sleep for two weeks only.');
  await page.getByRole('button', { name: 'Save amendment' }).click();
  await expect(page.getByText('Correction: better sleep for two weeks only.')).toBeVisible();
  await expect(page.getByText('Reports better sleep since the last visit.')).toBeVisible();
  await snap(page, 'session-notes');

  // Reschedule to another free time.
  await page.getByRole('button', { name: /^Manage Session/ }).click();
  await page.getByRole('menuitem', { name: 'Reschedule' }).click();
  const reschedule = page.getByRole('dialog', { name: 'Reschedule session' });
  await pickFreeTime(reschedule);
  await reschedule.getByRole('button', { name: 'Reschedule', exact: true }).click();
  await expect(page.getByText('Session rescheduled')).toBeVisible();

  // The history tells every step.
  await page.getByRole('tab', { name: 'History' }).click();
  const history = page.getByRole('tabpanel', { name: 'History' });
  for (const text of [/Scheduled Follow-up visit/, /Added Maria Gonzalez/, /Added a note/, /Amended a note/, /Rescheduled from .* to /]) {
    await expect(history.getByText(text).first()).toBeVisible();
  }
  await snap(page, 'session-history');

  // Schedule the next session: everything prefilled but the time.
  await page.getByRole('button', { name: /^Manage Session/ }).click();
  await page.getByRole('menuitem', { name: 'Schedule next session' }).click();
  const next = page.getByRole('dialog', { name: 'Schedule next session' });
  await expect(next.getByRole('combobox', { name: 'Service' })).toHaveValue(/Follow-up visit/);
  await pickFreeTime(next);
  await next.getByRole('button', { name: 'Next step: Participant Details' }).click();
  await expect(next.getByRole('listitem').filter({ hasText: 'Paul Patient' })).toBeVisible();
  await expect(next.getByRole('listitem').filter({ hasText: 'Maria Gonzalez' })).toBeVisible();
  await next.getByRole('button', { name: 'Invite' }).click();
  await expect(page).toHaveURL(/\/sessions\/[0-9a-f-]{36}$/);
  await page.getByRole('tab', { name: 'History' }).click();
  await expect(page.getByRole('tabpanel', { name: 'History' }).getByText(/next session/i).first()).toBeVisible();

  // Cancel that one, with a reason.
  await page.getByRole('button', { name: /^Manage Session/ }).click();
  await page.getByRole('menuitem', { name: 'Cancel session' }).click();
  const cancel = page.getByRole('dialog', { name: 'Cancel this session?' });
  await cancel.getByLabel('Reason').fill('Patient moved to another clinic');
  await snap(page, 'session-cancel');
  await cancel.getByRole('button', { name: 'Cancel session' }).click();
  await expect(page.getByText('This session was canceled')).toBeVisible();
  await expect(page.getByText('Patient moved to another clinic').first()).toBeVisible();
  await snap(page, 'session-canceled');
});

test('edit a session: documents and host, from the session page', async ({ page, adminApi, freshUser, signInAs }) => {
  const host = await freshUser(['provider'], { name: 'Dr. Edit One' });
  const other = await freshUser(['provider'], { name: 'Dr. Edit Two' });
  await workEveryDay(adminApi, host.id, 'UTC');
  await workEveryDay(adminApi, other.id, 'UTC');
  await signInAs('dispatcher', '/appointments');
  const id = await bookThroughApi(page, host.id, 'Eva Edit');
  await page.goto(`/sessions/${id}`);
  await page.getByRole('button', { name: /^Manage Session/ }).click();
  await page.getByRole('menuitem', { name: 'Edit' }).click();
  const edit = page.getByRole('dialog', { name: 'Edit session' });
  await edit.getByRole('combobox', { name: 'Session Host' }).click();
  await page.getByRole('option', { name: 'Dr. Edit Two' }).click();
  await edit.getByLabel('Provider visit checklist').check();
  await snap(page, 'session-edit');
  await edit.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByText('Session updated')).toBeVisible();
  await expect(page.getByText('Dr. Edit Two').first()).toBeVisible();
  await expect(page.getByRole('row', { name: /Provider visit checklist/ })).toContainText('Dr. Edit Two');
});
