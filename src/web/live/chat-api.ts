import type { ChatMessage, ChatPage, SendMessage, Unread } from '../../shared/chat';
import { PAGE_LIMIT } from '../../shared/chat-rules';
import { api } from '../api/client';

/** Whose chat: a staff member's view of a session, or the participant's own (their join-link cookie). */
export type ChatScope = { readonly kind: 'staff'; readonly sessionId: string } | { readonly kind: 'participant' };

/** The chat endpoints of one scope; staff ones sit under the session, a participant's under the portal. */
export function chatApi(scope: ChatScope) {
  const base = scope.kind === 'staff' ? `/sessions/${encodeURIComponent(scope.sessionId)}` : '/portal';
  return {
    livePath: `/api${base}/live`,
    uploadUrl: `/api${base}/attachments`,
    attachmentUrl: (attachmentId: string, { inline = false } = {}) =>
      `/api${base}/attachments/${encodeURIComponent(attachmentId)}${inline ? '?inline=1' : ''}`,

    /** Every message after `after`, oldest first, page by page until the server says there is no more. */
    async messagesAfter(after: number): Promise<ChatMessage[]> {
      const messages: ChatMessage[] = [];
      for (let cursor: number | null = after; cursor !== null; ) {
        const page: ChatPage = await api<ChatPage>(`${base}/messages?after=${cursor}&limit=${PAGE_LIMIT}`);
        messages.push(...page.items);
        // A cursor that does not move on would loop forever.
        cursor = page.nextAfter !== null && page.nextAfter > cursor ? page.nextAfter : null;
      }
      return messages;
    },
    unread: () => api<Unread>(`${base}/messages/unread`),
    send: (message: SendMessage) => api<ChatMessage>(`${base}/messages`, { method: 'POST', body: message }),
    /** Staff read one thread (`participantId`, or the session's conversation); a participant reads all theirs. */
    markRead: (seq: number, participantId: string | null) =>
      api<void>(`${base}/messages/read`, {
        method: 'POST',
        body: scope.kind === 'staff' && participantId ? { seq, participantId } : { seq },
      }),
  };
}

export type ChatApi = ReturnType<typeof chatApi>;
