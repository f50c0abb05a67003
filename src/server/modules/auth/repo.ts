import { type Kysely, sql } from 'kysely';
import type { Role } from '../../../shared/roles';
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

export interface SessionActorRow {
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
}

/** The active user behind a session token, with their organization (see the session_actor function). */
export async function findSessionActor(db: Db, tokenHash: string): Promise<SessionActorRow | undefined> {
  const result = await sql<SessionActorRow>`SELECT * FROM session_actor(${tokenHash})`.execute(db);
  return result.rows[0];
}

export async function touchSession(db: Db, tokenHash: string, at: Date): Promise<void> {
  await db.updateTable('auth_sessions').set({ last_seen_at: at }).where('token_hash', '=', tokenHash).execute();
}

export async function deleteSession(db: Db, tokenHash: string): Promise<void> {
  await db.deleteFrom('auth_sessions').where('token_hash', '=', tokenHash).execute();
}

/** Drops sessions that can no longer be used, so the table holds only live ones. */
export async function deleteStaleSessions(db: Db, seenBefore: Date, createdBefore: Date): Promise<void> {
  await db
    .deleteFrom('auth_sessions')
    .where((eb) => eb.or([eb('last_seen_at', '<', seenBefore), eb('created_at', '<', createdBefore)]))
    .execute();
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
