import { type Kysely, sql } from 'kysely';
import type { AuditFilter, AuditItem } from '../../../shared/audit';
import type { Database } from '../../db/schema';

type Db = Kysely<Database>;

/** Where the next page starts: the last row of the previous one. */
export interface AuditCursor {
  id: number;
}

/** The event a cursor names, in this organization; null if there is none (a forged or foreign cursor). */
export async function findCursor(db: Db, organizationId: string, id: number): Promise<AuditCursor | null> {
  const row = await db.selectFrom('audit_events').select('id').where('organization_id', '=', organizationId).where('id', '=', id).executeTakeFirst();
  return row ? { id: row.id } : null;
}

/**
 * One page of an organization's events, newest first (at, then id: events written in one
 * instant keep a stable order). The keyset compares with the cursor row's own stored `at`, so no
 * precision is lost by carrying it through the client.
 */
export async function listEvents(db: Db, organizationId: string, filter: AuditFilter, after: AuditCursor | null, limit: number): Promise<AuditItem[]> {
  let query = db
    .selectFrom('audit_events as e')
    .select(['e.id', 'e.at', 'e.actor_kind', 'e.actor_user_id', 'e.actor_participant_id', 'e.action', 'e.outcome', 'e.entity_type', 'e.entity_id', 'e.participant_ids', 'e.session_id'])
    .where('e.organization_id', '=', organizationId);
  if (filter.userId) query = query.where('e.actor_user_id', '=', filter.userId);
  // `@>` is what the GIN index on participant_ids answers.
  if (filter.participantId) query = query.where(sql<boolean>`e.participant_ids @> ARRAY[${filter.participantId}]::uuid[]`);
  if (filter.sessionId) query = query.where('e.session_id', '=', filter.sessionId);
  if (filter.action) query = query.where('e.action', '=', filter.action);
  if (filter.from) query = query.where('e.at', '>=', new Date(filter.from));
  if (filter.to) query = query.where('e.at', '<', new Date(filter.to));
  if (after) query = query.where(sql<boolean>`(e.at, e.id) < (SELECT c.at, c.id FROM audit_events c WHERE c.id = ${after.id})`);
  const rows = await query.orderBy('e.at', 'desc').orderBy('e.id', 'desc').limit(limit).execute();
  return withNames(db, organizationId, rows);
}

type EventRow = {
  id: number;
  at: Date;
  actor_kind: AuditItem['actor']['kind'];
  actor_user_id: string | null;
  actor_participant_id: string | null;
  action: string;
  outcome: AuditItem['outcome'];
  entity_type: string;
  entity_id: string | null;
  participant_ids: string[];
  session_id: string | null;
};

const unique = (ids: (string | null)[]) => [...new Set(ids.filter((id): id is string => id !== null))];

/** Names of the people and titles of the sessions a page mentions: three queries, whatever its length. */
async function withNames(db: Db, organizationId: string, rows: EventRow[]): Promise<AuditItem[]> {
  const userIds = unique(rows.flatMap((r) => [r.actor_user_id, r.entity_type === 'user' ? r.entity_id : null]));
  const participantIds = unique(rows.flatMap((r) => [r.actor_participant_id, ...r.participant_ids]));
  const sessionIds = unique(rows.map((r) => r.session_id));
  const [users, participants, sessions] = await Promise.all([
    userIds.length === 0 ? [] : db.selectFrom('users').select(['id', 'name']).where('organization_id', '=', organizationId).where('id', 'in', userIds).execute(),
    participantIds.length === 0 ? [] : db.selectFrom('participants').select(['id', 'name']).where('organization_id', '=', organizationId).where('id', 'in', participantIds).execute(),
    sessionIds.length === 0
      ? []
      : db
          .selectFrom('sessions')
          .innerJoin('services', 'services.id', 'sessions.service_id')
          .select(['sessions.id', 'services.name as title', 'sessions.starts_at'])
          .where('sessions.organization_id', '=', organizationId)
          .where('sessions.id', 'in', sessionIds)
          .execute(),
  ]);
  const userName = new Map(users.map((u) => [u.id, u.name]));
  const participantName = new Map(participants.map((p) => [p.id, p.name]));
  const session = new Map(sessions.map((s) => [s.id, { id: s.id, title: s.title, start: s.starts_at.toISOString() }]));
  return rows.map((r) => {
    const [actorId, names] = r.actor_kind === 'user' ? [r.actor_user_id, userName] : r.actor_kind === 'participant' ? [r.actor_participant_id, participantName] : [null, userName];
    return {
      id: String(r.id),
      at: r.at.toISOString(),
      actor: { kind: r.actor_kind, id: actorId, name: actorId ? (names.get(actorId) ?? null) : null },
      action: r.action,
      outcome: r.outcome,
      entity: { type: r.entity_type, id: r.entity_id, name: r.entity_type === 'user' && r.entity_id ? (userName.get(r.entity_id) ?? null) : null },
      participantIds: r.participant_ids,
      participants: r.participant_ids.map((id) => ({ id, name: participantName.get(id) ?? 'Unknown participant' })),
      sessionId: r.session_id,
      session: r.session_id ? (session.get(r.session_id) ?? null) : null,
    };
  });
}
