import { type Kysely, sql } from 'kysely';
import type { Database, InvitationType } from '../../db/schema';
import type { DocumentAssignment } from './booking-rules';

/**
 * The host's non-canceled sessions overlapping [from, to), as epoch-ms intervals sorted by
 * start: exactly the rows the no-overlap constraint compares a new booking against. Epoch
 * numbers come straight from SQL (date_part is float8, exact for whole milliseconds): building
 * a Date for every row costs more than the query itself on PGlite.
 */
export function busyIntervalsQuery(db: Kysely<Database>, hostId: string, from: Date, to: Date) {
  return db
    .selectFrom('sessions')
    .select([
      sql<number>`date_part('epoch', starts_at) * 1000`.as('start'),
      sql<number>`date_part('epoch', ends_at) * 1000`.as('end'),
    ])
    .where('host_id', '=', hostId)
    .where('status', '<>', 'canceled')
    .where(sql<boolean>`tstzrange(starts_at, ends_at) && tstzrange(${from}, ${to})`)
    .orderBy('starts_at');
}

export const busyIntervals = (db: Kysely<Database>, hostId: string, from: Date, to: Date) =>
  busyIntervalsQuery(db, hostId, from, to).execute();

type Db = Kysely<Database>;

export async function insertSession(
  db: Db,
  row: {
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
  },
): Promise<void> {
  await db
    .insertInto('sessions')
    .values({
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
    })
    .execute();
}

export async function insertSessionParticipants(
  db: Db,
  organizationId: string,
  sessionId: string,
  entries: { participantId: string; invitationType: InvitationType }[],
  at: Date,
): Promise<void> {
  await db
    .insertInto('session_participants')
    .values(
      entries.map((entry) => ({
        organization_id: organizationId,
        session_id: sessionId,
        participant_id: entry.participantId,
        invitation_type: entry.invitationType,
        added_at: at,
      })),
    )
    .execute();
}

export async function insertSessionDocuments(
  db: Db,
  organizationId: string,
  sessionId: string,
  assignments: DocumentAssignment[],
  at: Date,
): Promise<void> {
  if (assignments.length === 0) return;
  await db
    .insertInto('session_documents')
    .values(
      assignments.map((a) => ({
        organization_id: organizationId,
        session_id: sessionId,
        template_id: a.templateId,
        template_version_id: a.versionId,
        participant_id: a.participantId,
        host_id: a.hostId,
        created_at: at,
      })),
    )
    .execute();
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

/** Who hosts a session of this organization (for access checks), or undefined. */
export function findSessionHost(db: Db, organizationId: string, id: string) {
  return db.selectFrom('sessions').select('host_id').where('organization_id', '=', organizationId).where('id', '=', id).executeTakeFirst();
}

/** The session row, locked for a change, as the actor may change it. */
export function lockSession(db: Db, organizationId: string, id: string) {
  return db
    .selectFrom('sessions')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}

/** Distinct templates assigned to the session, in the versions it was given, with their audience. */
export async function assignedTemplates(db: Db, sessionId: string) {
  return db
    .selectFrom('session_documents as d')
    .innerJoin('document_template_versions as v', 'v.id', 'd.template_version_id')
    .select(['v.template_id as id', 'v.name', 'v.audience', 'd.template_version_id as versionId'])
    .select((eb) => eb.fn.count<number>('d.id').filterWhere('d.status', '=', 'completed').as('completed'))
    .where('d.session_id', '=', sessionId)
    .groupBy(['v.template_id', 'v.name', 'v.audience', 'd.template_version_id'])
    .execute();
}

export async function sessionParticipantIds(db: Db, sessionId: string): Promise<string[]> {
  const rows = await db.selectFrom('session_participants').select('participant_id').where('session_id', '=', sessionId).orderBy('added_at').execute();
  return rows.map((row) => row.participant_id);
}

/** Queued messages about a session that must no longer go out. */
export async function dropQueuedMessages(db: Db, sessionId: string, reason: string, participantId?: string): Promise<void> {
  let query = db
    .updateTable('outbox_messages')
    .set({ status: 'failed', last_error: reason, claimed_until: null })
    .where('session_id', '=', sessionId)
    .where('status', '=', 'queued');
  if (participantId) query = query.where('participant_id', '=', participantId);
  await query.execute();
}
