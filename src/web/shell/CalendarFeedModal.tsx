import { Alert, Button, CopyButton, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { api } from '../api/client';

export interface CalendarFeedModalProps {
  readonly onClose: () => void;
}

/** A private webcal address of the sessions you host, for Apple, Google or Outlook calendars. */
export function CalendarFeedModal({ onClose }: CalendarFeedModalProps) {
  const create = useMutation({ mutationFn: () => api<{ url: string; webcal: string }>('/me/calendar-feed', { method: 'POST' }) });
  const turnOff = useMutation({ mutationFn: () => api<void>('/me/calendar-feed', { method: 'DELETE' }) });

  return (
    <Modal opened onClose={onClose} title="Calendar feed" centered size="lg">
      <Stack gap="md">
        <Text size="sm">
          Subscribe to your sessions from your own calendar app. Entries show the service and time, never a patient’s name.
        </Text>
        {create.data ? (
          <>
            <TextInput readOnly label="Your private feed address" value={create.data.webcal} onFocus={(event) => event.currentTarget.select()} />
            <Text size="xs" c="dimmed">
              Shown once. Anyone with it can see your session times: keep it private. Making a new address turns this one off.
            </Text>
            <Group justify="flex-end">
              <CopyButton value={create.data.webcal}>
                {({ copied, copy }) => (
                  <Button onClick={copy} color={copied ? 'teal' : undefined}>
                    {copied ? 'Copied' : 'Copy address'}
                  </Button>
                )}
              </CopyButton>
            </Group>
          </>
        ) : (
          <Group justify="space-between">
            <Button variant="subtle" color="red" onClick={() => turnOff.mutate()} loading={turnOff.isPending}>
              Turn off my feed
            </Button>
            <Button onClick={() => create.mutate()} loading={create.isPending}>
              Make a feed address
            </Button>
          </Group>
        )}
        {turnOff.isSuccess && <Alert color="teal">Your calendar feed is off. Calendars subscribed to it stop updating.</Alert>}
      </Stack>
    </Modal>
  );
}
