import type { Kysely } from 'kysely';
import type { MediaState } from '../../../shared/video';
import type { Database, LiveMemberKind } from '../../db/schema';
import type { LiveMember } from './types';

type Db = Kysely<Database>;

export async function addConnection(
  db: Db,
  row: { id: string; instanceId: string; organizationId: string; sessionId: string | null; member: { kind: LiveMemberKind; id: string }; at: Date },
): Promise<void> {
  await db
    .insertInto('live_connections')
    .values({
      id: row.id,
      instance_id: row.instanceId,
      organization_id: row.organizationId,
      session_id: row.sessionId,
      member_kind: row.member.kind,
      member_id: row.member.id,
      connected_at: row.at,
      seen_at: row.at,
    })
    .execute();
}

export async function removeConnection(db: Db, id: string): Promise<void> {
  await db.deleteFrom('live_connections').where('id', '=', id).execute();
}

/** Keeps this instance's connections fresh; a row not refreshed for a while belonged to an instance that died. */
export async function touchConnections(db: Db, instanceId: string, at: Date): Promise<void> {
  await db.updateTable('live_connections').set({ seen_at: at }).where('instance_id', '=', instanceId).execute();
}

/** Removes connections not refreshed since `before` (their instance is gone); returns their sessions. */
export async function sweepConnections(db: Db, before: Date): Promise<string[]> {
  const rows = await db.deleteFrom('live_connections').where('seen_at', '<', before).returning('session_id').execute();
  return [...new Set(rows.flatMap((row) => (row.session_id ? [row.session_id] : [])))];
}

export async function removeInstance(db: Db, instanceId: string): Promise<string[]> {
  const rows = await db.deleteFrom('live_connections').where('instance_id', '=', instanceId).returning('session_id').execute();
  return [...new Set(rows.flatMap((row) => (row.session_id ? [row.session_id] : [])))];
}

/** Who is connected to a session now, on any instance, with their names. */
export async function connectedMembers(db: Db, sessionId: string, freshSince: Date): Promise<LiveMember[]> {
  const rows = await db
    .selectFrom('live_connections as c')
    .leftJoin('users as u', (join) => join.onRef('u.id', '=', 'c.member_id').on('c.member_kind', '=', 'staff'))
    .leftJoin('participants as p', (join) => join.onRef('p.id', '=', 'c.member_id').on('c.member_kind', '=', 'participant'))
    .select(['c.member_kind', 'c.member_id', 'u.name as user_name', 'p.name as participant_name'])
    .distinct()
    .where('c.session_id', '=', sessionId)
    .where('c.seen_at', '>=', freshSince)
    .orderBy('c.member_kind', 'desc')
    .orderBy('c.member_id')
    .execute();
  return rows.map((row) => ({ kind: row.member_kind, id: row.member_id, name: (row.member_kind === 'staff' ? row.user_name : row.participant_name) ?? '' }));
}

/** Puts a connection in the session's call (with what it sends) or takes it out (null). */
export async function setInCall(db: Db, clientId: string, media: MediaState | null, at: Date): Promise<void> {
  await db
    .updateTable('live_connections')
    .set(media ? { in_call_since: at, media: JSON.stringify(media) } : { in_call_since: null })
    .where('id', '=', clientId)
    .execute();
}

export async function setMedia(db: Db, clientId: string, media: MediaState): Promise<void> {
  await db.updateTable('live_connections').set({ media: JSON.stringify(media) }).where('id', '=', clientId).where('in_call_since', 'is not', null).execute();
}

/** Everyone in the session's call now, on any instance, by socket, first in first. */
export async function callMembers(db: Db, sessionId: string, freshSince: Date) {
  const rows = await db
    .selectFrom('live_connections as c')
    .leftJoin('users as u', (join) => join.onRef('u.id', '=', 'c.member_id').on('c.member_kind', '=', 'staff'))
    .leftJoin('participants as p', (join) => join.onRef('p.id', '=', 'c.member_id').on('c.member_kind', '=', 'participant'))
    .select(['c.id', 'c.member_kind', 'c.member_id', 'c.media', 'c.in_call_since', 'u.name as user_name', 'p.name as participant_name'])
    .where('c.session_id', '=', sessionId)
    .where('c.in_call_since', 'is not', null)
    .where('c.seen_at', '>=', freshSince)
    .orderBy('c.in_call_since')
    .execute();
  return rows.map((row) => ({
    clientId: row.id,
    kind: row.member_kind,
    id: row.member_id,
    name: (row.member_kind === 'staff' ? row.user_name : row.participant_name) ?? '',
    media: row.media,
  }));
}

/** Takes someone out of a session's call, on whichever instance their sockets are (removed by staff). */
export async function takeOutOfCall(db: Db, sessionId: string, member: { kind: LiveMemberKind; id: string }): Promise<void> {
  await db
    .updateTable('live_connections')
    .set({ in_call_since: null })
    .where('session_id', '=', sessionId)
    .where('member_kind', '=', member.kind)
    .where('member_id', '=', member.id)
    .execute();
}
