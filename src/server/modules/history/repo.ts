import type { Kysely } from 'kysely';
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
