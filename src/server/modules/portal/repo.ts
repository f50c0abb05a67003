import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';

type Db = Kysely<Database>;

/** The join link's participant and session, if the link is still good and its organization active. */
export function findJoinToken(db: Db, tokenHash: string) {
  return db
    .selectFrom('join_tokens as j')
    .innerJoin('sessions as s', 's.id', 'j.session_id')
    .innerJoin('organizations as o', 'o.id', 'j.organization_id')
    .select(['j.organization_id', 'j.session_id', 'j.participant_id', 'j.expires_at', 'j.first_used_at', 's.status'])
    .where('j.token_hash', '=', tokenHash)
    .where('o.deactivated_at', 'is', null)
    .executeTakeFirst();
}

export async function markJoinTokenUsed(db: Db, tokenHash: string, at: Date): Promise<void> {
  await db.updateTable('join_tokens').set({ first_used_at: at }).where('token_hash', '=', tokenHash).where('first_used_at', 'is', null).execute();
}

/** Whether this participant had opened any link to this session before. */
export async function hasOpenedBefore(db: Db, sessionId: string, participantId: string): Promise<boolean> {
  const row = await db
    .selectFrom('join_tokens')
    .select('token_hash')
    .where('session_id', '=', sessionId)
    .where('participant_id', '=', participantId)
    .where('first_used_at', 'is not', null)
    .executeTakeFirst();
  return row !== undefined;
}

export async function insertPortalSignIn(
  db: Db,
  row: { tokenHash: string; organizationId: string; sessionId: string; participantId: string; at: Date; expiresAt: Date },
): Promise<void> {
  await db
    .insertInto('portal_sign_ins')
    .values({
      token_hash: row.tokenHash,
      organization_id: row.organizationId,
      session_id: row.sessionId,
      participant_id: row.participantId,
      created_at: row.at,
      expires_at: row.expiresAt,
    })
    .execute();
}

/** The participant behind a portal cookie, while their organization is active. */
export function findPortalSignIn(db: Db, tokenHash: string) {
  return db
    .selectFrom('portal_sign_ins as p')
    .innerJoin('organizations as o', 'o.id', 'p.organization_id')
    .select(['p.organization_id', 'p.session_id', 'p.participant_id', 'p.expires_at', 'p.verified_at', 'o.participant_verification'])
    .where('p.token_hash', '=', tokenHash)
    .where('o.deactivated_at', 'is', null)
    .executeTakeFirst();
}

/** What the participant's page shows: their session and themselves, no one else's details. */
export function findPortalView(db: Db, sessionId: string, participantId: string) {
  return db
    .selectFrom('sessions as s')
    .innerJoin('organizations as o', 'o.id', 's.organization_id')
    .innerJoin('services as sv', 'sv.id', 's.service_id')
    .innerJoin('session_types as st', 'st.id', 's.session_type_id')
    .innerJoin('users as h', 'h.id', 's.host_id')
    .innerJoin('session_participants as sp', (join) => join.onRef('sp.session_id', '=', 's.id').on('sp.participant_id', '=', participantId))
    .innerJoin('participants as p', 'p.id', 'sp.participant_id')
    .leftJoin('files as logo', 'logo.id', 'o.logo_file_id')
    .select([
      's.id',
      's.starts_at',
      's.ends_at',
      's.status',
      's.version',
      's.started_at',
      's.ended_at',
      'o.join_window_minutes',
      'o.auto_complete_minutes',
      'sv.name as service_name',
      'sv.duration_minutes',
      'st.name as session_type_name',
      'st.modality',
      'h.name as host_name',
      'h.time_zone as host_time_zone',
      'o.name as organization_name',
      'logo.sha256 as logo_sha256',
      'o.logo_width',
      'o.logo_height',
      'p.id as participant_id',
      'p.name as participant_name',
      'p.time_zone as participant_time_zone',
    ])
    .where('s.id', '=', sessionId)
    .executeTakeFirst();
}

export async function isParticipantOf(db: Db, sessionId: string, participantId: string): Promise<boolean> {
  const row = await db.selectFrom('session_participants').select('participant_id').where('session_id', '=', sessionId).where('participant_id', '=', participantId).executeTakeFirst();
  return row !== undefined;
}
