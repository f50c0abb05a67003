import { Alert, Button, Stack } from '@mantine/core';
import { type FormEvent, useCallback, useEffect, useRef, useState } from 'react';
import { type Answers, type DocumentField, validateAnswers } from '../../../shared/documents';
import type { FieldError } from '../../../shared/problem';
import { answersToSend, clearDraft, firstFieldWithError, focusField, liveError, localToday, placeErrors, readDraft, writeDraft } from './answers';
import { DocumentAnswers } from './DocumentAnswers';
import { FieldInput } from './FieldInput';

interface CommonProps {
  readonly fields: DocumentField[];
  readonly initialAnswers?: Answers | null | undefined;
  /** Who signs, for the drawn signature's alternative text when read only. */
  readonly signerName?: string | undefined;
}

export interface EditableDocumentFormProps extends CommonProps {
  readonly readOnly?: false;
  readonly submitLabel: string;
  /** Called with valid answers only; the button shows a loader until it settles. */
  readonly onSubmit: (answers: Answers) => Promise<unknown>;
  /** The server's field errors of the last attempt (`answers.<field id>`); a new array per attempt. */
  readonly serverErrors?: readonly FieldError[] | undefined;
  /** Keeps typed answers in sessionStorage under this key until the document is submitted. */
  readonly draftKey?: string | undefined;
}

export interface ReadOnlyDocumentFormProps extends CommonProps {
  readonly readOnly: true;
}

export type DocumentFormProps = EditableDocumentFormProps | ReadOnlyDocumentFormProps;

/** A document's fields in order: filled in by a participant or host, or shown read only. */
export function DocumentForm(props: DocumentFormProps) {
  if (props.readOnly) return <DocumentAnswers fields={props.fields} answers={props.initialAnswers ?? {}} signerName={props.signerName} />;
  return <EditableDocumentForm {...props} />;
}

function EditableDocumentForm({ fields, initialAnswers, submitLabel, onSubmit, serverErrors = [], draftKey }: EditableDocumentFormProps) {
  const formRef = useRef<HTMLFormElement>(null);
  const [answers, setAnswers] = useState<Answers>(() => ({ ...initialAnswers, ...readDraft(draftKey, fields) }));
  const [clientErrors, setClientErrors] = useState<Record<string, string>>({});
  const [submitting, setSubmitting] = useState(false);

  // A server error stays under its field until that field is edited or another answer comes back.
  const server = placeErrors(fields, serverErrors);
  const serverKey = JSON.stringify(serverErrors);
  const [editedSince, setEditedSince] = useState({ serverKey, ids: new Set<string>() });
  if (editedSince.serverKey !== serverKey) setEditedSince({ serverKey, ids: new Set() });
  const errorOf = (id: string) => clientErrors[id] ?? (editedSince.ids.has(id) ? undefined : server.byField[id]);

  const firstServerField = firstFieldWithError(fields, server.byField);
  useEffect(() => {
    if (firstServerField) focusField(formRef.current, firstServerField);
  }, [serverKey, firstServerField]);

  // Stable, so a keystroke re-renders only the field it changes (forms can be long, phones slow).
  const change = useCallback(
    (id: string, value: unknown) => {
      setAnswers((previous) => ({ ...previous, [id]: value }));
      const now = liveError(fields.find((f) => f.id === id), value);
      setClientErrors(({ [id]: _gone, ...rest }) => (now ? { ...rest, [id]: now } : rest));
      setEditedSince((previous) => (previous.ids.has(id) ? previous : { ...previous, ids: new Set(previous.ids).add(id) }));
    },
    [fields],
  );
  useEffect(() => writeDraft(draftKey, fields, answers), [draftKey, fields, answers]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (submitting) return;
    const sent = answersToSend(fields, answers);
    const { byField } = placeErrors(fields, validateAnswers(fields, sent, localToday()));
    setClientErrors({ ...byField });
    const first = firstFieldWithError(fields, byField);
    if (first) {
      focusField(formRef.current, first);
      return;
    }
    setSubmitting(true);
    try {
      await onSubmit(sent);
      clearDraft(draftKey);
    } catch {
      // The caller says what went wrong (serverErrors, or its own message); the answers stay.
    } finally {
      setSubmitting(false);
    }
  };

  const needsAttention = fields.some((f) => errorOf(f.id));
  return (
    <form ref={formRef} onSubmit={(e) => void submit(e)} noValidate>
      <Stack gap="lg">
        {fields.map((field) => (
          <div key={field.id} data-field-id={field.id}>
            <FieldInput field={field} value={answers[field.id]} onAnswer={change} error={errorOf(field.id)} />
          </div>
        ))}
        {(needsAttention || server.other.length > 0) && (
          <Alert color="red" variant="light" role="alert">
            {[...(needsAttention ? ['Some answers need another look: see the messages under them.'] : []), ...server.other].join(' ')}
          </Alert>
        )}
        <Button type="submit" size="md" loading={submitting} w={{ base: '100%', xs: 'auto' }} style={{ alignSelf: 'flex-start' }}>
          {submitLabel}
        </Button>
      </Stack>
    </form>
  );
}
