import { createHash, randomUUID, timingSafeEqual } from 'node:crypto';
import type { Kysely } from 'kysely';
import { codeDestination, describeDestination } from '../../../shared/contact-mask';
import { CODE_VALID_MINUTES, type CodeSent, type PortalVerification, type VerificationMethod, type VerifyParticipant } from '../../../shared/portal';
import type { Clock } from '../../clock';
import type { Database } from '../../db/schema';
import { conflict, DomainError } from '../../errors';
import { recordAudit } from '../audit';
import { hashToken } from '../auth';
import { queueVerificationCode } from '../messaging';
import * as repo from './verification-repo';

const MINUTE = 60_000;
/** Wrong answers allowed per participant's link in a window; the next one waits (429). */
export const MAX_FAILED_ATTEMPTS = 5;
export const ATTEMPT_WINDOW_MS = 15 * MINUTE;
/** A new code at most once a minute and five times an hour. */
const CODE_EVERY_MS = MINUTE;
const CODES_PER_HOUR = 5;

const signInAgain = () => new DomainError('unauthenticated', 'unauthenticated', 'Open the link from your invitation again');
const tooSoon = (code: string, message: string, until: number, now: Date) =>
  new DomainError('rate_limited', code, message, { retryAfterSeconds: Math.max(1, Math.ceil((until - now.getTime()) / 1000)) });

/** Salted with the code row's id: equal codes sent twice do not hash alike. */
const hashCode = (id: string, code: string) => createHash('sha256').update(`${id}:${code}`).digest('hex');
const sameHash = (a: string, b: string) => timingSafeEqual(Buffer.from(a, 'hex'), Buffer.from(b, 'hex'));

/** Whether a visit may see the page: the one check in the portal's access path (see PortalService.visitor). */
export const visitConfirmed = (visit: { participant_verification: string; verified_at: Date | null }) =>
  visit.participant_verification === 'none' || visit.verified_at !== null;

type Visit = NonNullable<Awaited<ReturnType<typeof repo.findVisitForVerification>>>;

/** What this visit must confirm: null when the clinic asks nothing or it was confirmed already. */
function methodOf(visit: Visit): VerificationMethod | null {
  if (visitConfirmed(visit)) return null;
  // With no date of birth on record, a code is the other way to show it is them.
  return visit.participant_verification === 'date_of_birth' && visit.date_of_birth ? 'date_of_birth' : 'one_time_code';
}

const destinationOf = (visit: Visit) => codeDestination({ invitationType: visit.invitation_type, email: visit.email, phone: visit.phone });

/**
 * "Who is joining": an organization may ask a participant opening their link to confirm their
 * date of birth or a one-time code before their page shows anything. Confirmation marks the
 * visit (the cookie), so a forwarded link opened in another browser starts unconfirmed.
 */
