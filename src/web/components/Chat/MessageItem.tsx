import { Badge, Box, Button, Group, Paper, Text } from '@mantine/core';
import { IconAlertCircle, IconCheck, IconLock } from '@tabler/icons-react';
import type { ChatAttachment } from '../../../shared/chat';
import { formatTime } from '../../../shared/format';
import { MessageAttachments, type MessageAttachmentsProps } from './MessageAttachments';

export type Delivery = { readonly state: 'sent' | 'sending' } | { readonly state: 'failed'; readonly error: string | null; readonly onRetry: () => void };

export interface MessageItemProps {
  /** "You" for one's own messages. */
  readonly sender: string;
  /** A word on who the sender is, e.g. "Clinic" for staff as a participant sees them. */
  readonly senderRole: string | null;
  readonly own: boolean;
  readonly body: string;
  /** When the server took it; none while it is still being sent. */
  readonly createdAt: string | null;
  readonly timeZone: string;
  readonly attachments: readonly ChatAttachment[];
  readonly attachmentUrl: MessageAttachmentsProps['attachmentUrl'];
  /** Marks a message of a private thread in a timeline that mixes both. */
  readonly privateNote: string | null;
  /** Only for one's own messages. */
  readonly delivery: Delivery | null;
}

/** One message: who, when (zone named), what, its files, and for one's own whether it arrived. */
export function MessageItem(props: MessageItemProps) {
  const { own, delivery } = props;
  return (
    <Box component="li" style={{ display: 'flex', justifyContent: own ? 'flex-end' : 'flex-start' }}>
      <Paper withBorder radius="md" px="sm" py={6} maw="88%" bg={own ? 'blue.0' : 'white'}>
        <Group gap={6} wrap="wrap">
          <Text size="sm" fw={600} style={{ overflowWrap: 'anywhere' }}>
            {props.sender}
          </Text>
          {props.senderRole && (
            <Badge size="xs" variant="light" color="teal">
              {props.senderRole}
            </Badge>
          )}
          {props.createdAt && (
            <Text component="time" dateTime={props.createdAt} size="xs" c="dimmed">
              {formatTime(props.createdAt, props.timeZone)}
            </Text>
          )}
        </Group>
        {props.privateNote && (
          <Group gap={4} wrap="nowrap">
            <IconLock size={12} aria-hidden="true" color="var(--mantine-color-grape-8)" />
            <Text size="xs" fw={500} c="grape.8">
              {props.privateNote}
            </Text>
          </Group>
        )}
        {/* Typed text, never markup; its line breaks kept. */}
        <Text style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{props.body}</Text>
        <MessageAttachments attachments={props.attachments} attachmentUrl={props.attachmentUrl} />
        {delivery && <DeliveryState delivery={delivery} />}
      </Paper>
    </Box>
  );
}

function DeliveryState({ delivery }: { readonly delivery: Delivery }) {
  if (delivery.state === 'failed') {
    return (
      <Group gap={6} mt={4} wrap="nowrap" align="center">
        <IconAlertCircle size={14} aria-hidden="true" color="var(--mantine-color-red-9)" style={{ flexShrink: 0 }} />
        <Text size="xs" c="red.9">
          Not sent. {delivery.error}
        </Text>
        <Button size="compact-xs" variant="light" color="red" onClick={delivery.onRetry} style={{ flexShrink: 0 }}>
          Retry
        </Button>
      </Group>
    );
  }
  return (
    <Group gap={4} mt={2} justify="flex-end">
      {delivery.state === 'sent' && <IconCheck size={12} aria-hidden="true" color="var(--mantine-color-dimmed)" />}
      <Text size="xs" c="dimmed">
        {delivery.state === 'sent' ? 'Sent' : 'Sending…'}
      </Text>
    </Group>
  );
}
