import type { Kysely } from 'kysely';
import { needsEmail, needsPhone } from '../../../shared/participants';
import type { Database, MessageKind } from '../../db/schema';
import { renderEmail, renderSms } from './content';
import type { MessageContext } from './context';
import { insertMessages, type NewMessage } from './outbox-repo';

/** The messages one participant gets about a session: email and/or SMS, by their invitation type. */
export function messagesFor(
  kind: MessageKind,
  context: MessageContext,
  participantId: string,
  options: { organizerEmail: string; at: Date; reason?: string },
): NewMessage[] {
  const participant = context.participants.find((p) => p.id === participantId);
  if (!participant) return [];
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

/** Queues a message of `kind` for each listed participant, in the caller's transaction. */
export async function enqueueMessages(
  db: Kysely<Database>,
  context: MessageContext,
  kind: MessageKind,
  participantIds: string[],
  options: { organizerEmail: string; at: Date; reason?: string },
): Promise<number> {
  const messages = participantIds.flatMap((id) => messagesFor(kind, context, id, options));
  await insertMessages(db, messages);
  return messages.length;
}
