import { Alert, Button, Loader, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import type { ChatMessage } from '../../../shared/chat';
import type { PendingMessage } from '../../live/ChatStore';
import type { Chat } from '../../live/useSessionLive';
import { ChatComposer } from './ChatComposer';
import { ChatTimeline, type ChatTimelineProps } from './ChatTimeline';
import { ConnectionNotice } from './ConnectionNotice';

export interface ChatThreadProps {
  readonly chat: Chat;
  readonly messages: readonly ChatMessage[];
  readonly pending: readonly PendingMessage[];
  /** The thread marked read when seen (staff): a participant's private one, or null for the session's conversation. */
  readonly readThread: string | null;
  /** Who new messages go to: a participant's private thread, or null for everyone. */
  readonly sendTo: string | null;
  readonly timeZone: string;
  readonly draftKey: string;
  readonly emptyText: string;
  readonly senderRole: ChatTimelineProps['senderRole'];
  readonly privateNote: ChatTimelineProps['privateNote'];
  /** More composer controls, e.g. who receives the message. */
  readonly composerControls?: ReactNode;
  readonly autoFocus?: boolean;
  readonly maxHeight?: string;
}

/** A thread: the connection's state, its messages, and the composer (gone once access ended). */
export function ChatThread({ chat, ...props }: ChatThreadProps) {
  const { store, state, connection } = chat;

  if (state.load.state === 'failed') {
    return (
      <Alert color="red" variant="light" title="The messages could not be loaded">
        <Stack gap="xs" align="flex-start">
          <Text size="sm">{state.load.error}</Text>
          <Button size="xs" variant="light" color="red" onClick={chat.reload}>
            Try again
          </Button>
        </Stack>
      </Alert>
    );
  }
  if (state.load.state === 'loading' && state.messages.length === 0) {
    return (
      <Stack align="center" gap="xs" py="lg" role="status">
        <Loader size="sm" aria-hidden="true" />
        <Text c="dimmed" size="sm">
          Loading messages…
        </Text>
      </Stack>
    );
  }
  return (
    <Stack gap="xs" style={{ flex: 1, minHeight: 0 }}>
      <ChatTimeline
        messages={props.messages}
        pending={props.pending}
        timeZone={props.timeZone}
        isOwn={(m) => store.isOwn(m)}
        senderRole={props.senderRole}
        privateNote={props.privateNote}
        attachmentUrl={store.api.attachmentUrl}
        onRetry={(id) => store.retry(id)}
        onSeen={() => store.markRead(props.readThread)}
        emptyText={props.emptyText}
        {...(props.maxHeight ? { maxHeight: props.maxHeight } : {})}
      />
      {/* Beside the composer, where the eyes are when writing. */}
      <ConnectionNotice status={connection} />
      {connection !== 'ended' && (
        <ChatComposer
          draftKey={props.draftKey}
          uploadUrl={store.api.uploadUrl}
          onSend={({ body, attachments }) => store.send({ body, to: props.sendTo, attachments })}
          {...(props.autoFocus ? { autoFocus: true } : {})}
        >
          {props.composerControls}
        </ChatComposer>
      )}
    </Stack>
  );
}
