import { z } from 'zod';
import { MESSAGE_KINDS, type MessageKind } from './history';

/** Messages to staff members about their own account; they belong to no session. */
export const STAFF_MESSAGE_KINDS = ['staff_invitation', 'password_reset'] as const;
export type StaffMessageKind = (typeof STAFF_MESSAGE_KINDS)[number];
/** A participant's one-time code to open their page (organizations that ask who is joining). */
export const VERIFICATION_CODE_KIND = 'verification_code';
export type OutboxKind = MessageKind | StaffMessageKind | typeof VERIFICATION_CODE_KIND;
export const OUTBOX_KINDS = [...MESSAGE_KINDS, ...STAFF_MESSAGE_KINDS, VERIFICATION_CODE_KIND] as const;
export const isStaffMessageKind = (kind: OutboxKind): kind is StaffMessageKind => (STAFF_MESSAGE_KINDS as readonly string[]).includes(kind);
/** A message about a session (invitation, update…): it may carry the join link and goes to the session's history. */
export const isSessionMessageKind = (kind: OutboxKind): kind is MessageKind => (MESSAGE_KINDS as readonly string[]).includes(kind);

export const outboxMessageSchema = z
  .object({
    id: z.uuid(),
    sessionId: z.uuid().nullable(),
    participantId: z.uuid().nullable(),
    kind: z.enum(OUTBOX_KINDS),
    channel: z.enum(['email', 'sms']),
    to: z.string(),
    subject: z.string().nullable(),
    body: z.string().describe('The text as sent, with the private join or set-password link and one-time codes redacted (they were never stored).'),
    html: z.string().nullable(),
    status: z.enum(['queued', 'sent', 'failed']),
    transport: z.string().nullable(),
    attempts: z.number().int().nonnegative(),
    lastError: z.string().nullable(),
    attachments: z.array(z.object({ filename: z.string(), contentType: z.string() })),
    createdAt: z.iso.datetime(),
    sentAt: z.iso.datetime().nullable(),
  })
  .meta({ id: 'OutboxMessage', description: 'An email or SMS and its delivery state; join and password links are redacted' });
export type OutboxMessage = z.infer<typeof outboxMessageSchema>;

export const MESSAGE_KIND_LABELS: Record<OutboxMessage['kind'], string> = {
  invitation: 'Invitation',
  update: 'Update',
  cancellation: 'Cancellation',
  reminder: 'Reminder',
  new_message: 'New-message notice',
  contact_changed: 'Changed-address notice',
  staff_invitation: 'Staff invitation',
  password_reset: 'Password reset',
  verification_code: 'One-time code',
};

export const remindersQueuedSchema = z
  .object({ queued: z.number().int().nonnegative() })
  .meta({ id: 'RemindersQueued', description: 'How many reminder messages were queued (email and SMS count apart)' });
export type RemindersQueued = z.infer<typeof remindersQueuedSchema>;
