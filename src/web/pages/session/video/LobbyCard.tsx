import { Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useId } from 'react';
import { formatTime } from '../../../../shared/format';
import type { Waiting } from '../../../../shared/video';
import { useCurrentUser } from '../../../auth/sign-in';
import { useWaitingAlert } from '../../../video/useWaitingAlert';
import { useDoorActions } from './video-api';

export interface LobbyCardProps {
  readonly sessionId: string;
  readonly waiting: readonly Waiting[];
}

/** Who waits to be let into the call, since when, with "Admit", "Deny" and "Admit all". */
export function LobbyCard({ sessionId, waiting }: LobbyCardProps) {
  const me = useCurrentUser();
  const headingId = useId();
  const door = useDoorActions(sessionId);
  useWaitingAlert(waiting.map((w) => w.participantId));
  if (waiting.length === 0) return null;

  const failed = (title: string) => (error: Error) => notifications.show({ color: 'red', title, message: error.message });
  const busy = door.admit.isPending || door.deny.isPending;

  return (
    <Paper component="section" aria-labelledby={headingId} withBorder radius="md" p="md" bg="yellow.0">
      <Group justify="space-between" mb="xs">
        <Title order={2} size="h4" id={headingId}>
          Waiting to join the call
        </Title>
        {waiting.length > 1 && (
          <Button onClick={() => door.admit.mutate(undefined, { onError: failed('Could not let them in') })} disabled={busy}>
            Admit all
          </Button>
        )}
      </Group>
      <Stack component="ul" gap="xs" m={0} p={0} style={{ listStyle: 'none' }}>
        {waiting.map((w) => (
          <li key={w.participantId} aria-label={w.name}>
            <Group justify="space-between" wrap="wrap" gap="xs">
              <div>
                <Text fw={500} style={{ overflowWrap: 'anywhere' }}>
                  {w.name}
                </Text>
                <Text size="sm" c="dimmed">
                  Waiting since {formatTime(w.since, me.timeZone)}
                </Text>
              </div>
              <Group gap="xs">
                <Button size="sm" onClick={() => door.admit.mutate(w.participantId, { onError: failed(`Could not let ${w.name} in`) })} disabled={busy}>
                  Admit
                </Button>
                <Button size="sm" variant="default" onClick={() => door.deny.mutate(w.participantId, { onError: failed(`Could not turn ${w.name} away`) })} disabled={busy}>
                  Deny
                </Button>
              </Group>
            </Group>
          </li>
        ))}
      </Stack>
    </Paper>
  );
}
