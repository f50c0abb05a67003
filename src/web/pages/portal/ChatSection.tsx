import { Group, Paper, Stack, Switch, Text, Title } from '@mantine/core';
import { useId, useState } from 'react';
import type { PortalView } from '../../../shared/portal';
import { ChatThread } from '../../components/Chat/ChatThread';
import { UnreadBadge } from '../../components/Chat/UnreadBadge';
import { tabStorage } from '../../lib/tab-storage';
import { totalUnread } from '../../live/ChatStore';
import type { Chat } from '../../live/useSessionLive';
import { wrapAnywhere } from './PortalFrame';
import { useShownTimeZone } from './useShownTimeZone';

const draftKey = (participantId: string) => `carebeam.portal.chat.${participantId}`;
const privatelyKey = (participantId: string) => `carebeam.portal.chatPrivately.${participantId}`;

export interface ChatSectionProps {
  readonly view: PortalView;
  /** The page's chat (`useSessionLive`): the call on the same page shares its channel. */
  readonly chat: Chat;
}

/**
 * The participant's chat: the session's conversation and their private thread with the clinic
 * in one timeline, private messages marked, and a switch to write privately to the clinic.
 */
export function ChatSection({ view, chat }: ChatSectionProps) {
  const { participant, session } = view;
  const headingId = useId();
  const [timeZone] = useShownTimeZone(participant);
  // Kept for the tab: a reload must not quietly turn a private message into one for everyone.
  const [privately, setPrivately] = useState(() => tabStorage.get(privatelyKey(participant.id)) === 'yes');
  const choosePrivately = (next: boolean) => {
    setPrivately(next);
    if (next) tabStorage.set(privatelyKey(participant.id), 'yes');
    else tabStorage.remove(privatelyKey(participant.id));
  };

  return (
    <Paper component="section" aria-labelledby={headingId} withBorder radius="md" p="md">
      <Group justify="space-between" wrap="nowrap" gap="sm" mb={4}>
        <Title order={2} size="h4" id={headingId}>
          Chat
        </Title>
        <UnreadBadge count={totalUnread(chat.state.unread)} />
      </Group>
      <Text size="sm" c="dimmed" mb="sm" style={wrapAnywhere}>
        Write to {session.organization.name} and everyone in this session, or privately to the clinic.
      </Text>
      <ChatThread
        chat={chat}
        messages={chat.state.messages}
        pending={chat.state.pending}
        readThread={null}
        sendTo={privately ? participant.id : null}
        timeZone={timeZone}
        draftKey={draftKey(participant.id)}
        emptyText="No messages yet."
        senderRole={(m) => (m.sender.kind === 'staff' ? 'Clinic' : null)}
        privateNote={(m) => (m.to ? 'Private — only you and the clinic' : null)}
        maxHeight="60dvh"
        composerControls={
          <Stack gap={2}>
            <Switch size="md" label="Send privately to the clinic" checked={privately} onChange={(event) => choosePrivately(event.currentTarget.checked)} />
            <Text size="sm" c="dimmed">
              {privately ? 'Only the clinic staff will see your message.' : 'Everyone in this session will see your message.'}
            </Text>
          </Stack>
        }
      />
    </Paper>
  );
}
