import { ActionIcon, Box, Group, Stack, Text, UnstyledButton, VisuallyHidden } from '@mantine/core';
import { IconArrowLeft, IconChevronRight, IconLock } from '@tabler/icons-react';
import { threadKey } from '../../../shared/chat';
import type { SessionDetails } from '../../../shared/sessions';
import { staffChatDraftKey } from '../../lib/staff-drafts';
import { threadMessages } from '../../live/ChatStore';
import type { Chat } from '../../live/useSessionLive';
import { ChatThread } from '../Chat/ChatThread';
import { UnreadBadge } from '../Chat/UnreadBadge';

export interface ParticipantThreadsProps {
  readonly chat: Chat;
  readonly session: SessionDetails;
  readonly timeZone: string;
  /** The participant whose private thread is open, or null for the list. */
  readonly openWith: string | null;
  readonly onOpen: (participantId: string | null) => void;
}

const noNote = () => null;

/** The session's participants (online or not, unread private messages), and the private thread with one of them. */
export function ParticipantThreads({ chat, session, timeZone, openWith, onOpen }: ParticipantThreadsProps) {
  const online = new Set(chat.state.online.filter((m) => m.kind === 'participant').map((m) => m.id));
  const participant = session.participants.find((p) => p.id === openWith);

  if (!participant) {
    if (session.participants.length === 0) return <Text c="dimmed">This session has no participants yet.</Text>;
    return (
      <Stack component="ul" aria-label="Participants" gap={4} m={0} p={0} style={{ listStyle: 'none' }}>
        {session.participants.map((p) => (
          <li key={p.id}>
            <UnstyledButton onClick={() => onOpen(p.id)} w="100%" p="xs" style={{ borderRadius: 'var(--mantine-radius-md)', border: '1px solid var(--mantine-color-gray-3)' }}>
              <Group justify="space-between" wrap="nowrap" gap="xs">
                <Group gap="xs" wrap="nowrap" miw={0}>
                  <OnlineDot online={online.has(p.id)} />
                  <Text style={{ overflowWrap: 'anywhere' }}>{p.name}</Text>
                  {online.has(p.id) ? (
                    <Text size="xs" c="teal.9">
                      online
                    </Text>
                  ) : (
                    <VisuallyHidden>offline</VisuallyHidden>
                  )}
                </Group>
                <Group gap={4} wrap="nowrap">
                  <UnreadBadge count={chat.state.unread[threadKey(p.id)] ?? 0} />
                  <IconChevronRight size={16} aria-hidden="true" />
                </Group>
              </Group>
            </UnstyledButton>
          </li>
        ))}
      </Stack>
    );
  }

  return (
    <Stack gap="xs" style={{ flex: 1, minHeight: 0 }}>
      <Group gap="xs" wrap="nowrap">
        <ActionIcon variant="subtle" aria-label="Back to participants" onClick={() => onOpen(null)}>
          <IconArrowLeft size={18} aria-hidden="true" />
        </ActionIcon>
        <OnlineDot online={online.has(participant.id)} />
        <Text fw={600} style={{ overflowWrap: 'anywhere' }}>
          {participant.name}
        </Text>
      </Group>
      <Group gap={6} wrap="nowrap" bg="grape.0" p="xs" style={{ borderRadius: 'var(--mantine-radius-md)' }}>
        <IconLock size={16} aria-hidden="true" color="var(--mantine-color-grape-8)" style={{ flexShrink: 0 }} />
        <Text size="sm" c="grape.9">
          Private: only {participant.name} and the clinic staff see this
        </Text>
      </Group>
      <ChatThread
        chat={chat}
        messages={threadMessages(chat.state.messages, participant.id)}
        pending={chat.state.pending.filter((p) => p.to === participant.id)}
        readThread={participant.id}
        sendTo={participant.id}
        timeZone={timeZone}
        draftKey={staffChatDraftKey(session.id, threadKey(participant.id))}
        emptyText={`No private messages with ${participant.name} yet.`}
        senderRole={noNote}
        privateNote={noNote}
        autoFocus
      />
    </Stack>
  );
}

function OnlineDot({ online }: { readonly online: boolean }) {
  return <Box w={10} h={10} bg={online ? 'teal.6' : 'gray.4'} style={{ borderRadius: '50%', flexShrink: 0 }} aria-hidden="true" />;
}
