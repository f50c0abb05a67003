import { Button, Group, Loader, Modal, Stack, Text, ThemeIcon } from '@mantine/core';
import { IconCalendarPlus, IconCircleCheck, IconUserPlus, IconVideo } from '@tabler/icons-react';
import { useNavigate } from 'react-router';
import { useSessionDetails } from '../../api/queries';
import { formatSessionTime } from '../../../shared/format';
import { useNow } from '../../lib/useNow';
import { staffCanJoin, useJoinWindowMinutes } from '../../video/joinable';

export interface SessionCreatedModalProps {
  readonly sessionId: string;
  readonly viewerTimeZone: string;
  readonly onClose: () => void;
}

/** "The session was created": close, add participants, add to calendar, open it, or (a video session that may start now, as Meet Now) join its call. */
export function SessionCreatedModal({ sessionId, viewerTimeZone, onClose }: SessionCreatedModalProps) {
  const navigate = useNavigate();
  const details = useSessionDetails(sessionId);
  const session = details.data;
  const now = useNow();
  const joinWindowMinutes = useJoinWindowMinutes();
  const joinable = session !== undefined && staffCanJoin(session, now, joinWindowMinutes);

  return (
    <Modal opened onClose={onClose} title="Session scheduled" centered size="md" withCloseButton={false}>
      <Stack gap="md">
        <Group gap="sm" wrap="nowrap" align="flex-start">
          <ThemeIcon color="teal" variant="light" radius="xl" size="lg">
            <IconCircleCheck size={20} aria-hidden="true" />
          </ThemeIcon>
          {session ? (
            <Stack gap={2}>
              <Text fw={600}>
                {session.service.name} · {session.sessionType.name}
              </Text>
              <Text size="sm">{formatSessionTime(session.start, session.end, viewerTimeZone)}</Text>
              {session.host.timeZone !== viewerTimeZone && (
                <Text size="xs" c="dimmed">
                  Host’s time: {formatSessionTime(session.start, session.end, session.host.timeZone)}
                </Text>
              )}
              <Text size="sm" c="dimmed">
                Host: {session.host.name} · With {session.participants.map((p) => p.name).join(', ')}
              </Text>
            </Stack>
          ) : (
            <Loader size="sm" role="status" aria-label="Loading the session" />
          )}
        </Group>
        <Text size="sm">The session was created successfully. Invitations go out to the participants.</Text>
        <Group justify="space-between" wrap="wrap" gap="xs">
          <Button variant="default" onClick={onClose}>
            Close
          </Button>
          <Group gap="xs">
            <Button
              variant="light"
              leftSection={<IconUserPlus size={16} aria-hidden="true" />}
              onClick={() => navigate(`/sessions/${sessionId}?add=participant`)}
            >
              Add participants
            </Button>
            <Button
              variant="light"
              component="a"
              href={`/api/sessions/${sessionId}/calendar.ics`}
              download
              leftSection={<IconCalendarPlus size={16} aria-hidden="true" />}
            >
              Add to calendar
            </Button>
            <Button variant={joinable ? 'light' : 'filled'} onClick={() => navigate(`/sessions/${sessionId}`)}>
              Show session details
            </Button>
            {joinable && (
              <Button leftSection={<IconVideo size={16} aria-hidden="true" />} onClick={() => navigate(`/sessions/${sessionId}?call=1`)}>
                Join
              </Button>
            )}
          </Group>
        </Group>
      </Stack>
    </Modal>
  );
}
