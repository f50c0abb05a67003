import { Badge, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import type { StaffUser } from '../../../shared/users';
import { useResetMfa } from './api';

/** Whether a user has two-step sign-in; an administrator can reset a lost one. */
export function MfaStatus({ user }: { readonly user: StaffUser }) {
  const reset = useResetMfa(user);
  const [confirming, setConfirming] = useState(false);
  if (!user.mfa) return <Text size="sm" c="dimmed">Off</Text>;
  const run = () =>
    reset.mutate(undefined, {
      onSuccess: () => {
        setConfirming(false);
        notifications.show({ color: 'teal', message: `${user.name} is signed out and can set up two-step sign-in again.` });
      },
      onError: (error) => notifications.show({ color: 'red', message: error.message }),
    });
  return (
    <Group gap="xs" wrap="nowrap">
      <Badge color="teal" variant="light" size="sm">
        On
      </Badge>
      <Button size="compact-xs" variant="subtle" color="red" onClick={() => setConfirming(true)} aria-label={`Reset two-step sign-in of ${user.name}`}>
        Reset
      </Button>
      <Modal opened={confirming} onClose={() => setConfirming(false)} title="Reset two-step sign-in?">
        <Stack gap="md">
          <Text size="sm">
            {user.name}’s authenticator app and recovery codes stop working and they are signed out everywhere. They sign in with their password and set up
            two-step sign-in again. Do this only when you are sure it is them asking (for a lost phone).
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirming(false)}>
              Cancel
            </Button>
            <Button color="red" loading={reset.isPending} onClick={run}>
              Reset
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Group>
  );
}
