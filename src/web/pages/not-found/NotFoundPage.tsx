import { Button, EmptyState, Paper } from '@mantine/core';
import { IconCompassOff, IconLock } from '@tabler/icons-react';
import { Link } from 'react-router';

export interface NotFoundPageProps {
  /** `forbidden` when the page exists but the signed-in role may not see it. */
  readonly reason?: 'not_found' | 'forbidden';
}

export function NotFoundPage({ reason = 'not_found' }: NotFoundPageProps) {
  const forbidden = reason === 'forbidden';
  return (
    <Paper withBorder radius="md" p="xl">
      <EmptyState
        icon={forbidden ? <IconLock size={28} aria-hidden="true" /> : <IconCompassOff size={28} aria-hidden="true" />}
        variant="light"
        title={forbidden ? 'You do not have access to this page' : 'This page does not exist'}
        description={
          forbidden ? 'Ask an administrator if you need it.' : 'The address may be mistyped, or the page has moved.'
        }
      >
        <EmptyState.Actions>
          <Button component={Link} to="/appointments" variant="light">
            Go to My Appointments
          </Button>
        </EmptyState.Actions>
      </EmptyState>
    </Paper>
  );
}
