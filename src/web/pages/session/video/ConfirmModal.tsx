import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';

export interface ConfirmModalProps {
  readonly title: string;
  readonly children: ReactNode;
  /** The confirming button's words, which repeat what happens ("End session for all"). */
  readonly confirm: string;
  readonly onConfirm: () => void;
  readonly onClose: () => void;
  readonly busy: boolean;
  /** The server's refusal, in its own words. */
  readonly error: string | null;
}

/** Asks before an action that cannot be taken back; a refusal shows inside, and the modal stays. */
export function ConfirmModal({ title, children, confirm, onConfirm, onClose, busy, error }: ConfirmModalProps) {
  return (
    <Modal opened onClose={onClose} title={title} centered>
      <Stack gap="md">
        <Text size="sm">{children}</Text>
        {error && (
          <Alert color="red" variant="light" title="Not done">
            {error}
          </Alert>
        )}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose}>
            Keep as is
          </Button>
          <Button color="red" onClick={onConfirm} loading={busy}>
            {confirm}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
