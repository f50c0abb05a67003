import { type Kysely, sql } from 'kysely';
import type { Database, PasswordLinkPurpose } from '../../db/schema';
import { hashToken, newToken } from './tokens';

type Db = Kysely<Database>;

const MINUTE = 60_000;
/** How long each kind of link works, unless used first. */
export const LINK_LIFETIME: Record<PasswordLinkPurpose, number> = { invite: 72 * 60 * MINUTE, reset: 30 * MINUTE, setup: 24 * 60 * MINUTE };

/** The page each kind of link opens. */
const LINK_PATH: Record<PasswordLinkPurpose, string> = { invite: '/set-password', reset: '/set-password', setup: '/setup' };

export const passwordLinkUrl = (purpose: PasswordLinkPurpose, token: string, publicUrl: URL) => {
  const url = new URL(LINK_PATH[purpose], publicUrl);
  url.searchParams.set('token', token);
  return url.toString();
};

export interface LinkOwner {
  purpose: PasswordLinkPurpose;
  organizationId: string | null;
  userId: string | null;
}

/**
 * A new single-use link; earlier live links of the same person (or, for setup, earlier setup
 * links) stop working, so only the newest message's link does. Returns its id and token: the
 * token is shown once (printed, or put into a message as it is sent) and only its hash is kept.
 */
export async function createPasswordLink(db: Db, owner: LinkOwner, now: Date): Promise<{ id: string; token: string; expiresAt: Date }> {
  await endLiveLinks(db, owner, now);
  const token = newToken();
  const expiresAt = new Date(now.getTime() + LINK_LIFETIME[owner.purpose]);
  const row = await db
    .insertInto('password_links')
    .values({
      purpose: owner.purpose,
      organization_id: owner.organizationId,
      user_id: owner.userId,
      token_hash: hashToken(token),
      created_at: now,
      expires_at: expiresAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: row.id, token, expiresAt };
}

/** Ends the live links of a person (any purpose), or the live setup links when there is no person. */
export async function endLiveLinks(db: Db, owner: Pick<LinkOwner, 'userId'>, now: Date): Promise<void> {
  let query = db.updateTable('password_links').set({ expires_at: now }).where('used_at', 'is', null).where('expires_at', '>', now);
  query = owner.userId ? query.where('user_id', '=', owner.userId) : query.where('purpose', '=', 'setup');
  await query.execute();
}

/**
 * A fresh token for a live link, as its message is sent: the message is stored with a
 * placeholder, so no usable link sits in the outbox. Null when the link ended meanwhile.
 */
export async function mintLinkToken(db: Db, linkId: string, now: Date): Promise<{ token: string; purpose: PasswordLinkPurpose } | null> {
  const token = newToken();
  const row = await db
    .updateTable('password_links')
    .set({ token_hash: hashToken(token) })
    .where('id', '=', linkId)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .returning('purpose')
    .executeTakeFirst();
  return row ? { token, purpose: row.purpose } : null;
}

export interface LiveLink {
  id: string;
  purpose: PasswordLinkPurpose;
  organizationId: string | null;
  userId: string | null;
}

const toLiveLink = (row: { id: string; purpose: PasswordLinkPurpose; organization_id: string | null; user_id: string | null }): LiveLink => ({
  id: row.id,
  purpose: row.purpose,
  organizationId: row.organization_id,
  userId: row.user_id,
});

/** The link behind a token while it still works. */
export async function findLiveLink(db: Db, token: string, now: Date): Promise<LiveLink | undefined> {
  const row = await db
    .selectFrom('password_links')
    .select(['id', 'purpose', 'organization_id', 'user_id'])
    .where('token_hash', '=', hashToken(token))
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .executeTakeFirst();
  return row && toLiveLink(row);
}

/**
 * Uses a link up, in the caller's transaction: of two requests racing with one token, only one
 * gets the link. Undefined when it is unknown, used, or expired.
 */
export async function consumeLink(db: Db, token: string, now: Date): Promise<LiveLink | undefined> {
  const row = await db
    .updateTable('password_links')
    .set({ used_at: now })
    .where('token_hash', '=', hashToken(token))
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .returning(['id', 'purpose', 'organization_id', 'user_id'])
    .executeTakeFirst();
  return row && toLiveLink(row);
}

/** Of these users, those with an invitation link still live (for "Invited — not yet signed in"). */
export async function usersWithLiveInvite(db: Db, userIds: string[], now: Date): Promise<Set<string>> {
  if (userIds.length === 0) return new Set();
  const rows = await db
    .selectFrom('password_links')
    .select('user_id')
    .distinct()
    .where('user_id', 'in', userIds)
    .where('purpose', '=', 'invite')
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .execute();
  return new Set(rows.map((row) => row.user_id!));
}

// Advisory lock namespaces for reset requests (the sign-in limiter uses 7101 and 7102).
const RESETS_BY_EMAIL = 7103;
const RESETS_BY_IP = 7104;

/**
 * Counts a reset request, unless the address asked for or the client already made `max` in the
 * window: then nothing is written and the answer is false. Same turn-taking as sign-in attempts
 * (repo.ts claimAttempt): one at a time per email, then per client address.
 */
export async function claimResetRequest(db: Db, request: { email: string; ip: string; at: Date }, since: Date, max: number): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    await sql`SELECT pg_advisory_xact_lock(${RESETS_BY_EMAIL}, hashtext(${request.email}))`.execute(trx);
    await sql`SELECT pg_advisory_xact_lock(${RESETS_BY_IP}, hashtext(${request.ip}))`.execute(trx);
    const counted = await trx
      .selectFrom('password_reset_requests')
      .select([
        sql<number>`count(*) FILTER (WHERE email = ${request.email})::int`.as('by_email'),
        sql<number>`count(*) FILTER (WHERE ip = ${request.ip})::int`.as('by_ip'),
      ])
      .where('at', '>', since)
      .where((eb) => eb.or([eb('email', '=', request.email), eb('ip', '=', request.ip)]))
      .executeTakeFirstOrThrow();
    if (counted.by_email >= max || counted.by_ip >= max) return false;
    await trx.deleteFrom('password_reset_requests').where('at', '<=', since).execute();
    await trx.insertInto('password_reset_requests').values(request).execute();
    return true;
  });
}
