import { z } from 'zod';

export const MAX_MESSAGE_LENGTH = 4000;
export const MAX_ATTACHMENTS_PER_MESSAGE = 5;
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;
export const PAGE_LIMIT = 200;

/** Types an attachment may have, decided from its bytes (never from its name or the browser's word). */
export const ATTACHMENT_TYPES = ['application/pdf', 'image/png', 'image/jpeg', 'image/heic', 'text/plain'] as const;
export type AttachmentType = (typeof ATTACHMENT_TYPES)[number];

export const chatAttachmentSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  contentType: z.enum(ATTACHMENT_TYPES),
  size: z.number().int(),
}).meta({ id: 'ChatAttachment', description: 'A file shared in the chat: its type decided by its content' });
export type ChatAttachment = z.infer<typeof chatAttachmentSchema>;

export const chatSenderSchema = z.object({ kind: z.enum(['staff', 'participant']), id: z.uuid(), name: z.string() });
export type ChatSender = z.infer<typeof chatSenderSchema>;

/**
 * One chat message. `to` names the participant whose private thread (with the session's staff)
 * it belongs to; null is the whole session's conversation.
 */
export const chatMessageSchema = z.object({
  id: z.uuid(),
  seq: z.number().int().positive(),
  body: z.string(),
  sender: chatSenderSchema,
  to: z.uuid().nullable(),
  attachments: z.array(chatAttachmentSchema),
  clientMessageId: z.string(),
  createdAt: z.string(),
}).meta({ id: 'ChatMessage', description: 'A chat message; `to` is the participant whose private thread it is in, null for the whole session' });
export type ChatMessage = z.infer<typeof chatMessageSchema>;

export const chatPageSchema = z
  .object({ items: z.array(chatMessageSchema), nextAfter: z.number().int().nullable() })
  .meta({ id: 'ChatPage', description: 'Messages oldest first; `nextAfter` is the `after` of the next page, null at the end' });
export type ChatPage = z.infer<typeof chatPageSchema>;

/** Control characters other than line breaks and tabs have no place in a chat message. */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

export const sendMessageSchema = z.object({
  body: z
    .string()
    .trim()
    .min(1, { message: 'Write a message' })
    .max(MAX_MESSAGE_LENGTH, { message: `Use at most ${MAX_MESSAGE_LENGTH.toLocaleString('en-US')} characters` })
    .refine((body) => !CONTROL.test(body), { message: 'Remove the control characters' }),
  to: z.uuid({ message: 'Unknown participant' }).optional(),
  clientMessageId: z.string().min(8, { message: 'Send an id of 8 to 100 characters' }).max(100, { message: 'Send an id of 8 to 100 characters' }),
  attachmentIds: z
    .array(z.uuid({ message: 'Unknown attachment' }))
    .max(MAX_ATTACHMENTS_PER_MESSAGE, { message: `Attach at most ${MAX_ATTACHMENTS_PER_MESSAGE} files to a message` })
    .default([]),
});
export type SendMessage = z.input<typeof sendMessageSchema>;

export const listMessagesQuerySchema = z.object({
  after: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(PAGE_LIMIT).default(100),
});

export const markReadSchema = z.object({
  seq: z.number().int().min(0),
  /** The private thread read (staff only); omitted for the session's conversation. */
  participantId: z.uuid().optional(),
});

/** How many unread messages a reader has per thread, and the thread's last message. */
export const unreadSchema = z.object({
  threads: z.array(z.object({ participantId: z.uuid().nullable(), unread: z.number().int(), lastSeq: z.number().int() })),
}).meta({ id: 'ChatUnread', description: "Per thread the reader sees (null: the session's conversation): unread messages from others and the last seq" });
export type Unread = z.infer<typeof unreadSchema>;

/** A thread: the session's conversation (null) or the private one with a participant. */
export const threadKey = (participantId: string | null) => participantId ?? 'session';
