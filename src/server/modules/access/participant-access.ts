import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { forbidden, notFound } from '../../errors';
import { type Actor, hasRole } from '../auth';

/**
 * The participant record rule: who may change a directory entry (its name and, above all, its
 * contact details, where the next join link goes). Every staff member reads the organization's
 * directory, but a provider changes only the participants of sessions they host: otherwise one
 * provider could redirect another's patient to an address of their choosing. Administrators and
 * dispatchers change any; a participant in no session, only they. Another organization's id is 404.
 */
export async function requireParticipantRecordAccess(db: Kysely<Database>, actor: Actor, participantId: string): Promise<void> {
  const participant = await db
    .selectFrom('participants')
    .select('id')
    .where('organization_id', '=', actor.organizationId)
    .where('id', '=', participantId)
    .executeTakeFirst();
  if (!participant) throw notFound('Participant');
  if (hasRole(actor, 'admin', 'dispatcher')) return;
  const hosted = await db
    .selectFrom('session_participants as sp')
    .innerJoin('sessions as s', 's.id', 'sp.session_id')
    .select('s.id')
    .where('sp.organization_id', '=', actor.organizationId)
    .where('sp.participant_id', '=', participantId)
    .where('s.host_id', '=', actor.id)
    .limit(1)
    .executeTakeFirst();
  if (!hosted) throw forbidden('Only administrators, dispatchers and the hosts of their sessions may change this participant');
}
