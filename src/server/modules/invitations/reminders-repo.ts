import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/schema';

type Db = Kysely<Database>;

/**
 * One reminder per participant and offset. A reminder whose time has already passed when the
 * session is booked (a 24-hour reminder for a session in 2 hours) is skipped, never sent late.
 */
export async function scheduleReminders(
  db: Db,
  plan: { organizationId: string; sessionId: string; participantIds: string[]; start: Date; offsetsMinutes: number[]; now: Date },
): Promise<void> {
  const rows = plan.participantIds.flatMap((participantId) =>
    plan.offsetsMinutes.map((offset) => {
      const due = new Date(plan.start.getTime() - offset * 60_000);
      return {
        organization_id: plan.organizationId,
        session_id: plan.sessionId,
        participant_id: participantId,
        offset_minutes: offset,
        due_at: due,
        status: due > plan.now ? ('pending' as const) : ('skipped' as const),
      };
    }),
  );
  if (rows.length > 0) await db.insertInto('reminders').values(rows).onConflict((oc) => oc.doNothing()).execute();
}

export interface DueReminder {
  id: string;
  session_id: string;
  participant_id: string;
  offset_minutes: number;
}

/** Takes the due reminders and marks them sent, all in the caller's transaction. */
export async function claimDueReminders(db: Db, now: Date, limit: number): Promise<DueReminder[]> {
  const result = await sql<DueReminder>`
    WITH due AS (
      SELECT id FROM reminders
      WHERE status = 'pending' AND due_at <= ${now}
      ORDER BY due_at
      LIMIT ${limit}
      FOR UPDATE SKIP LOCKED
    )
    UPDATE reminders r SET status = 'sent', processed_at = ${now}
    FROM due WHERE r.id = due.id
    RETURNING r.id, r.session_id, r.participant_id, r.offset_minutes`.execute(db);
  return result.rows;
}
