import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { useSingleFlightMutation } from '../../api/single-flight';
import { useState } from 'react';
import { formatSessionTime } from '../../../shared/format';
import type { Session } from '../../../shared/sessions';
import { ApiError, api } from '../../api/client';
import { useCurrentUser } from '../../auth/sign-in';
import { SlotPicker } from '../NewSessionPanel/SlotPicker';
import { invalidateSession } from './invalidate';

export interface RescheduleModalProps {
  readonly session: Session;
  readonly onClose: () => void;
}

/** Pick another free time of the host; participants get an updated invitation. */
export function RescheduleModal({ session, onClose }: RescheduleModalProps) {
  const me = useCurrentUser();
  const queryClient = useQueryClient();
  const [date, setDate] = useState<string | null>(null);
  const [start, setStart] = useState<string | null>(null);
  const [error, setError] = useState('');
  const reschedule = useSingleFlightMutation({
    mutationFn: () => api<Session>(`/sessions/${session.id}/reschedule`, { method: 'POST', body: { start, version: session.version } }),
    onSuccess: (moved) => {
      invalidateSession(queryClient, session.id);
      notifications.show({ color: 'teal', title: 'Session rescheduled', message: `Now ${formatSessionTime(moved.start, moved.end, me.timeZone)}. The participants get an update.` });
      onClose();
    },
    onError: (e) => {
      void queryClient.invalidateQueries({ queryKey: ['availability'] });
      setError(e instanceof ApiError && e.code === 'version_conflict' ? 'Someone changed this session meanwhile. Close this window to see the latest, then try again.' : e.message);
    },
  });

  return (
    <Modal opened onClose={onClose} title="Reschedule session" centered size={720}>
      <Stack gap="md">
        <Text size="sm">
          Now: {formatSessionTime(session.start, session.end, me.timeZone)} with {session.host.name}.
        </Text>
        {error && <Alert color="red">{error}</Alert>}
        <SlotPicker
          hostId={session.hostId}
          serviceId={session.serviceId}
          viewerTimeZone={me.timeZone}
          date={date}
          start={start}
          meetNow={false}
          allowMeetNow={false}
          onDate={(value) => {
            setDate(value);
            setStart(null);
          }}
          onStart={setStart}
          onMeetNow={() => undefined}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Keep the current time
          </Button>
          <Button onClick={() => reschedule.mutate()} loading={reschedule.isPending} disabled={!start}>
            Reschedule
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
