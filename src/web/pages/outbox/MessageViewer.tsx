import { Alert, Badge, Box, Drawer, Group, Paper, Stack, Tabs, Text } from '@mantine/core';
import { MESSAGE_KIND_LABELS, type OutboxMessage } from '../../../shared/outbox';
import { formatTime } from '../../../shared/format';

export interface MessageViewerProps {
  readonly message: OutboxMessage;
  readonly timeZone: string;
  readonly onClose: () => void;
}

/** One message as its recipient saw it: the email rendered (sandboxed, no scripts), or the SMS. */
export function MessageViewer({ message, timeZone, onClose }: MessageViewerProps) {
  return (
    <Drawer opened onClose={onClose} position="right" size={720} padding="lg" title={`${MESSAGE_KIND_LABELS[message.kind]} to ${message.to}`} closeButtonProps={{ 'aria-label': 'Close message' }}>
      <Stack gap="md">
        <Group gap="xs">
          <Badge variant="light">{message.channel === 'email' ? 'Email' : 'SMS'}</Badge>
          <Badge color={message.status === 'sent' ? 'teal' : message.status === 'failed' ? 'red' : 'yellow'} variant="dot">
            {message.status}
          </Badge>
          <Text size="sm" c="dimmed">
            {message.sentAt ? `Sent ${formatTime(message.sentAt, timeZone)} by ${message.transport}` : `Queued ${formatTime(message.createdAt, timeZone)}`}
            {` · ${message.attempts} attempt${message.attempts === 1 ? '' : 's'}`}
          </Text>
        </Group>
        {message.lastError && (
          <Alert color={message.status === 'failed' ? 'red' : 'yellow'} title={message.status === 'failed' ? 'Delivery failed' : 'Last attempt failed'}>
            {message.lastError}
          </Alert>
        )}
        <Text size="xs" c="dimmed">
          The private join link is shown redacted: it was put into the message when it was sent and never stored.
        </Text>
        {message.channel === 'sms' ? (
          <Paper radius="lg" p="md" bg="gray.1" maw={360} style={{ whiteSpace: 'pre-wrap' }} aria-label="SMS text">
            {message.body}
          </Paper>
        ) : (
          <Tabs defaultValue="html">
            <Tabs.List>
              <Tabs.Tab value="html">As sent</Tabs.Tab>
              <Tabs.Tab value="text">Plain text</Tabs.Tab>
            </Tabs.List>
            <Tabs.Panel value="html" pt="sm">
              <Text fw={600} mb="xs">
                {message.subject}
              </Text>
              <Box
                component="iframe"
                title="Email as the recipient sees it"
                // An empty sandbox: no scripts, no forms, no navigation of this page.
                sandbox=""
                srcDoc={message.html ?? ''}
                w="100%"
                h={520}
                style={{ border: '1px solid var(--mantine-color-gray-3)', borderRadius: 8 }}
              />
            </Tabs.Panel>
            <Tabs.Panel value="text" pt="sm">
              <Paper withBorder p="md" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere', fontFamily: 'var(--mantine-font-family-monospace)', fontSize: 13 }}>
                {message.body}
              </Paper>
            </Tabs.Panel>
          </Tabs>
        )}
        {message.attachments.length > 0 && (
          <Text size="sm">Attachments: {message.attachments.map((a) => a.filename).join(', ')}</Text>
        )}
      </Stack>
    </Drawer>
  );
}
