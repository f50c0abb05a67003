import { Alert, Box, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { MODALITY_LABELS } from '../../../shared/modality';
import type { PortalView } from '../../../shared/portal';
import { SessionStatusBadge } from '../../components/SessionStatusBadge/SessionStatusBadge';
import { wrapAnywhere } from './PortalFrame';
import { SessionTime } from './SessionTime';
import { isUpcoming, MODALITY_INSTRUCTIONS } from './session-text';

/** The participant's session: what, when (in their zone), how, with whom, and its state. */
export function SessionCard({ view }: { readonly view: PortalView }) {
  const { session, participant } = view;
  const { modality } = session.sessionType;
  return (
    <Paper component="section" aria-labelledby="portal-session-title" withBorder radius="md" p="md">
      <Stack gap="md">
        <Group justify="space-between" align="flex-start" wrap="nowrap" gap="sm">
          <Title order={2} size="h3" id="portal-session-title" style={wrapAnywhere}>
            {session.service.name}
          </Title>
          <Box style={{ flexShrink: 0 }}>
            <SessionStatusBadge status={session.status} />
          </Box>
        </Group>
        {session.status === 'canceled' && (
          <Alert color="red" variant="light" title="This session was canceled" icon={<IconAlertTriangle aria-hidden="true" />}>
            It will not take place. If you need a new time, please contact {session.organization.name}.
          </Alert>
        )}
        <SessionTime start={session.start} end={session.end} participant={participant} />
        <Detail label="Session type">
          {session.sessionType.name} ({MODALITY_LABELS[modality]})
          {isUpcoming(session) && <Text component="span" display="block">{MODALITY_INSTRUCTIONS[modality]}</Text>}
        </Detail>
        <Detail label="With">{session.host.name}</Detail>
      </Stack>
    </Paper>
  );
}

function Detail({ label, children }: { readonly label: string; readonly children: ReactNode }) {
  return (
    <div>
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Text style={wrapAnywhere}>{children}</Text>
    </div>
  );
}
