import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/schema';

type Db = Kysely<Database>;

/** A visit (portal cookie) with what its organization asks and what the participant's record holds. */
export function findVisitForVerification(db: Db, signInHash: string) {
  return db
    .selectFrom('portal_sign_ins as v')
    .innerJoin('organizations as o', 'o.id', 'v.organization_id')
    .innerJoin('participants as p', 'p.id', 'v.participant_id')
    .innerJoin('session_participants as sp', (join) => join.onRef('sp.session_id', '=', 'v.session_id').onRef('sp.participant_id', '=', 'v.participant_id'))
    .select([
      'v.organization_id',
      'v.session_id',
      'v.participant_id',
      'v.expires_at',
      'v.verified_at',
      'o.name as organization_name',
      'o.participant_verification',
      'p.date_of_birth',
      'p.email',
      'p.phone',
      'sp.invitation_type',
    ])
    .where('v.token_hash', '=', signInHash)
    .where('o.deactivated_at', 'is', null)
    .executeTakeFirst();
}

/** Serializes attempts and code requests of one participant of one session (the rate limits count under it). */
export async function lockParticipant(db: Db, sessionId: string, participantId: string): Promise<void> {
  await sql`SELECT 1 FROM session_participants WHERE session_id = ${sessionId} AND participant_id = ${participantId} FOR UPDATE`.execute(db);
}

/** When the failed attempts since `since` were made, oldest first. */
export async function failedAttemptsSince(db: Db, sessionId: string, participantId: string, since: Date): Promise<Date[]> {
  const rows = await db
    .selectFrom('participant_verification_attempts')
    .select('at')
    .where('session_id', '=', sessionId)
    .where('participant_id', '=', participantId)
    .where('succeeded', '=', false)
    .where('at', '>', since)
    .orderBy('at')
    .execute();
  return rows.map((r) => r.at);
}

export async function insertAttempt(db: Db, row: { organizationId: string; sessionId: string; participantId: string; succeeded: boolean; at: Date }): Promise<void> {
  await db
    .insertInto('participant_verification_attempts')
    .values({ organization_id: row.organizationId, session_id: row.sessionId, participant_id: row.participantId, succeeded: row.succeeded, at: row.at })
    .execute();
}

/** When codes were sent since `since`, oldest first. */
export async function codesSentSince(db: Db, sessionId: string, participantId: string, since: Date): Promise<Date[]> {
  const rows = await db
    .selectFrom('participant_verification_codes')
    .select('created_at')
    .where('session_id', '=', sessionId)
    .where('participant_id', '=', participantId)
    .where('created_at', '>', since)
    .orderBy('created_at')
    .execute();
  return rows.map((r) => r.created_at);
}

export async function insertCode(
  db: Db,
  row: { id: string; organizationId: string; sessionId: string; participantId: string; outboxMessageId: string; codeHash: string; at: Date; expiresAt: Date },
): Promise<void> {
  await db
    .insertInto('participant_verification_codes')
    .values({
      id: row.id,
      organization_id: row.organizationId,
      session_id: row.sessionId,
      participant_id: row.participantId,
      outbox_message_id: row.outboxMessageId,
      code_hash: row.codeHash,
      created_at: row.at,
      expires_at: row.expiresAt,
    })
    .execute();
}

/** Codes of this participant that still work at `now`. */
export function liveCodes(db: Db, sessionId: string, participantId: string, now: Date) {
  return db
    .selectFrom('participant_verification_codes')
    .select(['id', 'code_hash'])
    .where('session_id', '=', sessionId)
    .where('participant_id', '=', participantId)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .execute();
}

/** A code works once; once the participant is in, the others sent to them stop working too. */
export async function useCodes(db: Db, sessionId: string, participantId: string, at: Date): Promise<void> {
  await db
    .updateTable('participant_verification_codes')
    .set({ used_at: at })
    .where('session_id', '=', sessionId)
    .where('participant_id', '=', participantId)
    .where('used_at', 'is', null)
    .execute();
}

export async function markVisitVerified(db: Db, signInHash: string, at: Date): Promise<void> {
  await db.updateTable('portal_sign_ins').set({ verified_at: at }).where('token_hash', '=', signInHash).execute();
}
