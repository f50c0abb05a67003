// No zod here: the participant's page checks a message before sending without downloading the
// validators. The server's schemas (./chat.ts) use the same limits and words.

export const MAX_MESSAGE_LENGTH = 4000;
export const MAX_ATTACHMENTS_PER_MESSAGE = 5;
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;
export const PAGE_LIMIT = 200;

/** Types an attachment may have, decided from its bytes (never from its name or the browser's word). */
export const ATTACHMENT_TYPES = ['application/pdf', 'image/png', 'image/jpeg', 'image/heic', 'text/plain'] as const;
export type AttachmentType = (typeof ATTACHMENT_TYPES)[number];

/** Control characters other than line breaks and tabs have no place in a chat message. */
// eslint-disable-next-line no-control-regex
export const CONTROL_CHARACTERS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

export const MESSAGE_BODY_PROBLEMS = {
  empty: 'Write a message',
  tooLong: `Use at most ${MAX_MESSAGE_LENGTH.toLocaleString('en-US')} characters`,
  control: 'Remove the control characters',
} as const;

/** A message body as the server takes it (trimmed), or why it would be refused. */
export function checkMessageBody(body: string): { readonly body: string } | { readonly problem: string } {
  const trimmed = body.trim();
  if (trimmed.length === 0) return { problem: MESSAGE_BODY_PROBLEMS.empty };
  if (trimmed.length > MAX_MESSAGE_LENGTH) return { problem: MESSAGE_BODY_PROBLEMS.tooLong };
  if (CONTROL_CHARACTERS.test(trimmed)) return { problem: MESSAGE_BODY_PROBLEMS.control };
  return { body: trimmed };
}

/** A thread: the session's conversation (null) or the private one with a participant. */
export const threadKey = (participantId: string | null) => participantId ?? 'session';
