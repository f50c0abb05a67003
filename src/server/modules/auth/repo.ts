import { CompiledQuery, type Kysely, sql } from 'kysely';
import type { Role } from '../../../shared/roles';
import type { Database } from '../../db/schema';

type Db = Kysely<Database>;

/** The account behind an email; `deactivated_at` is also set when its organization is deactivated. */
export function findUserForLogin(db: Db, email: string) {
  return db
    .selectFrom('users as u')
    .innerJoin('organizations as o', 'o.id', 'u.organization_id')
    .select(['u.id', 'u.organization_id', 'u.password_hash'])
    .select((eb) => eb.fn.coalesce('u.deactivated_at', 'o.deactivated_at').as('deactivated_at'))
    .where('u.email', '=', email)
    .executeTakeFirst();
}

export async function insertSignIn(
  db: Db,
  signIn: { tokenHash: string; userId: string; at: Date; ip: string; userAgent: string | null; mfaPending?: boolean },
): Promise<void> {
  await db
    .insertInto('sign_ins')
    .values({
      token_hash: signIn.tokenHash,
      user_id: signIn.userId,
      created_at: signIn.at,
      last_seen_at: signIn.at,
      ip: signIn.ip,
      user_agent: signIn.userAgent,
      mfa_pending: signIn.mfaPending ?? false,
    })
    .execute();
}

export interface SignInActorRow {
  last_seen_at: Date;
  created_at: Date;
  id: string;
  organization_id: string;
  name: string;
  email: string;
  roles: Role[];
  time_zone: string;
  organization_name: string;
  organization_time_zone: string;
  mfa_pending: boolean;
  mfa_enrolled: boolean;
  mfa_required: boolean;
}

/**
 * The one query every API request with a sign-in cookie runs, written out once rather than built
 * and compiled per request (the GET /api/me benchmark's floor runs it too).
 */
export const signInActorQuery = (tokenHash: string) => CompiledQuery.raw('SELECT * FROM sign_in_actor($1)', [tokenHash]);

/** The active user behind a sign-in token, with their organization (see the sign_in_actor function). */
export async function findSignInActor(db: Db, tokenHash: string): Promise<SignInActorRow | undefined> {
  const result = await db.executeQuery<SignInActorRow>(signInActorQuery(tokenHash));
  return result.rows[0];
}

export async function touchSignIn(db: Db, tokenHash: string, at: Date): Promise<void> {
  await db.updateTable('sign_ins').set({ last_seen_at: at }).where('token_hash', '=', tokenHash).execute();
}

/** Ends one sign-in; says whose it was. */
export async function deleteSignIn(db: Db, tokenHash: string): Promise<string | undefined> {
  const row = await db.deleteFrom('sign_ins').where('token_hash', '=', tokenHash).returning('user_id').executeTakeFirst();
  return row?.user_id;
}

/** Drops sign-ins that can no longer be used, so the table holds only live ones. */
export async function deleteStaleSignIns(db: Db, seenBefore: Date, createdBefore: Date): Promise<void> {
  await db
    .deleteFrom('sign_ins')
    .where((eb) => eb.or([eb('last_seen_at', '<', seenBefore), eb('created_at', '<', createdBefore)]))
    .execute();
}

export async function deleteSignInsOfUser(db: Db, userId: string): Promise<void> {
  await db.deleteFrom('sign_ins').where('user_id', '=', userId).execute();
}

/** Ends every sign-in of an organization's staff; says whose they were (once each). */
export async function deleteSignInsOfOrganization(db: Db, organizationId: string): Promise<string[]> {
  const rows = await db
    .deleteFrom('sign_ins')
    .where('user_id', 'in', (eb) => eb.selectFrom('users').select('id').where('organization_id', '=', organizationId))
    .returning('user_id')
    .execute();
  return [...new Set(rows.map((row) => row.user_id))];
}

/** Failed sign-ins since `since` for this email and for this address. */
// Advisory lock namespaces (the first key of the two-key form) for sign-in attempts.
const ATTEMPTS_BY_EMAIL = 7101;
const ATTEMPTS_BY_IP = 7102;

async function countRecentFailures(db: Db, email: string, ip: string, since: Date) {
  const row = await db
    .selectFrom('login_failures')
    .select([
      sql<number>`count(*) FILTER (WHERE email = ${email})::int`.as('by_email'),
      sql<number>`count(*) FILTER (WHERE ip = ${ip})::int`.as('by_ip'),
    ])
    .where('at', '>', since)
    .where((eb) => eb.or([eb('email', '=', email), eb('ip', '=', ip)]))
    .executeTakeFirstOrThrow();
  return { byEmail: row.by_email, byIp: row.by_ip };
}

/**
 * Counts a sign-in attempt as a failure until it proves otherwise, unless the account or the
 * address already has `max` in the window: then nothing is written and the answer is null.
 * Attempts for one account (and for one address) take their turn under a transaction-scoped
 * advisory lock, so parallel attempts each see the ones before them. Every caller locks the
 * account before the address, so two attempts never wait on each other in a cycle.
 */
export async function claimAttempt(db: Db, attempt: { email: string; ip: string; at: Date }, since: Date, max: number): Promise<number | null> {
  return db.transaction().execute(async (trx) => {
    await sql`SELECT pg_advisory_xact_lock(${ATTEMPTS_BY_EMAIL}, hashtext(${attempt.email}))`.execute(trx);
    await sql`SELECT pg_advisory_xact_lock(${ATTEMPTS_BY_IP}, hashtext(${attempt.ip}))`.execute(trx);
    const counted = await countRecentFailures(trx, attempt.email, attempt.ip, since);
    if (counted.byEmail >= max || counted.byIp >= max) return null;
    const row = await trx.insertInto('login_failures').values(attempt).returning('id').executeTakeFirstOrThrow();
    return Number(row.id);
  });
}

/** Un-counts an attempt whose password was right. */
export async function forgetAttempt(db: Db, id: number): Promise<void> {
  await db.deleteFrom('login_failures').where('id', '=', id).execute();
}

export async function pruneFailures(db: Db, before: Date): Promise<void> {
  await db.deleteFrom('login_failures').where('at', '<', before).execute();
}

/** A staff member's sign-ins, newest first. */
export function listSignInsOfUser(db: Db, userId: string) {
  return db
    .selectFrom('sign_ins')
    .select(['token_hash', 'created_at', 'last_seen_at', 'ip', 'user_agent'])
    .where('user_id', '=', userId)
    .orderBy('last_seen_at', 'desc')
    .execute();
}

/** Ends every sign-in of a user but one (the one making the request). */
export async function deleteOtherSignIns(db: Db, userId: string, keepTokenHash: string): Promise<number> {
  const rows = await db.deleteFrom('sign_ins').where('user_id', '=', userId).where('token_hash', '<>', keepTokenHash).returning('token_hash').execute();
  return rows.length;
}
