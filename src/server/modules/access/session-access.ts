import type { Kysely, Selectable } from 'kysely';
import type { Database, SessionsTable } from '../../db/schema';
import { conflict, forbidden, notFound } from '../../errors';
import { type Actor, hasRole, type PortalVisitor } from '../auth';

type Db = Kysely<Database>;
export type SessionRow = Selectable<SessionsTable>;

/**
 * What a staff member wants to do with a session:
 * - `read`: see it and everything kept with it (participants, documents, notes, history, chat);
 * - `manage`: change it (edit, reschedule, cancel, participants, documents, reminders, links, notes);
 * - `host`: what only the session's own host does (sign the host's documents).
 */
export type SessionAction = 'read' | 'manage' | 'host';

/** Administrators and dispatchers see every session of their organization; a provider, the ones they host. */
export const seesSession = (actor: Actor, session: { host_id: string }) =>
  session.host_id === actor.id || hasRole(actor, 'admin', 'dispatcher');

function allows(actor: Actor, session: SessionRow, action: SessionAction): boolean {
  switch (action) {
    case 'read':
    case 'manage':
      return seesSession(actor, session);
    case 'host':
      return session.host_id === actor.id;
  }
}

/**
 * The one access policy for a session, used by every module. A session the caller may not see
 * (another organization's, another provider's) is 404 for every read and write, so its existence
 * is never revealed; a session they see but may not act on this way is 403. Returns the row;
 * `lock` takes it FOR UPDATE inside the caller's transaction.
 */
export async function requireSessionAccess(
  db: Db,
  actor: Actor,
  sessionId: string,
  action: SessionAction,
  options: { lock?: boolean } = {},
): Promise<SessionRow> {
  let query = db.selectFrom('sessions').selectAll().where('organization_id', '=', actor.organizationId).where('id', '=', sessionId);
  if (options.lock) query = query.forUpdate();
  const session = await query.executeTakeFirst();
  if (!session || !seesSession(actor, session)) throw notFound('Session');
  if (!allows(actor, session, action)) {
    throw forbidden(action === 'host' ? 'Only the host of this session can do this' : 'You may not change this session');
  }
  return session;
}

/**
 * What a participant wants to do with their session: `read` it, or `take_part` (complete their
 * documents, chat, join the call), which a canceled session no longer allows.
 */
export type ParticipantAction = 'read' | 'take_part';

/**
 * The participant side of the policy: a visitor reaches only the session of their link, and only
 * while they are still one of its participants (removal ends their cookie too).
 */
export async function requireParticipantAccess(db: Db, visitor: PortalVisitor, action: ParticipantAction): Promise<SessionRow> {
  const session = await db
    .selectFrom('sessions as s')
    .innerJoin('session_participants as sp', (join) => join.onRef('sp.session_id', '=', 's.id').on('sp.participant_id', '=', visitor.participantId))
    .selectAll('s')
    .where('s.organization_id', '=', visitor.organizationId)
    .where('s.id', '=', visitor.sessionId)
    .executeTakeFirst();
  if (!session) throw notFound('Session');
  if (action === 'take_part' && session.status === 'canceled') throw conflict('invalid_state', 'This session was canceled');
  return session;
}
