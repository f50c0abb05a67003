import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useRemoveParticipant } from './session-api';

export interface RemoveParticipantModalProps {
  readonly sessionId: string;
  readonly participant: { id: string; name: string };
  readonly onClose: () => void;
}

/** Asks before removing someone: their private link stops working and nothing more is sent to them. */
export function RemoveParticipantModal({ sessionId, participant, onClose }: RemoveParticipantModalProps) {
  const remove = useRemoveParticipant(sessionId);
  const confirm = () =>
    remove.mutate(participant.id, {
      onSuccess: () => {
        notifications.show({ color: 'teal', title: `${participant.name} was removed`, message: 'Their private link no longer works.' });
        onClose();
      },
    });

  return (
    <Modal opened onClose={onClose} title="Remove participant" centered>
      <Stack gap="md">
        <Text size="sm">Remove {participant.name} from this session? Their private link stops working and they get no further messages.</Text>
        {remove.isError && (
          <Alert color="red" role="alert">
            {remove.error.message}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose} data-autofocus>
            Keep {participant.name}
          </Button>
          <Button color="red" onClick={confirm} loading={remove.isPending}>
            Remove
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
