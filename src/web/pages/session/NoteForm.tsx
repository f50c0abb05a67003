import { Alert, Button, Group, Stack, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import type { SessionNote } from '../../../shared/session-management';
import { UnsavedChangesPrompt } from '../../components/UnsavedChangesPrompt/UnsavedChangesPrompt';
import { applyServerErrors } from '../../lib/form-errors';
import { staffFormDraftKey } from '../../lib/staff-drafts';
import { forgetDraft, usePersistentForm } from '../../lib/usePersistentDraft';
import { useAddNote } from './session-api';

export interface NoteFormProps {
  readonly sessionId: string;
  /** The note being corrected: the form starts with its text and saves an amendment beside it. */
  readonly amends?: SessionNote;
  /** After an amendment is saved, or given up. */
  readonly onDone?: () => void;
}

const checkBody = (body: string) => (!body.trim() ? 'Write the note' : body.length > 20_000 ? 'Use at most 20,000 characters' : null);

/** Writes a new note, or an amendment; what was typed stays if saving fails. */
export function NoteForm({ sessionId, amends, onDone }: NoteFormProps) {
  const add = useAddNote(sessionId);
  const [formError, setFormError] = useState('');
  const form = useForm({ initialValues: { body: amends?.body ?? '' }, validate: { body: checkBody } });
  const draftKey = staffFormDraftKey(amends ? `note-amendment.${amends.id}` : `note.${sessionId}`);
  usePersistentForm(form, draftKey);
  const done = () => {
    forgetDraft(draftKey);
    onDone?.();
  };

  const save = form.onSubmit(({ body }) => {
    setFormError('');
    add.mutate(amends ? { body, amends: amends.id } : { body }, {
      onSuccess: () => (amends ? done() : form.reset()),
      onError: (error) => setFormError(applyServerErrors(form, error)),
    });
  });

  return (
    <form noValidate onSubmit={save}>
      {/* One prompt for the page: the new note's form asks; an amendment is kept all the same. */}
      {!amends && <UnsavedChangesPrompt when={form.isDirty() && !add.isPending} />}
      <Stack gap="xs">
        {formError && (
          <Alert color="red" role="alert">
            {formError}
          </Alert>
        )}
        <Textarea
          label={amends ? 'Amendment' : 'New note'}
          description={amends ? 'The original note stays as it is; this is added beside it.' : undefined}
          autosize
          minRows={3}
          maxRows={16}
          // Amend is clicked further down the list: bring the form into view, ready to type.
          autoFocus={Boolean(amends)}
          {...form.getInputProps('body')}
        />
        <Group justify="flex-end" gap="xs">
          {amends && (
            <Button variant="default" onClick={done}>
              Cancel
            </Button>
          )}
          {/* An amendment that says the same as the original would only add noise. */}
          <Button type="submit" loading={add.isPending} disabled={Boolean(amends) && !form.isDirty()}>
            {amends ? 'Save amendment' : 'Add note'}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
