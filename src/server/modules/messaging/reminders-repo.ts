import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/schema';
import { type Write, writeTogether } from '../../db/writes';

type Db = Kysely<Database>;

/**
 * One reminder per participant and offset. A reminder whose time has already passed when the
 * session is booked (a 24-hour reminder for a session in 2 hours) is skipped, never sent late.
 */
export interface ReminderPlan {
  organizationId: string;
  sessionId: string;
  participantIds: string[];
  start: Date;
  offsetsMinutes: number[];
  now: Date;
}

/** The plan's reminder rows (none twice); null when it has none. */
export function remindersWrite(plan: ReminderPlan): Write | null {
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
  if (rows.length === 0) return null;
  return (db) => db.insertInto('reminders').values(rows).onConflict((oc) => oc.doNothing());
}

export async function scheduleReminders(db: Db, plan: ReminderPlan): Promise<void> {
  await writeTogether(db, [remindersWrite(plan)]);
}

export interface DueReminder {
  id: string;
  session_id: string;
  participant_id: string;
  offset_minutes: number;
}

/** Takes the due reminders and marks them sent, all in the caller's transaction. */
export async function claimDueReminders(db: Db, now: Date, limit: number): Promise<DueReminder[]> {
  // `= ANY(ARRAY(…))` keeps the update on the primary key; joining a CTE of ids made the
  // planner hash-join against the whole table.
  const result = await sql<DueReminder>`
    UPDATE reminders SET status = 'sent', processed_at = ${now}
    WHERE id = ANY(ARRAY(
      SELECT id FROM reminders
      WHERE status = 'pending' AND due_at <= ${now}
      ORDER BY due_at
      LIMIT ${limit}
      FOR UPDATE SKIP LOCKED
    ))
    RETURNING id, session_id, participant_id, offset_minutes`.execute(db);
  return result.rows;
}

/** Reminders that must not go out (their session was canceled or has already begun). */
export async function markRemindersCanceled(db: Db, ids: string[]): Promise<void> {
  if (ids.length > 0) await db.updateTable('reminders').set({ status: 'canceled' }).where('id', 'in', ids).execute();
}

/** After a reschedule: unsent reminders follow the new time; those now past are skipped. */
export async function moveReminders(db: Db, sessionId: string, start: Date, now: Date): Promise<void> {
  await sql`
    UPDATE reminders
    SET due_at = ${start}::timestamptz - make_interval(mins => offset_minutes),
        status = CASE WHEN ${start}::timestamptz - make_interval(mins => offset_minutes) > ${now}::timestamptz THEN 'pending' ELSE 'skipped' END
    WHERE session_id = ${sessionId} AND status IN ('pending', 'skipped')`.execute(db);
}

export async function cancelReminders(db: Db, sessionId: string): Promise<void> {
  await db.updateTable('reminders').set({ status: 'canceled' }).where('session_id', '=', sessionId).where('status', '=', 'pending').execute();
}
