import { Alert, Group, Loader, Text } from '@mantine/core';
import type { LiveStatus } from '../../live/LiveChannel';

/** Says, without alarm, when new messages cannot arrive: briefly while reconnecting, plainly when access ended. */
export function ConnectionNotice({ status }: { readonly status: LiveStatus }) {
  if (status === 'ended') {
    return (
      <Alert color="gray" variant="light" title="This chat has ended for you">
        Your access to it ended: you were signed out or removed from the session, or the session was canceled. The messages above stay here
        until you leave the page.
      </Alert>
    );
  }
  return (
    <Group gap="xs" wrap="nowrap" role="status">
      {status === 'reconnecting' && (
        <>
          <Loader size="xs" aria-hidden="true" />
          <Text size="sm" c="dimmed">
            Reconnecting… New messages will show once the connection is back.
          </Text>
        </>
      )}
    </Group>
  );
}
