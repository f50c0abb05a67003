import { Alert, Button, Stack } from '@mantine/core';
import type { UseMutationResult } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import type { Answers, DocumentToComplete } from '../../../shared/documents';
import { ApiError } from '../../api/client';
import { DocumentForm } from '../../components/DocumentForm/DocumentForm';
import { PdfToRead } from '../../components/DocumentForm/PdfToRead';
import { isLinkGone } from './api';
import { isConflict } from './documents-api';

export interface DocumentFillerProps {
  readonly document: DocumentToComplete;
  readonly complete: UseMutationResult<DocumentToComplete, Error, Answers>;
  readonly onClose: () => void;
}

/** A pending document opened in place: the PDF to read first if there is one, then its fields. */
export function DocumentFiller({ document, complete, onClose }: DocumentFillerProps) {
  const box = useRef<HTMLDivElement>(null);
  // The button that opened it is gone: the focus moves here, not to the top of the page.
  useEffect(() => box.current?.focus({ preventScroll: true }), []);
  const fieldErrors = complete.error instanceof ApiError ? (complete.error.problem.errors ?? []) : [];
  const failure = complete.error && fieldErrors.length === 0 ? failureMessage(complete.error) : null;

  return (
    <Stack gap="md" ref={box} tabIndex={-1} style={{ outline: 'none' }}>
      {document.kind === 'pdf' && document.fileUrl && <PdfToRead name={document.name} url={document.fileUrl} />}
      <DocumentForm
        fields={document.fields}
        submitLabel={document.kind === 'pdf' ? 'Sign and send' : 'Send'}
        onSubmit={(answers) => complete.mutateAsync(answers)}
        serverErrors={fieldErrors}
        draftKey={`carebeam.portal.document.${document.id}`}
      />
      {failure && (
        <Alert color="red" variant="light" role="alert">
          {failure}
        </Alert>
      )}
      <Button variant="subtle" size="md" onClick={onClose} style={{ alignSelf: 'flex-start' }}>
        Finish later
      </Button>
    </Stack>
  );
}

function failureMessage(error: Error): string {
  if (isConflict(error, 'invalid_state')) return 'This session was canceled, so this document can no longer be completed.';
  if (isLinkGone(error)) return 'Your page has expired. Open the link from your invitation again; your answers are kept in this tab.';
  if (error instanceof ApiError && error.status === 0) return error.message;
  return 'Your answers could not be sent just now. They are still here: try again in a moment.';
}
