import type { Kysely } from 'kysely';
import { describeHistory, type HistoryActor, type HistoryEntry, type HistoryEvent } from '../../../shared/history';
import type { Database } from '../../db/schema';
import { type Write, writeTogether } from '../../db/writes';
import { sessionParticipantIds } from '../access';
import { recordAudit } from '../audit';

export type { HistoryActor };

/** One event of one session, by whom and when: only the kinds (and data shapes) of shared/history. */
export type SessionHistoryEvent = HistoryEvent & { organizationId: string; sessionId: string; at: Date; actor: HistoryActor };

/**
 * Appends to a session's history, inside the transaction of the change it tells of, and to the
 * organization's audit trail as `session.<type>` naming the patients concerned: every change to a
 * session reaches the Audit page without each writer remembering to. The stored summary (in UTC)
 * is for people reading the table directly; the app describes entries itself. `alongWith` are the
 * change's own rows (a booking's), written in the same statement before the history row: one
 * round trip for all of them.
 */
export async function recordHistory(db: Kysely<Database>, event: SessionHistoryEvent, alongWith: readonly (Write | null)[] = []): Promise<void> {
  await writeTogether(db, [
    ...alongWith,
    (qc) =>
      qc.insertInto('session_history').values({
        organization_id: event.organizationId,
        session_id: event.sessionId,
        at: event.at,
        type: event.type,
        actor_kind: event.actor.kind,
        actor_id: event.actor.id,
        actor_name: event.actor.name,
        summary: describeHistory(event, 'UTC'),
        data: JSON.stringify(event.data),
      }),
  ]);
  await recordAudit(db, {
    organizationId: event.organizationId,
    actorKind: event.actor.kind,
    actorUserId: event.actor.kind === 'user' ? event.actor.id : null,
    actorParticipantId: event.actor.kind === 'participant' ? event.actor.id : null,
    action: `session.${event.type}`,
    entityType: 'session',
    entityId: event.sessionId,
    sessionId: event.sessionId,
    participantIds: await concerned(db, event),
    at: event.at,
  });
}

/**
 * The one participant an event is about (added, removed, messaged, admitted…) or who did it
 * (opened their link, completed a form), else everyone in the session.
 */
async function concerned(db: Kysely<Database>, event: SessionHistoryEvent): Promise<string[]> {
  if (event.type === 'created') return event.data.participants.map((p) => p.id);
  const one = (event.data as { participantId?: unknown }).participantId;
  if (typeof one === 'string') return [one];
  if (event.actor.kind === 'participant' && event.actor.id) return [event.actor.id];
  return sessionParticipantIds(db, event.sessionId);
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
