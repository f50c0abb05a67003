import { Alert, Anchor, Badge, Button, Drawer, Group, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconDownload, IconExternalLink } from '@tabler/icons-react';
import { AUDIENCE_LABELS, type DocumentToComplete } from '../../../shared/documents';
import { ApiError } from '../../api/client';
import { useCurrentUser } from '../../auth/sign-in';
import { DocumentForm } from '../../components/DocumentForm/DocumentForm';
import { PdfToRead } from '../../components/DocumentForm/PdfToRead';
import { QueryState } from '../../components/QueryState/QueryState';
import { staffDraftKey } from '../../lib/staff-drafts';
import { formatMoment } from '../../lib/format-moment';
import { signedPdfUrl, useCompleteHostDocument, useSessionDocument } from './session-api';

export interface SessionDocumentDrawerProps {
  readonly sessionId: string;
  readonly documentId: string;
  readonly title: string;
  /** Scheduled or in progress: documents can still be completed. */
  readonly open: boolean;
  readonly onClose: () => void;
}

/** One document of the session: the host completes theirs here; anyone reads a completed one. */
export function SessionDocumentDrawer({ sessionId, documentId, title, open, onClose }: SessionDocumentDrawerProps) {
  const document = useSessionDocument(sessionId, documentId);
  return (
    <Drawer opened onClose={onClose} title={title} position="right" size="lg" padding="lg" closeButtonProps={{ 'aria-label': 'Close document' }}>
      <QueryState query={document}>{document.data && <DocumentBody sessionId={sessionId} document={document.data} open={open} />}</QueryState>
    </Drawer>
  );
}

function DocumentBody({ sessionId, document, open }: { readonly sessionId: string; readonly document: DocumentToComplete; readonly open: boolean }) {
  const me = useCurrentUser();
  const complete = useCompleteHostDocument(sessionId, document.id);
  const mine = document.assignee.kind === 'host' && document.assignee.id === me.id;
  const fieldErrors = complete.error instanceof ApiError ? (complete.error.problem.errors ?? []) : [];

  const facts = (
    <Group gap="xs">
      <Badge variant="light" color={document.audience === 'host' ? 'grape' : 'blue'} tt="none">
        {AUDIENCE_LABELS[document.audience]}: {document.assignee.name}
      </Badge>
      <Text size="sm" c="dimmed">
        Version {document.version}
      </Text>
    </Group>
  );

  if (document.status === 'completed') {
    return (
      <Stack gap="md">
        {facts}
        <Alert color="teal" variant="light" title="Completed">
          {document.completedBy ? `By ${document.completedBy.name}` : 'Completed'}
          {document.completedAt ? `, ${formatMoment(document.completedAt, me.timeZone)}` : ''}.
        </Alert>
        <Group gap="sm">
          <Button component="a" href={signedPdfUrl(sessionId, document.id)} download leftSection={<IconDownload size={16} aria-hidden="true" />}>
            Download signed PDF
          </Button>
          {document.fileUrl && (
            <Anchor href={document.fileUrl} target="_blank" rel="noopener noreferrer" size="sm">
              The document that was read <IconExternalLink size={12} aria-hidden="true" />
            </Anchor>
          )}
        </Group>
        <DocumentForm readOnly fields={document.fields} initialAnswers={document.answers} signerName={document.completedBy?.name} />
      </Stack>
    );
  }

  if (!mine || !open) {
    return (
      <Stack gap="md">
        {facts}
        <Text size="sm">
          {!open ? 'This session is over or canceled: this document can no longer be completed.' : `Waiting for ${document.assignee.name} to complete it.`}
        </Text>
        <DocumentForm readOnly fields={document.fields} initialAnswers={{}} />
      </Stack>
    );
  }

  return (
    <Stack gap="md">
      {facts}
      {document.kind === 'pdf' && document.fileUrl && <PdfToRead name={document.name} url={document.fileUrl} />}
      <DocumentForm
        fields={document.fields}
        submitLabel={document.kind === 'pdf' ? 'Sign and save' : 'Save as completed'}
        onSubmit={(answers) =>
          complete.mutateAsync(answers).then((done) =>
            notifications.show({ color: 'teal', title: `${done.name} completed`, message: 'Its signed PDF is ready to download.' }),
          )
        }
        serverErrors={fieldErrors}
        // What was typed survives closing the panel or reloading the page, until it is saved.
        draftKey={staffDraftKey(document.id)}
      />
      {complete.error && fieldErrors.length === 0 && (
        <Alert color="red" variant="light" role="alert">
          {complete.error.message}
        </Alert>
      )}
    </Stack>
  );
}
