import type { Kysely } from 'kysely';
import { codeDestination } from '../../../shared/contact-mask';
import type { Channel, Database } from '../../db/schema';
import { loadMessageContext } from './context';
import { logoImgTag } from './email-logo';
import { loadOutboxLinkSecret } from './join-link';
import { outboxOneTimeCode } from './one-time-code';
import { insertCodeMessage } from './outbox-repo';
import { renderVerificationCodeEmail, renderVerificationCodeSms } from './templates/verification-code';

export interface QueuedCode {
  messageId: string;
  channel: Channel;
  recipient: string;
  /** For the caller to store hashed; it is in no stored row. */
  code: string;
}

/**
 * Queues a one-time code to a participant of a session, in the caller's transaction; null when
 * their record has neither an email nor a phone number.
 */
export async function queueVerificationCode(
  db: Kysely<Database>,
  request: { sessionId: string; participantId: string; validMinutes: number; at: Date },
): Promise<QueuedCode | null> {
  const context = await loadMessageContext(db, request.sessionId);
  const participant = context.participants.find((p) => p.id === request.participantId);
  const destination = participant && codeDestination(participant);
  if (!participant || !destination) return null;
  const input = { organizationName: context.organizationName, logo: logoImgTag(context.organizationLogo, context.organizationName), recipientName: participant.name, validMinutes: request.validMinutes };
  const email = destination.channel === 'email' ? renderVerificationCodeEmail(input) : null;
  const messageId = await insertCodeMessage(db, {
    organizationId: context.organizationId,
    sessionId: request.sessionId,
    participantId: participant.id,
    channel: destination.channel,
    recipient: destination.recipient,
    subject: email?.subject ?? null,
    text: email?.text ?? renderVerificationCodeSms(input),
    html: email?.html ?? null,
    at: request.at,
  });
  return { ...destination, messageId, code: outboxOneTimeCode(await loadOutboxLinkSecret(db), messageId) };
}
