import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';

/**
 * Who takes part in a session, in the order they were added. Here rather than in the sessions
 * module so the history and audit writers, which the sessions module depends on, can name them.
 */
export async function sessionParticipantIds(db: Kysely<Database>, sessionId: string): Promise<string[]> {
  const rows = await db.selectFrom('session_participants').select('participant_id').where('session_id', '=', sessionId).orderBy('added_at').execute();
  return rows.map((row) => row.participant_id);
}
