import { bookThroughApi, expect, pickFreeTime, snap, test, workEveryDay } from './fixtures';

test.describe('Never lose typed input', () => {
  test('the New Session panel keeps both steps across Back/Forward and a reload, and forgets them when closed', async ({ page, adminApi, freshUser, signInAsUser }) => {
    const provider = await freshUser(['provider']);
    await workEveryDay(adminApi, provider.id, 'America/New_York', '08:00', '20:00');
    await signInAsUser(provider, '/appointments');
    // Leaving with input asks first (beforeunload): accept, as a person choosing to reload would.
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.type());
      void dialog.accept();
    });

    await page.getByRole('button', { name: 'Schedule new session' }).first().click();
    await expect(page).toHaveURL(/[?&]new=session/);
    const panel = page.getByRole('dialog', { name: 'New Session' });
    await panel.getByRole('combobox', { name: 'Service' }).fill('follow');
    await page.getByRole('option', { name: /Follow-up visit/ }).click();
    await panel.getByText('Video visit').click();
    const chosen = await pickFreeTime(panel);

    // Step 1 survives a reload.
    await page.reload();
    await expect(panel.getByRole('combobox', { name: 'Service' })).toHaveValue('Follow-up visit · 30 min');
    await expect(panel.getByRole('radio', { checked: true, name: chosen })).toBeVisible();
    expect(dialogs).toContain('beforeunload');

    // Step 2 with a typed participant survives Back (the panel closes) and Forward (it opens again).
    await panel.getByRole('button', { name: 'Next step: Participant Details' }).click();
    await panel.getByRole('textbox', { name: 'Select or invite a participant' }).fill('Ada Lovelace');
    await page.getByRole('option', { name: /Add new Participant: Ada Lovelace/ }).click();
    await panel.getByRole('textbox', { name: 'Email' }).fill('ada@example.test');
    // The half-typed "Add new Participant" form survives a reload too.
    await page.reload();
    await expect(panel.getByRole('textbox', { name: 'Name' })).toHaveValue('Ada Lovelace');
    await expect(panel.getByRole('textbox', { name: 'Email' })).toHaveValue('ada@example.test');
    await snap(page, 'new-participant-after-reload');
    await panel.getByRole('button', { name: 'Add participant' }).click();
    await expect(panel.getByRole('listitem').filter({ hasText: 'Ada Lovelace' })).toBeVisible();
    await page.goBack();
    await expect(panel).toHaveCount(0);
    await expect(page).not.toHaveURL(/new=session/);
    await page.goForward();
    await expect(panel.getByText('Step 2 of 2')).toBeVisible();
    await expect(panel.getByRole('listitem').filter({ hasText: 'Ada Lovelace' })).toContainText('ada@example.test');
    await page.reload();
    await expect(panel.getByRole('listitem').filter({ hasText: 'Ada Lovelace' })).toBeVisible();
    await snap(page, 'new-session-after-reload');

    // Closing on purpose (Discard) forgets the draft: opening again starts empty.
    await panel.getByRole('button', { name: 'Close panel' }).click();
    await page.getByRole('dialog', { name: 'Discard your changes?' }).getByRole('button', { name: 'Discard' }).click();
    await expect(panel).toHaveCount(0);
    await page.getByRole('button', { name: 'Schedule new session' }).first().click();
    await expect(panel.getByText('Step 1 of 2')).toBeVisible();
    await expect(panel.getByRole('combobox', { name: 'Service' })).toHaveValue('');
  });

  test('a note being written survives a reload, and leaving the page asks first', async ({ page, adminApi, freshUser, signInAsUser }) => {
    const provider = await freshUser(['provider']);
    await workEveryDay(adminApi, provider.id, 'UTC');
    await signInAsUser(provider, '/appointments');
    const id = await bookThroughApi(page, provider.id, 'Nora Note');
    page.on('dialog', (dialog) => void dialog.accept());

    await page.goto(`/sessions/${id}?tab=notes`);
    const note = page.getByRole('textbox', { name: 'New note' });
    await note.fill('Blood pressure steady; review in two weeks.');
    await page.reload();
    await expect(note).toHaveValue('Blood pressure steady; review in two weeks.');
    await snap(page, 'note-draft-after-reload');

    await page.getByRole('link', { name: 'Participants' }).click();
    const leave = page.getByRole('dialog', { name: 'Leave without saving?' });
    await expect(leave).toBeVisible();
    await leave.getByRole('button', { name: 'Stay on this page' }).click();
    await expect(page).toHaveURL(new RegExp(`/sessions/${id}`));

    // Saved: the draft is gone, so a reload shows an empty field.
    await page.getByRole('button', { name: 'Add note' }).click();
    await expect(page.getByRole('list', { name: 'Notes' })).toContainText('Blood pressure steady');
    await expect(note).toHaveValue('');
    await page.reload();
    await expect(note).toHaveValue('');
  });
});
