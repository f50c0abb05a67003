import { type Kysely, sql } from 'kysely';
import type { SessionDocument } from '../../../shared/documents';
import type { DeliveryState, Session, SessionDetails, SessionParticipant, SessionStatus } from '../../../shared/sessions';
import type { Database } from '../../db/schema';

type Db = Kysely<Database>;

/** The sessions_length constraint: no session lasts longer than this. */
const MAX_SESSION_MINUTES = 480;

function sessionsQuery(db: Db, organizationId: string) {
  return db
    .selectFrom('sessions as s')
    .innerJoin('services as sv', 'sv.id', 's.service_id')
    .innerJoin('session_types as st', 'st.id', 's.session_type_id')
    .innerJoin('users as h', 'h.id', 's.host_id')
    .select([
      's.id',
      's.status',
      's.starts_at',
      's.ends_at',
      's.version',
      's.host_id',
      's.service_id',
      's.session_type_id',
      's.created_at',
      's.created_by',
      's.started_at',
      's.ended_at',
      'sv.name as service_name',
      'sv.duration_minutes',
      'st.name as session_type_name',
      'st.modality',
      'h.name as host_name',
      'h.time_zone as host_time_zone',
    ])
    .where('s.organization_id', '=', organizationId);
}

type SessionRow = Awaited<ReturnType<ReturnType<typeof sessionsQuery>['execute']>>[number];
type ParticipantRow = SessionParticipant & { sessionId: string; email: string | null; phone: string | null };

async function participantsOf(db: Db, sessionIds: string[]): Promise<Map<string, ParticipantRow[]>> {
  const bySession = new Map<string, ParticipantRow[]>();
  if (sessionIds.length === 0) return bySession;
  const rows = await db
    .selectFrom('session_participants as sp')
    .innerJoin('participants as p', 'p.id', 'sp.participant_id')
    .select(['sp.session_id', 'p.id', 'p.name', 'p.time_zone', 'p.email', 'p.phone', 'sp.invitation_type'])
    .where('sp.session_id', 'in', sessionIds)
    .orderBy('sp.added_at')
    .orderBy('p.name')
    .execute();
  for (const row of rows) {
    const list = bySession.get(row.session_id) ?? [];
    list.push({
      sessionId: row.session_id,
      id: row.id,
      name: row.name,
      timeZone: row.time_zone,
      invitationType: row.invitation_type,
      email: row.email,
      phone: row.phone,
    });
    bySession.set(row.session_id, list);
  }
  return bySession;
}

type DocumentProgress = Session['documentProgress'];

async function documentProgressOf(db: Db, sessionIds: string[]): Promise<Map<string, DocumentProgress>> {
  if (sessionIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('session_documents')
    .select(['session_id', sql<number>`count(*)::int`.as('total'), sql<number>`(count(*) filter (where status = 'completed'))::int`.as('completed')])
    .where('session_id', 'in', sessionIds)
    .groupBy('session_id')
    .execute();
  return new Map(rows.map((row) => [row.session_id, { total: row.total, completed: row.completed }]));
}

/** Participants and paperwork of a page of sessions: two queries, whatever the page size. */
async function extrasOf(db: Db, sessionIds: string[]) {
  const [participants, progress] = [await participantsOf(db, sessionIds), await documentProgressOf(db, sessionIds)];
  return (id: string) => ({ participants: participants.get(id) ?? [], progress: progress.get(id) ?? { total: 0, completed: 0 } });
}

const toSession = (row: SessionRow, { participants, progress }: { participants: ParticipantRow[]; progress: DocumentProgress }): Session => ({
  id: row.id,
  status: row.status,
  start: row.starts_at.toISOString(),
  end: row.ends_at.toISOString(),
  hostId: row.host_id,
  serviceId: row.service_id,
  sessionTypeId: row.session_type_id,
  participants: participants.map((p) => ({ id: p.id, name: p.name, timeZone: p.timeZone, invitationType: p.invitationType })),
  version: row.version,
  startedAt: row.started_at?.toISOString() ?? null,
  endedAt: row.ended_at?.toISOString() ?? null,
  service: { id: row.service_id, name: row.service_name, durationMinutes: row.duration_minutes },
  sessionType: { id: row.session_type_id, name: row.session_type_name, modality: row.modality },
  host: { id: row.host_id, name: row.host_name, timeZone: row.host_time_zone },
  documentProgress: progress,
});

export interface SessionFilter {
  from?: Date | undefined;
  to?: Date | undefined;
  hostId?: string | undefined;
  statuses?: SessionStatus[] | undefined;
  after?: { start: Date; id: string } | undefined;
  limit: number;
}

/** One page of sessions in start order (then id, so the keyset cursor is exact). */
export async function listSessions(db: Db, organizationId: string, filter: SessionFilter): Promise<Session[]> {
  let query = sessionsQuery(db, organizationId);
  // A session still running at `from` is shown: it ends after `from`. The second bound is
  // implied by the sessions_length constraint and lets the index stop scanning at `from`.
  if (filter.from) {
    query = query
      .where('s.ends_at', '>', filter.from)
      .where('s.starts_at', '>', new Date(filter.from.getTime() - MAX_SESSION_MINUTES * 60_000));
  }
  if (filter.to) query = query.where('s.starts_at', '<', filter.to);
  if (filter.hostId) query = query.where('s.host_id', '=', filter.hostId);
  if (filter.statuses && filter.statuses.length > 0) query = query.where('s.status', 'in', filter.statuses);
  if (filter.after) query = query.where(sql<boolean>`(s.starts_at, s.id) > (${filter.after.start}, ${filter.after.id})`);
  const rows = await query.orderBy('s.starts_at').orderBy('s.id').limit(filter.limit).execute();
  const extras = await extrasOf(db, rows.map((row) => row.id));
  return rows.map((row) => toSession(row, extras(row.id)));
}

export async function findSession(db: Db, organizationId: string, id: string): Promise<Session | undefined> {
  const row = await sessionsQuery(db, organizationId).where('s.id', '=', id).executeTakeFirst();
  if (!row) return undefined;
  return toSession(row, (await extrasOf(db, [id]))(id));
}

export async function documentsOf(db: Db, sessionId: string): Promise<SessionDocument[]> {
  const rows = await db
    .selectFrom('session_documents as d')
    .innerJoin('document_template_versions as t', 't.id', 'd.template_version_id')
    .leftJoin('participants as p', 'p.id', 'd.participant_id')
    .leftJoin('users as h', 'h.id', 'd.host_id')
    .select(['d.id', 'd.template_id', 't.name', 't.audience', 't.kind', 't.version', 'd.participant_id', 'd.host_id', 'p.name as participant_name', 'h.name as host_name', 'd.status', 'd.completed_at'])
    .where('d.session_id', '=', sessionId)
    .orderBy('t.name')
    .orderBy('d.created_at')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    templateId: row.template_id,
    name: row.name,
    audience: row.audience,
    kind: row.kind,
    version: row.version,
    assignee: row.participant_id
      ? { kind: 'participant' as const, id: row.participant_id, name: row.participant_name ?? '' }
      : { kind: 'host' as const, id: row.host_id!, name: row.host_name ?? '' },
    status: row.status,
    completedAt: row.completed_at?.toISOString() ?? null,
  }));
}

