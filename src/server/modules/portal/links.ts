import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { hashToken, newToken } from '../auth';

/** A join link keeps working for a day after the session ends (notes, documents, the recording of what was said). */
export const JOIN_GRACE_MS = 24 * 60 * 60_000;

/**
 * A private link for one participant of one session; only its hash is stored. A new random token
 * unless `token` is given: minting a given token again keeps the one link (a message's resend).
 */
export async function mintJoinLink(
  db: Kysely<Database>,
  link: { organizationId: string; sessionId: string; participantId: string; sessionEndsAt: Date; now: Date; publicUrl: URL; token?: string },
): Promise<{ url: string; expiresAt: Date }> {
  const token = link.token ?? newToken();
  const expiresAt = new Date(link.sessionEndsAt.getTime() + JOIN_GRACE_MS);
  await db
    .insertInto('join_tokens')
    .values({
      token_hash: hashToken(token),
      organization_id: link.organizationId,
      session_id: link.sessionId,
      participant_id: link.participantId,
      created_at: link.now,
      expires_at: expiresAt,
    })
    .onConflict((oc) => oc.column('token_hash').doNothing())
    .execute();
  return { url: new URL(`/join/${token}`, link.publicUrl).toString(), expiresAt };
}

/**
 * Ends a participant's links to these sessions and their open visits (cookies; live channels close
 * when told the session changed): used when their address changed and links went to the old one.
 */
export async function revokeParticipantLinks(db: Kysely<Database>, sessionIds: string[], participantId: string): Promise<void> {
  if (sessionIds.length === 0) return;
  await db.deleteFrom('join_tokens').where('session_id', 'in', sessionIds).where('participant_id', '=', participantId).execute();
  await db.deleteFrom('portal_sign_ins').where('session_id', 'in', sessionIds).where('participant_id', '=', participantId).execute();
}

/** Links (and open visits) of a session last until its new end, plus the grace day. */
export async function moveLinkExpiry(db: Kysely<Database>, sessionId: string, sessionEndsAt: Date): Promise<void> {
  const expiresAt = new Date(sessionEndsAt.getTime() + JOIN_GRACE_MS);
  await db.updateTable('join_tokens').set({ expires_at: expiresAt }).where('session_id', '=', sessionId).execute();
  await db.updateTable('portal_sign_ins').set({ expires_at: expiresAt }).where('session_id', '=', sessionId).execute();
}
