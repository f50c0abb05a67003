import type { ChatMessage } from '../../../shared/chat';

/**
 * Who reads a session's chat. Staff who may see the session read all of it; a participant reads
 * the whole session's conversation and their own private thread with the clinic, nothing else.
 */
export type Reader = { kind: 'staff'; id: string } | { kind: 'participant'; id: string };

export const canRead = (reader: Reader, message: Pick<ChatMessage, 'to'>) =>
  reader.kind === 'staff' || message.to === null || message.to === reader.id;

/** The thread a message belongs to, as read marks name it. */
export const threadOf = (to: string | null) => to ?? 'session';