/**
 * Where each participant's invitation stands: opened their link, else the outcome of the latest
 * messages sent to them (a failure on one channel shows as failed), else not invited.
 */
async function deliveryStates(db: Db, sessionId: string): Promise<Map<string, DeliveryState>> {
  const [messages, opened] = await Promise.all([
    db
      .selectFrom('outbox_messages')
      .select(['participant_id', 'status', 'created_at'])
      .where('session_id', '=', sessionId)
      .orderBy('created_at', 'desc')
      .execute(),
    db
      .selectFrom('join_tokens')
      .select('participant_id')
      .distinct()
      .where('session_id', '=', sessionId)
      .where('first_used_at', 'is not', null)
      .execute(),
  ]);
  // Messages come newest first: a participant's latest batch is those sharing its created_at.
  const latestBatch = new Map<string, { at: number; statuses: Set<string> }>();
  for (const m of messages) {
    if (!m.participant_id) continue;
    const batch = latestBatch.get(m.participant_id) ?? { at: m.created_at.getTime(), statuses: new Set<string>() };
    if (m.created_at.getTime() === batch.at) batch.statuses.add(m.status);
    latestBatch.set(m.participant_id, batch);
  }
  const states = new Map<string, DeliveryState>();
  for (const [participantId, { statuses }] of latestBatch) {
    states.set(participantId, statuses.has('failed') ? 'failed' : statuses.has('queued') ? 'queued' : 'sent');
  }
  for (const row of opened) states.set(row.participant_id, 'opened');
  return states;
}

export async function findSessionDetails(db: Db, organizationId: string, id: string): Promise<SessionDetails | undefined> {
  const row = await sessionsQuery(db, organizationId)
    .innerJoin('users as c', 'c.id', 's.created_by')
    .select(['c.name as created_by_name', 's.cancel_reason', 's.previous_session_id'])
    .where('s.id', '=', id)
    .executeTakeFirst();
  if (!row) return undefined;
  const participants = (await participantsOf(db, [id])).get(id) ?? [];
  const delivery = await deliveryStates(db, id);
  const documents = await documentsOf(db, id);
  const progress = { total: documents.length, completed: documents.filter((d) => d.status === 'completed').length };
  return {
    ...toSession(row, { participants, progress }),
    participants: participants.map(({ sessionId: _, ...p }) => ({ ...p, delivery: delivery.get(p.id) ?? 'not_invited' })),
    cancelReason: row.cancel_reason,
    previousSessionId: row.previous_session_id,
    documents,
    createdAt: row.created_at.toISOString(),
    createdBy: { id: row.created_by, name: row.created_by_name },
  };
}
