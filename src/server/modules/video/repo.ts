import type { Kysely } from 'kysely';
import type { AdmissionState, Signal, Waiting } from '../../../shared/video';
import type { Database } from '../../db/schema';

type Db = Kysely<Database>;

export async function admissionOf(db: Db, sessionId: string, participantId: string): Promise<AdmissionState | null> {
  const row = await db.selectFrom('video_admissions').select('state').where('session_id', '=', sessionId).where('participant_id', '=', participantId).executeTakeFirst();
  return row?.state ?? null;
}

export async function setAdmission(db: Db, sessionId: string, participantId: string, state: AdmissionState, at: Date): Promise<void> {
  await db
    .insertInto('video_admissions')
    .values({ session_id: sessionId, participant_id: participantId, state, since: at })
    .onConflict((oc) => oc.columns(['session_id', 'participant_id']).doUpdateSet({ state, since: at }))
    .execute();
}

/** Participants waiting at the door who are on their page now (a closed page waits no more). */
export async function waitingList(db: Db, sessionId: string, freshSince: Date): Promise<Waiting[]> {
  const rows = await db
    .selectFrom('video_admissions as a')
    .innerJoin('participants as p', 'p.id', 'a.participant_id')
    .select(['a.participant_id', 'p.name', 'a.since'])
    .where('a.session_id', '=', sessionId)
    .where('a.state', '=', 'waiting')
    .where(({ exists, selectFrom }) =>
      exists(
        selectFrom('live_connections as c')
          .select('c.id')
          .where('c.session_id', '=', sessionId)
          .where('c.member_kind', '=', 'participant')
          .whereRef('c.member_id', '=', 'a.participant_id')
          .where('c.seen_at', '>=', freshSince),
      ),
    )
    .orderBy('a.since')
    .execute();
  return rows.map((row) => ({ participantId: row.participant_id, name: row.name, since: row.since.toISOString() }));
}

/** Lets in everyone waiting (or one of them); returns who was let in. */
export async function admitWaiting(db: Db, sessionId: string, at: Date, participantId?: string): Promise<{ participantId: string; name: string }[]> {
  let query = db
    .updateTable('video_admissions as a')
    .from('participants as p')
    .set({ state: 'admitted', since: at })
    .whereRef('p.id', '=', 'a.participant_id')
    .where('a.session_id', '=', sessionId)
    .where('a.state', '=', 'waiting');
  if (participantId) query = query.where('a.participant_id', '=', participantId);
  const rows = await query.returning(['a.participant_id', 'p.name']).execute();
  return rows.map((row) => ({ participantId: row.participant_id, name: row.name }));
}

export async function insertSignal(db: Db, signal: { sessionId: string; from: string; to: string; signal: Signal; at: Date }): Promise<number> {
  const row = await db
    .insertInto('video_signals')
    .values({ session_id: signal.sessionId, from_client: signal.from, to_client: signal.to, signal: JSON.stringify(signal.signal), created_at: signal.at })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export function findSignal(db: Db, id: number) {
  return db.selectFrom('video_signals').select(['from_client', 'to_client', 'signal']).where('id', '=', id).executeTakeFirst();
}

/** Signals are only useful while they are in flight: a socket leaving the call takes its own with it. */
export async function dropSignalsOf(db: Db, clientId: string): Promise<void> {
  await db.deleteFrom('video_signals').where((eb) => eb.or([eb('from_client', '=', clientId), eb('to_client', '=', clientId)])).execute();
}

export async function dropSessionSignals(db: Db, sessionId: string): Promise<void> {
  await db.deleteFrom('video_signals').where('session_id', '=', sessionId).execute();
}

/** What the call needs to know of its session. */
export function callFacts(db: Db, sessionId: string) {
  return db
    .selectFrom('sessions as s')
    .innerJoin('session_types as st', 'st.id', 's.session_type_id')
    .innerJoin('organizations as o', 'o.id', 's.organization_id')
    .select(['s.id', 's.organization_id', 's.host_id', 's.status', 's.starts_at', 's.ends_at', 's.ended_at', 'st.modality', 'o.join_window_minutes', 'o.auto_complete_minutes'])
    .where('s.id', '=', sessionId)
    .executeTakeFirstOrThrow();
}

/** The session's call history (joins and leaves), oldest first, for the attendance. */
export function callHistory(db: Db, sessionId: string) {
  return db
    .selectFrom('session_history')
    .select(['type', 'at', 'actor_kind', 'actor_id', 'actor_name'])
    .where('session_id', '=', sessionId)
    .where('type', 'in', ['video_joined', 'video_left'])
    .orderBy('id')
    .execute();
}

