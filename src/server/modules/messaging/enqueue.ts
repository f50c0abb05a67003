import type { Kysely } from 'kysely';
import type { MessageKind } from '../../../shared/history';
import { type InvitationType, needsEmail, needsPhone } from '../../../shared/participants';
import type { Database } from '../../db/schema';
import type { Write } from '../../db/writes';
import { loadMessageContext, type MessageContext } from './context';
import { insertMessages, messagesWrite, type NewMessage, noticedSince } from './outbox-repo';
import { renderEmail, renderSms } from './templates/render';

export interface MessageOptions {
  /** The address invitations name as their organizer (MAIL_FROM). */
  organizerEmail: string;
  at: Date;
  /** Why, for a cancellation. */
  reason?: string | undefined;
}

/** The messages one participant gets about a session: email and/or SMS, by their invitation type. */
export function messagesFor(kind: MessageKind, context: MessageContext, participantId: string, options: MessageOptions): NewMessage[] {
  const participant = context.participants.find((p) => p.id === participantId);
  return participant ? messagesTo(kind, context, participant, options) : [];
}

function messagesTo(kind: MessageKind, context: MessageContext, participant: MessageContext['participants'][number], options: MessageOptions): NewMessage[] {
  const participantId = participant.id;
  const base = { organizationId: context.organizationId, sessionId: context.session.id, participantId, kind, at: options.at };
  const messages: NewMessage[] = [];
  if (needsEmail(participant.invitationType) && participant.email) {
    const email = renderEmail(kind, context, participant, { organizerEmail: options.organizerEmail, stamp: options.at, ...(options.reason ? { reason: options.reason } : {}) });
    messages.push({ ...base, channel: 'email', recipient: participant.email, subject: email.subject, text: email.text, html: email.html, attachments: email.attachments });
  }
  if (needsPhone(participant.invitationType) && participant.phone) {
    messages.push({ ...base, channel: 'sms', recipient: participant.phone, subject: null, text: renderSms(kind, context, participant, options.reason), html: null, attachments: [] });
  }
  return messages;
}

/**
 * Queues a message of `kind` about a session for the listed participants (all of them when none
 * are listed), in the caller's transaction: nothing goes out for a change that rolls back.
 */
export async function queueSessionMessages(
  db: Kysely<Database>,
  sessionId: string,
  kind: MessageKind,
  options: MessageOptions & { participantIds?: string[] },
): Promise<{ queued: number; participants: number }> {
  const context = await loadMessageContext(db, sessionId);
  const ids = options.participantIds ?? context.participants.map((p) => p.id);
  const messages = ids.flatMap((id) => messagesFor(kind, context, id, options));
  await insertMessages(db, messages);
  return { queued: messages.length, participants: ids.length };
}

/** The messages of `kind` to every participant of the context, to write with the change (a booking); null when none. */
export const sessionMessagesWrite = (context: MessageContext, kind: MessageKind, options: MessageOptions): Write | null =>
  messagesWrite(context.participants.flatMap((participant) => messagesTo(kind, context, participant, options)));

/**
 * Tells a participant's former address (as it was before the change, in the caller's transaction)
 * that messages about the session now go elsewhere: by the channels of their former invitation type.
 */
export async function queueContactChangedNotice(
  db: Kysely<Database>,
  sessionId: string,
  former: { participantId: string; email: string | null; phone: string | null; invitationType: InvitationType },
  options: MessageOptions,
): Promise<void> {
  const context = await loadMessageContext(db, sessionId);
  const participant = context.participants.find((p) => p.id === former.participantId);
  if (!participant) return;
  await insertMessages(db, messagesTo('contact_changed', context, { ...participant, email: former.email, phone: former.phone, invitationType: former.invitationType }, options));
}

/** A participant away from their page hears of new chat messages at most this often. */
export const NEW_MESSAGE_NOTICE_EVERY_MS = 15 * 60_000;

/**
 * Tells participants who are not on their page that a message waits, by their invitation type,
 * at most once per NEW_MESSAGE_NOTICE_EVERY_MS each, and never what it says.
 */
export async function queueNewMessageNotices(db: Kysely<Database>, sessionId: string, participantIds: string[], options: MessageOptions): Promise<void> {
  if (participantIds.length === 0) return;
  const recent = await noticedSince(db, sessionId, participantIds, new Date(options.at.getTime() - NEW_MESSAGE_NOTICE_EVERY_MS));
  const due = participantIds.filter((id) => !recent.has(id));
  if (due.length > 0) await queueSessionMessages(db, sessionId, 'new_message', { ...options, participantIds: due });
}
