import type { Kysely } from 'kysely';
import { describeHistory, type HistoryActor, type HistoryEntry, type HistoryEvent } from '../../../shared/history';
import type { Database } from '../../db/schema';

export type { HistoryActor };

/** One event of one session, by whom and when: only the kinds (and data shapes) of shared/history. */
export type SessionHistoryEvent = HistoryEvent & { organizationId: string; sessionId: string; at: Date; actor: HistoryActor };

/**
 * Appends to a session's history, inside the transaction of the change it tells of. The stored
 * summary (in UTC) is for people reading the table directly; the app describes entries itself.
 */
export async function recordHistory(db: Kysely<Database>, event: SessionHistoryEvent): Promise<void> {
  await db
    .insertInto('session_history')
    .values({
      organization_id: event.organizationId,
      session_id: event.sessionId,
      at: event.at,
      type: event.type,
      actor_kind: event.actor.kind,
      actor_id: event.actor.id,
      actor_name: event.actor.name,
      summary: describeHistory(event, 'UTC'),
      data: JSON.stringify(event.data),
    })
    .execute();
}

/** A session's history, oldest first. */
export async function listHistory(db: Kysely<Database>, sessionId: string): Promise<HistoryEntry[]> {
  const rows = await db.selectFrom('session_history').selectAll().where('session_id', '=', sessionId).orderBy('id').execute();
  return rows.map(
    (row) =>
      ({
        id: row.id,
        at: row.at.toISOString(),
        type: row.type,
        actor: { kind: row.actor_kind, id: row.actor_id, name: row.actor_name },
        data: row.data,
      }) as HistoryEntry,
  );
}
