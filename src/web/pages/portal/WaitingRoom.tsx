import { AspectRatio, Box, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { formatSessionTime } from '../../../shared/format';
import type { PortalView } from '../../../shared/portal';
import { VideoElement } from '../../components/VideoCall/VideoElement';
import type { Call } from '../../video/useCall';
import { wrapAnywhere } from './PortalFrame';

export interface WaitingRoomProps {
  readonly view: PortalView;
  readonly call: Call;
  readonly timeZone: string;
}

/** Until the host lets the participant in: who they wait for, when their session is, the chat meanwhile. */
export function WaitingRoom({ view, call, timeZone }: WaitingRoomProps) {
  const { session } = view;
  const { preview, media } = call.state;
  const writeToClinic = () => {
    const field = document.querySelector<HTMLTextAreaElement>('textarea[aria-label="Message"]');
    field?.scrollIntoView({ behavior: 'smooth', block: 'center' });
    field?.focus();
  };

  return (
    <Stack gap="md">
      <Box role="status">
        <Title order={3} size="h4">
          The host will let you in
        </Title>
        <Text style={wrapAnywhere}>{session.organization.name}</Text>
        <Text>{formatSessionTime(session.start, session.end, timeZone)}</Text>
      </Box>
      <Text c="dimmed" size="sm">
        Please keep this page open. You can write to the clinic in the chat below while you wait.
      </Text>
      {preview && media.camera && (
        <Paper radius="md" maw={240} style={{ overflow: 'hidden' }}>
          <AspectRatio ratio={16 / 9}>
            <VideoElement stream={preview} self mirrored label="Your video" testId="local-video" />
          </AspectRatio>
        </Paper>
      )}
      <Group gap="sm">
        <Button size="md" variant="light" onClick={writeToClinic}>
          Write to the clinic
        </Button>
        <Button size="md" variant="default" onClick={() => call.engine.leave()}>
          Leave the waiting room
        </Button>
      </Group>
    </Stack>
  );
}
