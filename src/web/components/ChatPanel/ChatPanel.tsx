import { Button, Drawer } from '@mantine/core';
import { IconMessages } from '@tabler/icons-react';
import { useState } from 'react';
import type { SessionDetails } from '../../../shared/sessions';
import { totalUnread } from '../../live/ChatStore';
import type { Chat } from '../../live/useSessionLive';
import { UnreadBadge } from '../Chat/UnreadBadge';
import { ChatTabs, fill, useChatTabsState } from './ChatTabs';

export interface ChatPanelProps {
  readonly session: SessionDetails;
  /** The page's chat (`useSessionLive`): the call on the same page shares its channel. */
  readonly chat: Chat;
}

/**
 * "Chat" at the top right of a session's page, with its unread count, and the panel it opens:
 * the session's conversation, and each participant's private thread with the clinic staff.
 */
export function ChatPanel({ session, chat }: ChatPanelProps) {
  // Kept while the panel is closed: it reopens where it was.
  const [opened, setOpened] = useState(false);
  const tabs = useChatTabsState();

  return (
    <>
      <Button
        variant="default"
        leftSection={<IconMessages size={18} aria-hidden="true" />}
        rightSection={<UnreadBadge count={totalUnread(chat.state.unread)} />}
        onClick={() => setOpened(true)}
      >
        Chat
      </Button>
      <Drawer
        opened={opened}
        onClose={() => setOpened(false)}
        title="Chat"
        position="right"
        size="md"
        closeButtonProps={{ 'aria-label': 'Close chat' }}
        styles={{ content: { display: 'flex', flexDirection: 'column' }, body: { ...fill, paddingTop: 0 } }}
      >
        <ChatTabs session={session} chat={chat} {...tabs} />
      </Drawer>
    </>
  );
}
