import { Stack, Tabs, Text } from '@mantine/core';
import { useState } from 'react';
import { threadKey } from '../../../shared/chat';
import type { SessionDetails } from '../../../shared/sessions';
import { useCurrentUser } from '../../auth/sign-in';
import { staffChatDraftKey } from '../../lib/staff-drafts';
import { threadMessages, totalUnread } from '../../live/ChatStore';
import type { Chat } from '../../live/useSessionLive';
import { ChatThread } from '../Chat/ChatThread';
import { UnreadBadge } from '../Chat/UnreadBadge';
import { ParticipantThreads } from './ParticipantThreads';

export const fill = { flex: 1, minHeight: 0, display: 'flex', flexDirection: 'column' } as const;
const noNote = () => null;

/** Which tab and which private thread are open; held by the caller so they outlive a closed drawer. */
export function useChatTabsState() {
  const [tab, setTab] = useState<string | null>('chat');
  const [openWith, setOpenWith] = useState<string | null>(null);
  return { tab, setTab, openWith, setOpenWith };
}

export interface ChatTabsProps extends ReturnType<typeof useChatTabsState> {
  readonly session: SessionDetails;
  readonly chat: Chat;
}

/** The staff's chat of a session: its conversation, and each participant's private thread. In the drawer, or beside the call. */
export function ChatTabs({ session, chat, tab, setTab, openWith, setOpenWith }: ChatTabsProps) {
  const me = useCurrentUser();
  const { unread, messages, pending } = chat.state;
  const sessionUnread = unread[threadKey(null)] ?? 0;

  return (
    <Tabs value={tab} onChange={setTab} keepMounted={false} style={fill}>
      <Tabs.List grow mb="xs">
        <Tabs.Tab value="chat" rightSection={<UnreadBadge count={sessionUnread} />}>
          Chat
        </Tabs.Tab>
        <Tabs.Tab value="participants" rightSection={<UnreadBadge count={totalUnread(unread) - sessionUnread} />}>
          Participants
        </Tabs.Tab>
      </Tabs.List>
      <Tabs.Panel value="chat" style={fill}>
        <Stack gap="xs" style={fill}>
          <Text size="sm" c="dimmed">
            Everyone in this session sees these messages: the participants and the clinic staff.
          </Text>
          <ChatThread
            chat={chat}
            messages={threadMessages(messages, null)}
            pending={pending.filter((p) => p.to === null)}
            readThread={null}
            sendTo={null}
            timeZone={me.timeZone}
            draftKey={staffChatDraftKey(session.id, threadKey(null))}
            emptyText="No messages yet."
            senderRole={noNote}
            privateNote={noNote}
          />
        </Stack>
      </Tabs.Panel>
      <Tabs.Panel value="participants" style={fill}>
        <ParticipantThreads chat={chat} session={session} timeZone={me.timeZone} openWith={openWith} onOpen={setOpenWith} />
      </Tabs.Panel>
    </Tabs>
  );
}
