import { Button, Group, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { StaffUser } from '../../../shared/users';
import { ActiveBadge } from '../../components/StatusBadge/StatusBadge';
import { useInvitationAction } from './api';

export interface InvitationStatusProps {
  readonly user: StaffUser;
}

/** A user's status; for one who has not chosen a password yet, with Resend and Revoke. */
export function InvitationStatus({ user }: InvitationStatusProps) {
  const action = useInvitationAction(user);
  if (user.deactivated || !user.invitation) return <ActiveBadge active={!user.deactivated} inactiveLabel="Deactivated" />;
  const run = (which: 'resend' | 'revoke') =>
    action.mutate(which, {
      onSuccess: () =>
        notifications.show({
          color: 'teal',
          message: which === 'resend' ? `A new invitation is on its way to ${user.email}.` : `${user.name}’s invitation link no longer works.`,
        }),
      onError: (error) => notifications.show({ color: 'red', message: error.message }),
    });
  return (
    <Stack gap={4} align="flex-start">
      <Text size="sm" fw={500} c={user.invitation === 'pending' ? 'var(--mantine-color-yellow-light-color)' : 'dimmed'}>
        {user.invitation === 'pending' ? 'Invited — not yet signed in' : 'Invitation expired or revoked'}
      </Text>
      <Group gap="xs" wrap="nowrap">
      <Button size="compact-xs" variant="light" loading={action.isPending && action.variables === 'resend'} onClick={() => run('resend')} aria-label={`Resend invitation to ${user.name}`}>
        Resend
      </Button>
      {user.invitation === 'pending' && (
        <Button size="compact-xs" variant="subtle" color="red" loading={action.isPending && action.variables === 'revoke'} onClick={() => run('revoke')} aria-label={`Revoke invitation of ${user.name}`}>
          Revoke
        </Button>
      )}
      </Group>
    </Stack>
  );
}
