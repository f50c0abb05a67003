import { Box, Text } from '@mantine/core';
import { Fragment, useLayoutEffect, useRef } from 'react';
import type { ChatMessage } from '../../../shared/chat';
import { dateIn, formatLongDate } from '../../../shared/format';
import type { PendingMessage } from '../../live/ChatStore';
import { MessageItem, type MessageItemProps } from './MessageItem';
import { useEndSeen } from './useEndSeen';

export interface ChatTimelineProps {
  readonly messages: readonly ChatMessage[];
  readonly pending: readonly PendingMessage[];
  readonly timeZone: string;
  readonly isOwn: (message: ChatMessage) => boolean;
  /** A word on who a sender is, or null. */
  readonly senderRole: (message: ChatMessage) => string | null;
  /** A note on a message of a private thread, or null. */
  readonly privateNote: (message: { readonly to: string | null }) => string | null;
  readonly attachmentUrl: MessageItemProps['attachmentUrl'];
  readonly onRetry: (clientMessageId: string) => void;
  /** The end of the thread is on screen: what is here has been read. */
  readonly onSeen: () => void;
  readonly emptyText: string;
  readonly maxHeight?: string;
}

/** Messages oldest first under a line for each day, then ours still being sent; new ones are announced politely. */
export function ChatTimeline(props: ChatTimelineProps) {
  const { messages, pending, timeZone } = props;
  const box = useRef<HTMLDivElement>(null);
  const end = useRef<HTMLDivElement>(null);
  const atEnd = useRef(true);
  const newest = messages.at(-1);
  useEndSeen(end, props.onSeen, newest?.seq);

  // Follow new messages while the reader is at the end, and always to one they just sent.
  const followOwn = pending.length > 0 || (newest !== undefined && props.isOwn(newest));
  // A failed send grows by its error line: that counts as a change too.
  const pendingStates = pending.map((p) => p.state).join();
  useLayoutEffect(() => {
    const element = box.current;
    if (element && (atEnd.current || followOwn)) element.scrollTop = element.scrollHeight;
  }, [messages.length, pendingStates, followOwn]);

  return (
    <Box
      ref={box}
      role="log"
      aria-live="polite"
      aria-label="Messages"
      tabIndex={0}
      onScroll={(event) => {
        const element = event.currentTarget;
        atEnd.current = element.scrollHeight - element.scrollTop - element.clientHeight < 48;
      }}
      style={{ flex: 1, minHeight: 120, maxHeight: props.maxHeight, overflowY: 'auto', overscrollBehavior: 'contain' }}
      p={4}
    >
      {messages.length === 0 && pending.length === 0 && (
        <Text c="dimmed" ta="center" py="lg">
          {props.emptyText}
        </Text>
      )}
      <Box component="ul" m={0} p={0} style={{ listStyle: 'none', display: 'flex', flexDirection: 'column', gap: 8 }}>
        {messages.map((m, i) => {
          const own = props.isOwn(m);
          const day = dateIn(m.createdAt, timeZone);
          const newDay = i === 0 || dateIn(messages[i - 1]!.createdAt, timeZone) !== day;
          return (
            <Fragment key={m.seq}>
              {newDay && (
                <Text component="li" size="xs" c="dimmed" ta="center" fw={500}>
                  {formatLongDate(m.createdAt, timeZone)}
                </Text>
              )}
              <MessageItem
                sender={own ? 'You' : m.sender.name}
                senderRole={props.senderRole(m)}
                own={own}
                body={m.body}
                createdAt={m.createdAt}
                timeZone={timeZone}
                attachments={m.attachments}
                attachmentUrl={props.attachmentUrl}
                privateNote={props.privateNote(m)}
                delivery={own ? { state: 'sent' } : null}
              />
            </Fragment>
          );
        })}
        {pending.map((p) => (
          <MessageItem
            key={p.clientMessageId}
            sender="You"
            senderRole={null}
            own
            body={p.body}
            createdAt={null}
            timeZone={timeZone}
            attachments={p.attachments}
            attachmentUrl={props.attachmentUrl}
            privateNote={props.privateNote(p)}
            delivery={p.state === 'failed' ? { state: 'failed', error: p.error, onRetry: () => props.onRetry(p.clientMessageId) } : { state: 'sending' }}
          />
        ))}
      </Box>
      <div ref={end} />
    </Box>
  );
}
