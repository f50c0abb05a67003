import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/schema';

type Db = Kysely<Database>;

export function findUserForLogin(db: Db, email: string) {
  return db
    .selectFrom('users')
    .select(['id', 'organization_id', 'password_hash', 'deactivated_at'])
    .where('email', '=', email)
    .executeTakeFirst();
}

export async function insertSession(
  db: Db,
  session: { tokenHash: string; userId: string; at: Date; ip: string; userAgent: string | null },
): Promise<void> {
  await db
    .insertInto('auth_sessions')
    .values({
      token_hash: session.tokenHash,
      user_id: session.userId,
      created_at: session.at,
      last_seen_at: session.at,
      ip: session.ip,
      user_agent: session.userAgent,
    })
    .execute();
}

/** The signed-in user behind a session that is still fresh, with their organization: one query. */
export function findActiveSession(db: Db, tokenHash: string, seenAfter: Date, createdAfter: Date) {
  return db
    .selectFrom('auth_sessions as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .innerJoin('organizations as o', 'o.id', 'u.organization_id')
    .select([
      's.last_seen_at',
      'u.id',
      'u.organization_id',
      'u.name',
      'u.email',
      'u.roles',
      'u.time_zone',
      'o.name as organization_name',
      'o.time_zone as organization_time_zone',
    ])
    .where('s.token_hash', '=', tokenHash)
    .where('s.last_seen_at', '>', seenAfter)
    .where('s.created_at', '>', createdAfter)
    .where('u.deactivated_at', 'is', null)
    .executeTakeFirst();
}

export async function touchSession(db: Db, tokenHash: string, at: Date): Promise<void> {
  await db.updateTable('auth_sessions').set({ last_seen_at: at }).where('token_hash', '=', tokenHash).execute();
}

export async function deleteSession(db: Db, tokenHash: string): Promise<void> {
  await db.deleteFrom('auth_sessions').where('token_hash', '=', tokenHash).execute();
}

export async function deleteSessionsOfUser(db: Db, userId: string): Promise<void> {
  await db.deleteFrom('auth_sessions').where('user_id', '=', userId).execute();
}

/** Failed sign-ins since `since` for this email and for this address. */
export async function countRecentFailures(db: Db, email: string, ip: string, since: Date) {
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

export async function recordFailure(db: Db, failure: { email: string; ip: string; at: Date }): Promise<void> {
  await db.insertInto('login_failures').values(failure).execute();
}

export async function pruneFailures(db: Db, before: Date): Promise<void> {
  await db.deleteFrom('login_failures').where('at', '<', before).execute();
}
