import { Paper, Text, Title } from '@mantine/core';
import { useId } from 'react';
import type { PortalView } from '../../../shared/portal';
import { DocumentsSection } from './DocumentsSection';
import { isUpcoming } from './session-text';

/** The documents to complete, and places kept for what later versions add: chat and video. */
export function ComingSoonSections({ session }: { readonly session: PortalView['session'] }) {
  const upcoming = isUpcoming(session);
  return (
    <>
      <DocumentsSection canceled={session.status === 'canceled'} />
      {upcoming && <ComingSoon title="Chat" message="Opens here at the time of your session." />}
      {upcoming && session.sessionType.modality === 'video' && (
        <ComingSoon title="Video" message="Opens here at the time of your session." />
      )}
    </>
  );
}

function ComingSoon({ title, message }: { readonly title: string; readonly message: string }) {
  const id = useId();
  return (
    <Paper component="section" aria-labelledby={id} withBorder radius="md" p="md">
      <Title order={2} size="h4" id={id} mb={4}>
        {title}
      </Title>
      <Text c="dimmed">{message}</Text>
    </Paper>
  );
}
