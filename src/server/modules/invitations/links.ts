import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { hashToken, newToken } from '../auth/tokens';
import { JOIN_LINK } from './content';

/** A join link keeps working for a day after the session ends (notes, documents, the recording of what was said). */
export const JOIN_GRACE_MS = 24 * 60 * 60_000;

/** A new private link for one participant of one session; only its hash is stored. */
export async function mintJoinLink(
  db: Kysely<Database>,
  link: { organizationId: string; sessionId: string; participantId: string; sessionEndsAt: Date; now: Date; publicUrl: URL },
): Promise<{ url: string; expiresAt: Date }> {
  const token = newToken();
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
    .execute();
  return { url: new URL(`/join/${token}`, link.publicUrl).toString(), expiresAt };
}

export const withJoinLink = (text: string, url: string) => text.replaceAll(JOIN_LINK, url);

/** How a stored message shows the link it carried: the real one was never kept. */
export const redactJoinLink = (text: string, publicUrl: URL) =>
  text.replaceAll(JOIN_LINK, `${new URL('/join/', publicUrl).toString()}•••••• (private link, not stored)`);

/** Links (and open visits) of a session last until its new end, plus the grace day. */
export async function moveLinkExpiry(db: Kysely<Database>, sessionId: string, sessionEndsAt: Date): Promise<void> {
  const expiresAt = new Date(sessionEndsAt.getTime() + JOIN_GRACE_MS);
  await db.updateTable('join_tokens').set({ expires_at: expiresAt }).where('session_id', '=', sessionId).execute();
  await db.updateTable('portal_sessions').set({ expires_at: expiresAt }).where('session_id', '=', sessionId).execute();
}
