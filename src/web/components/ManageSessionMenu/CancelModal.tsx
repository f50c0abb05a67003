import { Alert, Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { useSingleFlightMutation } from '../../api/single-flight';
import { useState } from 'react';
import type { Session } from '../../../shared/sessions';
import { api } from '../../api/client';
import { invalidateSession } from './invalidate';

export interface CancelModalProps {
  readonly session: Session;
  readonly onClose: () => void;
}

/** Cancel with a reason the participants will read; asks before doing it. */
export function CancelModal({ session, onClose }: CancelModalProps) {
  const queryClient = useQueryClient();
  const [reason, setReason] = useState('');
  const [error, setError] = useState('');
  const cancel = useSingleFlightMutation({
    mutationFn: () => api(`/sessions/${session.id}/cancel`, { method: 'POST', body: { reason } }),
    onSuccess: () => {
      invalidateSession(queryClient, session.id);
      notifications.show({ color: 'teal', title: 'Session canceled', message: 'The participants are being told, and the time is free again.' });
      onClose();
    },
    onError: (e) => setError(e.message),
  });

  return (
    <Modal opened onClose={onClose} title="Cancel this session?" centered>
      <Stack gap="md">
        <Text size="sm">
          {session.service.name} with {session.participants.map((p) => p.name).join(', ') || 'no participants'}. Each participant gets a cancellation with your reason, and their calendar
          entry is removed. Pending reminders are dropped.
        </Text>
        {error && <Alert color="red">{error}</Alert>}
        <Textarea label="Reason" description="Shown to the participants." required autosize minRows={2} value={reason} onChange={(e) => setReason(e.currentTarget.value)} data-autofocus />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Keep the session
          </Button>
          <Button color="red" onClick={() => cancel.mutate()} loading={cancel.isPending} disabled={!reason.trim()}>
            Cancel session
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
