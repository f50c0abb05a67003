import { type Kysely, sql } from 'kysely';
import type { Database, InvitationType, SessionStatus } from '../../db/schema';
import { type Write, writeTogether } from '../../db/writes';

type Db = Kysely<Database>;

export interface NewSession {
  id: string;
  organizationId: string;
  serviceId: string;
  sessionTypeId: string;
  hostId: string;
  createdBy: string;
  start: Date;
  end: Date;
  at: Date;
  previousSessionId: string | null;
}

/** The session's row (the database refuses it if the host has another at that time). */
export const sessionWrite =
  (row: NewSession): Write =>
  (db) =>
    db.insertInto('sessions').values({
      id: row.id,
      organization_id: row.organizationId,
      service_id: row.serviceId,
      session_type_id: row.sessionTypeId,
      host_id: row.hostId,
      created_by: row.createdBy,
      starts_at: row.start,
      ends_at: row.end,
      created_at: row.at,
      updated_at: row.at,
      previous_session_id: row.previousSessionId,
    });

export async function insertSession(db: Db, row: NewSession): Promise<void> {
  await writeTogether(db, [sessionWrite(row)]);
}

export const sessionParticipantsWrite =
  (organizationId: string, sessionId: string, entries: { participantId: string; invitationType: InvitationType }[], at: Date): Write =>
  (db) =>
    db.insertInto('session_participants').values(
      entries.map((entry) => ({
        organization_id: organizationId,
        session_id: sessionId,
        participant_id: entry.participantId,
        invitation_type: entry.invitationType,
        added_at: at,
      })),
    );

export async function insertSessionParticipants(
  db: Db,
  organizationId: string,
  sessionId: string,
  entries: { participantId: string; invitationType: InvitationType }[],
  at: Date,
): Promise<void> {
  await writeTogether(db, [sessionParticipantsWrite(organizationId, sessionId, entries, at)]);
}

/** Claims an idempotency key; when it was already used, returns the earlier claim instead. */
export async function claimIdempotencyKey(
  db: Db,
  claim: { userId: string; key: string; requestHash: string; sessionId: string; at: Date },
): Promise<{ requestHash: string; sessionId: string } | null> {
  const inserted = await db
    .insertInto('idempotency_keys')
    .values({ user_id: claim.userId, key: claim.key, request_hash: claim.requestHash, session_id: claim.sessionId, created_at: claim.at })
    .onConflict((oc) => oc.columns(['user_id', 'key']).doNothing())
    .returning('key')
    .executeTakeFirst();
  if (inserted) return null;
  const earlier = await db
    .selectFrom('idempotency_keys')
    .select(['request_hash', 'session_id'])
    .where('user_id', '=', claim.userId)
    .where('key', '=', claim.key)
    .executeTakeFirstOrThrow();
  return { requestHash: earlier.request_hash, sessionId: earlier.session_id };
}

export { sessionParticipantIds } from '../access';

/** Who takes part in a session and how they were invited, in the order they were added. */
export function sessionParticipants(db: Db, sessionId: string) {
  return db.selectFrom('session_participants').select(['participant_id', 'invitation_type']).where('session_id', '=', sessionId).orderBy('added_at').execute();
}

/** Removes a participant; their join links, open visits and reminders go with them (foreign keys cascade). */
export async function removeSessionParticipant(db: Db, sessionId: string, participantId: string): Promise<void> {
  await db.deleteFrom('session_participants').where('session_id', '=', sessionId).where('participant_id', '=', participantId).execute();
}

/** A new host, service or session type (and so end): the database re-checks the host's overlaps. */
export async function setPlacement(db: Db, id: string, placement: { hostId: string; serviceId: string; sessionTypeId: string; end: Date }): Promise<void> {
  await db
    .updateTable('sessions')
    .set({ host_id: placement.hostId, service_id: placement.serviceId, session_type_id: placement.sessionTypeId, ends_at: placement.end })
    .where('id', '=', id)
    .execute();
}

/** Moves the session; the version goes up so stale editors and calendars notice. */
export async function moveSession(db: Db, id: string, start: Date, end: Date, at: Date): Promise<void> {
  await db
    .updateTable('sessions')
    .set((eb) => ({ starts_at: start, ends_at: end, version: eb('version', '+', 1), updated_at: at }))
    .where('id', '=', id)
    .execute();
}

export async function markCanceled(db: Db, id: string, reason: string, at: Date): Promise<void> {
  await db
    .updateTable('sessions')
    .set((eb) => ({ status: 'canceled', canceled_at: at, cancel_reason: reason, version: eb('version', '+', 1), updated_at: at }))
    .where('id', '=', id)
    .execute();
}

/** Every change raises the version once: stale editors get 409, calendars take the update. */
export async function bumpVersion(db: Db, id: string, at: Date): Promise<void> {
  await db.updateTable('sessions').set((eb) => ({ version: eb('version', '+', 1), updated_at: at })).where('id', '=', id).execute();
}

export async function joinWindowMinutes(db: Db, organizationId: string): Promise<number> {
  const row = await db.selectFrom('organizations').select('join_window_minutes').where('id', '=', organizationId).executeTakeFirstOrThrow();
  return row.join_window_minutes;
}

/** A move along the lifecycle; the version goes up so open editors notice. */
export async function setStatus(db: Db, id: string, status: SessionStatus, at: Date, times: { startedAt?: Date; endedAt?: Date }): Promise<void> {
  await db
    .updateTable('sessions')
    .set((eb) => ({
      status,
      ...(times.startedAt ? { started_at: times.startedAt } : {}),
      ...(times.endedAt ? { ended_at: times.endedAt } : {}),
      version: eb('version', '+', 1),
      updated_at: at,
    }))
    .where('id', '=', id)
    .execute();
}

/** Completes the sessions in progress whose end is longer ago than their organization allows; returns them. */
export async function completeOverdue(db: Db, now: Date) {
  return db
    .updateTable('sessions as s')
    .from('organizations as o')
    .set((eb) => ({ status: 'completed', ended_at: now, version: eb('s.version', '+', 1), updated_at: now }))
    .whereRef('o.id', '=', 's.organization_id')
    .where('s.status', '=', 'in_progress')
    .where(sql<boolean>`s.ends_at + make_interval(mins => o.auto_complete_minutes) <= ${now}`)
    .returning(['s.id', 's.organization_id'])
    .execute();
}
