import { z } from 'zod';
import { ATTACHMENT_TYPES, CONTROL_CHARACTERS, MAX_ATTACHMENTS_PER_MESSAGE, MAX_MESSAGE_LENGTH, MESSAGE_BODY_PROBLEMS, PAGE_LIMIT } from './chat-rules';

export {
  ATTACHMENT_TYPES,
  type AttachmentType,
  checkMessageBody,
  MAX_ATTACHMENT_BYTES,
  MAX_ATTACHMENTS_PER_MESSAGE,
  MAX_MESSAGE_LENGTH,
  PAGE_LIMIT,
  threadKey,
} from './chat-rules';

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

export const sendMessageSchema = z.object({
  body: z
    .string()
    .trim()
    .min(1, { message: MESSAGE_BODY_PROBLEMS.empty })
    .max(MAX_MESSAGE_LENGTH, { message: MESSAGE_BODY_PROBLEMS.tooLong })
    .refine((body) => !CONTROL_CHARACTERS.test(body), { message: MESSAGE_BODY_PROBLEMS.control }),
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
