import { Stack, Text, Title } from '@mantine/core';
import type { PortalView } from '../../../shared/portal';
import { useAfterFirstPaint } from '../../lib/useAfterFirstPaint';
import { AddToCalendar } from './AddToCalendar';
import { isLinkGone, usePortalView } from './api';
import { LinkNotWorking, PortalFrame, PortalLoader, PortalMessage, wrapAnywhere } from './PortalFrame';
import { PortalSections } from './PortalSections';
import { SessionCard } from './SessionCard';
import { isUpcoming } from './session-text';
import { needsVerification } from './verification-api';
import { VerificationStep } from './VerificationStep';

/** `/portal`: the participant's own page, opened through the cookie their invitation link set. */
export function PortalPage() {
  const view = usePortalView();

  if (view.error && isLinkGone(view.error)) return <LinkNotWorking />;
  if (view.error && needsVerification(view.error)) return <VerificationStep />;
  // Data already shown stays up when a background refresh fails for another reason.
  if (view.data) return <ParticipantHome view={view.data} />;
  if (view.isError) {
    return (
      <PortalMessage title="Your session could not be loaded" onRetry={() => void view.refetch()}>
        <Text>{view.error.message}</Text>
      </PortalMessage>
    );
  }
  return (
    <PortalFrame>
      <PortalLoader label="Loading your session…" />
    </PortalFrame>
  );
}

function ParticipantHome({ view }: { readonly view: PortalView }) {
  const { session, participant } = view;
  // The session shows first; the call, documents and chat (and their requests) a moment later.
  const sectionsShown = useAfterFirstPaint();
  return (
    <PortalFrame organization={session.organization}>
      <Stack gap="md">
        <Title order={1} size="h2" style={wrapAnywhere}>
          Hello, {participant.name}
        </Title>
        <SessionCard view={view} />
        {isUpcoming(session) && <AddToCalendar view={view} />}
        {sectionsShown && <PortalSections view={view} />}
      </Stack>
    </PortalFrame>
  );
}
