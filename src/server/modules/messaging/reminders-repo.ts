import { type Insertable, type Kysely, sql } from 'kysely';
import type { Database, RemindersTable } from '../../db/schema';
import { timeOrderedId } from '../../db/time-ordered-id';
import type { Write } from '../../db/writes';

type Db = Kysely<Database>;

/**
 * Writes reminders (one per session, participant and offset: a second is ignored); the pending
 * ones join `reminder_queue`, where the worker finds them. One statement.
 */
export async function insertReminders(db: Db, rows: Insertable<RemindersTable>[]): Promise<void> {
  if (rows.length === 0) return;
  await db
    .with('added', (qb) => qb.insertInto('reminders').values(rows).onConflict((oc) => oc.doNothing()).returning(['id', 'due_at', 'status']))
    .insertInto('reminder_queue')
    .columns(['reminder_id', 'due_at'])
    .expression((eb) => eb.selectFrom('added').select(['added.id', 'added.due_at']).where('added.status', '=', 'pending'))
    .execute();
}

export interface ReminderPlan {
  organizationId: string;
  sessionId: string;
  participantIds: string[];
  start: Date;
  offsetsMinutes: number[];
  now: Date;
}

/**
 * One reminder per participant and offset (each once). A reminder whose time has already passed
 * when the session is booked (a 24-hour reminder for a session in 2 hours) is skipped, never sent late.
 * Ids are ordered by when the reminder falls due, so the claim's marking of the due ones reads a few
 * primary-key pages, not one per reminder.
 */
function reminderRows(plan: ReminderPlan) {
  return [...new Set(plan.participantIds)].flatMap((participantId) =>
    [...new Set(plan.offsetsMinutes)].map((offset) => {
      const due = new Date(plan.start.getTime() - offset * 60_000);
      return {
        id: timeOrderedId(due),
        organization_id: plan.organizationId,
        session_id: plan.sessionId,
        participant_id: participantId,
        offset_minutes: offset,
        due_at: due,
        status: due > plan.now ? ('pending' as const) : ('skipped' as const),
      };
    }),
  );
}

/** Reminders for participants of an existing session (a second for the same offset is ignored). */
export async function scheduleReminders(db: Db, plan: ReminderPlan): Promise<void> {
  await insertReminders(db, reminderRows(plan));
}

/**
 * A new session's reminders and their queue entries, as two writes of the booking's one statement
 * (db/writes.ts). The ids are made here because one data-modifying WITH sees another's rows only
 * through RETURNING; nothing of a session being created exists yet, so no row can conflict.
 */
export function newSessionReminderWrites(plan: ReminderPlan): [Write | null, Write | null] {
  const rows = reminderRows(plan);
  const queued = rows.filter((row) => row.status === 'pending').map((row) => ({ reminder_id: row.id, due_at: row.due_at }));
  return [
    rows.length > 0 ? (db) => db.insertInto('reminders').values(rows) : null,
    queued.length > 0 ? (db) => db.insertInto('reminder_queue').values(queued) : null,
  ];
}

export interface DueReminder {
  id: string;
  session_id: string;
  participant_id: string;
  offset_minutes: number;
}

/**
 * Takes the due reminders and marks them sent, all in the caller's transaction. Taking is a
 * delete from the queue, found by its `due_at` index and deleted by `ctid` (the rows are locked,
 * so it cannot change): no probe of the queue's primary key, no new index entry. Marking finds the
 * reminders by primary key and is a HOT update (no indexed column changes).
 */
export async function claimDueReminders(db: Db, now: Date, limit: number): Promise<DueReminder[]> {
  // `= ANY(ARRAY(…))` keeps the update on the primary key; joining the taken ids made the
  // planner hash-join against the whole table.
  const result = await sql<DueReminder>`
    WITH taken AS (
      DELETE FROM reminder_queue WHERE ctid = ANY(ARRAY(
        SELECT ctid FROM reminder_queue
        WHERE due_at <= ${now}
        ORDER BY due_at
        LIMIT ${limit}
        FOR UPDATE SKIP LOCKED
      ))
      RETURNING reminder_id
    )
    UPDATE reminders SET status = 'sent', processed_at = ${now}
    WHERE id = ANY(ARRAY(SELECT reminder_id FROM taken))
    RETURNING id, session_id, participant_id, offset_minutes`.execute(db);
  return result.rows;
}

/** Reminders that must not go out (their session was canceled or has already begun). */
export async function markRemindersCanceled(db: Db, ids: string[]): Promise<void> {
  if (ids.length > 0) await db.updateTable('reminders').set({ status: 'canceled' }).where('id', 'in', ids).execute();
}

/**
 * The session's pending reminders leave the queue first (so a claim in progress is waited for,
 * and what it took stays sent), in the order the claim locks: queue, then reminders.
 */
const dequeueSession = (sessionId: string) => sql`
  DELETE FROM reminder_queue q USING reminders r
  WHERE r.id = q.reminder_id AND r.session_id = ${sessionId}
  RETURNING q.reminder_id`;

/** After a reschedule: unsent reminders follow the new time; those now past are skipped. */
export async function moveReminders(db: Db, sessionId: string, start: Date, now: Date): Promise<void> {
  await sql`
    WITH dequeued AS (${dequeueSession(sessionId)}),
    moved AS (
      UPDATE reminders
      SET due_at = ${start}::timestamptz - make_interval(mins => offset_minutes),
          status = CASE WHEN ${start}::timestamptz - make_interval(mins => offset_minutes) > ${now}::timestamptz THEN 'pending' ELSE 'skipped' END
      WHERE session_id = ${sessionId} AND (status = 'skipped' OR id = ANY(ARRAY(SELECT reminder_id FROM dequeued)))
      RETURNING id, due_at, status
    )
    INSERT INTO reminder_queue (reminder_id, due_at) SELECT id, due_at FROM moved WHERE status = 'pending'`.execute(db);
}

export async function cancelReminders(db: Db, sessionId: string): Promise<void> {
  await sql`
    WITH dequeued AS (${dequeueSession(sessionId)})
    UPDATE reminders SET status = 'canceled' WHERE id = ANY(ARRAY(SELECT reminder_id FROM dequeued))`.execute(db);
}
