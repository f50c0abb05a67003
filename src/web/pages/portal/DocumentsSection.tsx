import { Alert, Badge, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { IconCircleCheck, IconDownload } from '@tabler/icons-react';
import { lazy, Suspense, useEffect, useId, useRef, useState } from 'react';
import type { DocumentToComplete } from '../../../shared/documents';
import { QueryState } from '../../components/QueryState/QueryState';
import { withAllStyles } from '../../styles/with-all-styles';
import { isConflict, signedCopyUrl, useCompleteDocument, usePortalDocuments } from './documents-api';
import { PortalLoader, wrapAnywhere } from './PortalFrame';

// The form fields, date pickers and PDF viewer download when a document is opened, not with the page.
const DocumentFiller = lazy(() => withAllStyles(() => import('./DocumentFiller')).then((m) => ({ default: m.DocumentFiller })));

export interface DocumentsSectionProps {
  /** A canceled session's pending documents are no longer needed; signed copies stay. */
  readonly canceled: boolean;
}

/** The participant's documents: pending ones open in place to fill in or sign. */
export function DocumentsSection({ canceled }: DocumentsSectionProps) {
  const documents = usePortalDocuments();
  const list = documents.data ?? [];
  // Pending first, each group in the server's order.
  const ordered = [...list.filter((d) => d.status === 'pending'), ...list.filter((d) => d.status !== 'pending')];

  return (
    <Paper component="section" aria-labelledby="portal-documents-title" withBorder radius="md" p="md">
      <Title order={2} size="h4" id="portal-documents-title" mb="sm">
        Documents to complete
      </Title>
      <QueryState query={documents}>
        {ordered.length === 0 ? (
          <Text c="dimmed">Nothing to complete.</Text>
        ) : (
          <Stack component="ul" gap="sm" m={0} p={0} style={{ listStyle: 'none' }}>
            {ordered.map((d) => (
              <DocumentItem key={d.id} document={d} canceled={canceled} />
            ))}
          </Stack>
        )}
      </QueryState>
    </Paper>
  );
}

function DocumentItem({ document, canceled }: { readonly document: DocumentToComplete; readonly canceled: boolean }) {
  const headingId = useId();
  const [open, setOpen] = useState(false);
  const complete = useCompleteDocument(document.id);
  const outcome = complete.isSuccess ? 'completed' : isConflict(complete.error, 'already_completed') ? 'already_completed' : null;
  const completed = document.status === 'completed' || outcome !== null;

  return (
    <Paper component="li" aria-labelledby={headingId} withBorder radius="md" p="sm" bg="white">
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" wrap="nowrap" gap="sm">
          <Title order={3} size="h5" id={headingId} style={wrapAnywhere}>
            {document.name}
          </Title>
          <Badge color={completed ? 'teal' : 'yellow'} variant="light" style={{ flexShrink: 0 }}>
            {completed ? 'Completed' : 'Pending'}
          </Badge>
        </Group>
        {completed ? (
          <Completed documentId={document.id} outcome={outcome} />
        ) : canceled ? (
          <Text c="dimmed">Not needed anymore: the session was canceled.</Text>
        ) : open ? (
          <Suspense fallback={<PortalLoader label="Opening the document…" />}>
            <DocumentFiller
              document={document}
              complete={complete}
              onClose={() => {
                // Reopened later, it starts without the last attempt's errors (the draft stays).
                complete.reset();
                setOpen(false);
              }}
            />
          </Suspense>
        ) : (
          <Button size="md" onClick={() => setOpen(true)} style={{ alignSelf: 'flex-start' }}>
            {document.kind === 'pdf' ? 'Read and sign' : 'Fill in'}
          </Button>
        )}
      </Stack>
    </Paper>
  );
}

interface CompletedProps {
  readonly documentId: string;
  /** What just happened on this page, if anything. */
  readonly outcome: 'completed' | 'already_completed' | null;
}

function Completed({ documentId, outcome }: CompletedProps) {
  const notice = useRef<HTMLDivElement>(null);
  // The form that had the focus is gone: the confirmation takes it.
  useEffect(() => notice.current?.focus({ preventScroll: true }), []);
  return (
    <Stack gap="sm">
      {outcome && (
        <Alert
          ref={notice}
          tabIndex={-1}
          role="status"
          color={outcome === 'completed' ? 'teal' : 'blue'}
          variant="light"
          icon={<IconCircleCheck aria-hidden="true" />}
          title={outcome === 'completed' ? 'Thank you, this document is complete' : 'This document was already completed'}
        >
          {outcome === 'completed' ? 'The clinic has received it.' : 'There is nothing more to do here.'}
        </Alert>
      )}
      <Button
        component="a"
        href={signedCopyUrl(documentId)}
        download
        variant="light"
        size="md"
        leftSection={<IconDownload size={18} aria-hidden="true" />}
        // Full width, narrow padding and smaller text on phones: one line in a 390 px phone's card.
        w={{ base: '100%', xs: 'auto' }}
        px="sm"
        fz={{ base: 'sm', xs: 'md' }}
        style={{ alignSelf: 'flex-start' }}
      >
        Download your signed copy
      </Button>
    </Stack>
  );
}