export function createVerification({ db, clock }: { db: Kysely<Database>; clock: Clock }) {
  async function visitOf(portalToken: string) {
    const signInHash = hashToken(portalToken);
    const visit = await repo.findVisitForVerification(db, signInHash);
    if (!visit || visit.expires_at <= clock.now()) throw signInAgain();
    return { visit, signInHash };
  }

  const audit = (trx: Kysely<Database>, visit: Visit, event: { action: string; outcome: 'success' | 'failed' | 'denied'; at: Date; address: string; data: Record<string, unknown> }) =>
    recordAudit(trx, {
      organizationId: visit.organization_id,
      actorUserId: null,
      actorKind: 'participant',
      actorParticipantId: visit.participant_id,
      action: event.action,
      entityType: 'participant',
      entityId: visit.participant_id,
      participantIds: [visit.participant_id],
      sessionId: visit.session_id,
      outcome: event.outcome,
      address: event.address,
      at: event.at,
      data: event.data,
    });

  return {
    async status(portalToken: string): Promise<PortalVerification> {
      const { visit } = await visitOf(portalToken);
      const method = methodOf(visit);
      const destination = destinationOf(visit);
      return {
        organization: { name: visit.organization_name },
        required: method !== null,
        method,
        codeDestination: destination && describeDestination(destination),
      };
    },

    async sendCode(portalToken: string, address: string): Promise<CodeSent> {
      const { visit } = await visitOf(portalToken);
      if (methodOf(visit) !== 'one_time_code') throw conflict('code_not_needed', 'No code is needed to open this page');
      const now = clock.now();
      return db.transaction().execute(async (trx) => {
        await repo.lockParticipant(trx, visit.session_id, visit.participant_id);
        const lastHour = await repo.codesSentSince(trx, visit.session_id, visit.participant_id, new Date(now.getTime() - 60 * MINUTE));
        const last = lastHour.at(-1);
        if (last && now.getTime() - last.getTime() < CODE_EVERY_MS) {
          throw tooSoon('code_sent_recently', 'A code was sent less than a minute ago. Wait a moment before asking for another.', last.getTime() + CODE_EVERY_MS, now);
        }
        if (lastHour.length >= CODES_PER_HOUR) {
          throw tooSoon('too_many_codes', 'Too many codes were sent in the last hour. Try again later.', lastHour[0]!.getTime() + 60 * MINUTE, now);
        }
        const queued = await queueVerificationCode(trx, { sessionId: visit.session_id, participantId: visit.participant_id, validMinutes: CODE_VALID_MINUTES, at: now });
        if (!queued) throw conflict('no_contact', 'The clinic has no email address or phone number for you. Please contact them.');
        const id = randomUUID();
        const expiresAt = new Date(now.getTime() + CODE_VALID_MINUTES * MINUTE);
        await repo.insertCode(trx, {
          id,
          organizationId: visit.organization_id,
          sessionId: visit.session_id,
          participantId: visit.participant_id,
          outboxMessageId: queued.messageId,
          codeHash: hashCode(id, queued.code),
          at: now,
          expiresAt,
        });
        await audit(trx, visit, { action: 'participant.verification_code_sent', outcome: 'success', at: now, address, data: { channel: queued.channel } });
        return { sentTo: describeDestination(queued), expiresAt: expiresAt.toISOString() };
      });
    },

    /**
     * Checks a date of birth or a code. Attempts of one participant are taken one at a time and
     * counted before the answer is compared, so parallel guesses cannot pass the limit.
     */
    async verify(portalToken: string, answer: VerifyParticipant, address: string): Promise<void> {
      const { visit, signInHash } = await visitOf(portalToken);
      const method = methodOf(visit);
      if (visit.verified_at) return;
      if (method === null) throw conflict('verification_not_needed', 'This page asks nothing before it opens');
      const path = method === 'date_of_birth' ? 'dateOfBirth' : 'code';
      const now = clock.now();
      const outcome = await db.transaction().execute(async (trx) => {
        await repo.lockParticipant(trx, visit.session_id, visit.participant_id);
        const failures = await repo.failedAttemptsSince(trx, visit.session_id, visit.participant_id, new Date(now.getTime() - ATTEMPT_WINDOW_MS));
        if (failures.length >= MAX_FAILED_ATTEMPTS) {
          await audit(trx, visit, { action: 'participant.verification', outcome: 'denied', at: now, address, data: { method, reason: 'too_many_attempts' } });
          return { confirmed: false, limitedUntil: failures[0]!.getTime() + ATTEMPT_WINDOW_MS, left: 0 };
        }
        const confirmed = method === 'date_of_birth' ? answer.dateOfBirth === visit.date_of_birth : await codeMatches(trx, visit, answer.code, now);
        await repo.insertAttempt(trx, { organizationId: visit.organization_id, sessionId: visit.session_id, participantId: visit.participant_id, succeeded: confirmed, at: now });
        if (confirmed) {
          await repo.markVisitVerified(trx, signInHash, now);
          await repo.useCodes(trx, visit.session_id, visit.participant_id, now);
        }
        await audit(trx, visit, { action: 'participant.verification', outcome: confirmed ? 'success' : 'failed', at: now, address, data: { method } });
        return { confirmed, limitedUntil: null, left: MAX_FAILED_ATTEMPTS - failures.length - 1 };
      });
      if (outcome.limitedUntil !== null) {
        throw tooSoon('too_many_attempts', 'Too many wrong answers. Wait a few minutes, then try again.', outcome.limitedUntil, now);
      }
      if (!outcome.confirmed) {
        const message = method === 'date_of_birth' ? 'This date of birth does not match our records' : 'This code is wrong, used or expired: check it, or ask for a new one';
        throw new DomainError('unprocessable', 'verification_failed', message, { errors: [{ path, message }], extensions: { attemptsLeft: Math.max(0, outcome.left) } });
      }
    },
  };
}

async function codeMatches(db: Kysely<Database>, visit: Visit, code: string | undefined, now: Date): Promise<boolean> {
  if (code === undefined) return false;
  const codes = await repo.liveCodes(db, visit.session_id, visit.participant_id, now);
  return codes.some((c) => sameHash(c.code_hash, hashCode(c.id, code)));
}

export type Verification = ReturnType<typeof createVerification>;
