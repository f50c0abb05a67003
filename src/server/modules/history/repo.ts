import type { Kysely } from 'kysely';
import type { HistoryEntry } from '../../../shared/session-management';
import type { ActorKind, Database } from '../../db/schema';

export interface HistoryActor {
  kind: ActorKind;
  id: string | null;
  name: string;
}

export interface HistoryEvent {
  organizationId: string;
  sessionId: string;
  at: Date;
  type: string;
  actor: HistoryActor;
  summary: string;
  data?: Record<string, unknown>;
}

/** Appends to a session's history, inside the transaction of the change it tells of. */
export async function recordHistory(db: Kysely<Database>, event: HistoryEvent): Promise<void> {
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
      summary: event.summary,
      data: JSON.stringify(event.data ?? {}),
    })
    .execute();
}

/** A session's history, oldest first. */
export async function listHistory(db: Kysely<Database>, sessionId: string): Promise<HistoryEntry[]> {
  const rows = await db.selectFrom('session_history').selectAll().where('session_id', '=', sessionId).orderBy('id').execute();
  return rows.map((row) => ({
    id: row.id,
    at: row.at.toISOString(),
    type: row.type,
    actor: { kind: row.actor_kind, id: row.actor_id, name: row.actor_name },
    summary: row.summary,
    data: row.data,
  }));
}
