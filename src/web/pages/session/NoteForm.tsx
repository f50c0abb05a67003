import { Alert, Button, Group, Stack, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import type { SessionNote } from '../../../shared/session-management';
import { applyServerErrors } from '../../lib/form-errors';
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

  const save = form.onSubmit(({ body }) => {
    setFormError('');
    add.mutate(amends ? { body, amends: amends.id } : { body }, {
      onSuccess: () => (amends ? onDone?.() : form.reset()),
      onError: (error) => setFormError(applyServerErrors(form, error)),
    });
  });

  return (
    <form noValidate onSubmit={save}>
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
            <Button variant="default" onClick={onDone}>
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
