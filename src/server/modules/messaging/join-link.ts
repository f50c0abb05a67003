import { createHmac } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';

/**
 * Stands for the participant's private join link in stored messages. The outbox delivery mints a
 * fresh token and puts the link in only when it sends, so no usable link is ever stored.
 */
// URL-safe on purpose: it also sits inside the query of calendar links until it is replaced.
export const JOIN_LINK = '__JOIN_LINK__';

export const withJoinLink = (text: string, url: string) => text.replaceAll(JOIN_LINK, url);

/** How a stored message shows the link it carried: the real one was never kept. */
export const redactJoinLink = (text: string, publicUrl: URL) =>
  text.replaceAll(JOIN_LINK, `${new URL('/join/', publicUrl).toString()}•••••• (private link, not stored)`);

/**
 * The join link's token for one outbox message: the same on every attempt at that message.
 *
 * Why derived and not revoked-and-reminted: a resend carries the same Message-ID (SMS: the same
 * idempotency key), and a mailbox or carrier that sees a duplicate may keep only the first copy.
 * If each attempt minted a new link and revoked the one before, the copy the patient kept could
 * hold the dead link. Derived, every copy holds the same link and there is only ever one live.
 */
export const outboxJoinToken = (secret: string, messageId: string) => createHmac('sha256', secret).update(`join-link:${messageId}`).digest('base64url');

/** The secret `outboxJoinToken` uses, made by the migration and shared by every instance. */
export async function loadOutboxLinkSecret(db: Kysely<Database>): Promise<string> {
  const row = await db.selectFrom('server_secrets').select('value').where('name', '=', 'outbox_join_links').executeTakeFirstOrThrow();
  return row.value;
}
