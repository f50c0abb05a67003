import type { Kysely } from 'kysely';
import type { Participant } from '../../../shared/participants';
import { isOver } from '../../../shared/lifecycle';
import type { Clock } from '../../clock';
import { notify } from '../../db/notify';
import type { Database } from '../../db/schema';
import type { Actor } from '../auth';
import { queueContactChangedNotice, queueSessionMessages } from '../messaging';
import { revokeParticipantLinks } from '../portal';
import { recordChange } from './change';

/**
 * What a change of a participant's email or phone means for their sessions still to come, inside
 * the transaction that changed it: each session's history says so; links sent to the old address
 * stop working and their open pages are signed out (live channels close when told the session
 * changed); a new invitation goes to the new address; the old address is told.
 */
export function createContactChangeFollowUp({ clock, organizerEmail }: { clock: Clock; organizerEmail: string }) {
  return async function contactChanged(trx: Kysely<Database>, actor: Actor, before: Participant, after: Participant): Promise<void> {
    const changed = (['email', 'phone'] as const).filter((field) => before[field] !== after[field]);
    if (changed.length === 0) return;
    const now = clock.now();
    const sessions = await trx
      .selectFrom('sessions as s')
      .innerJoin('session_participants as sp', 'sp.session_id', 's.id')
      .selectAll('s')
      .where('s.organization_id', '=', actor.organizationId)
      .where('sp.participant_id', '=', after.id)
      .where('s.ends_at', '>', now)
      .forUpdate()
      .execute();
    const upcoming = sessions.filter((session) => !isOver(session.status));
    await revokeParticipantLinks(
      trx,
      upcoming.map((session) => session.id),
      after.id,
    );
    const options = { organizerEmail, at: now };
    for (const session of upcoming) {
      await recordChange(trx, clock, actor, session, { type: 'participant_contact_changed', data: { participantId: after.id, name: after.name, changed: [...changed] } });
      await queueSessionMessages(trx, session.id, 'invitation', { ...options, participantIds: [after.id] });
      await queueContactChangedNotice(trx, session.id, { participantId: before.id, email: before.email, phone: before.phone, invitationType: before.invitationType }, options);
      await notify(trx, { kind: 'session', sessionId: session.id });
    }
  };
}

export type ContactChangeFollowUp = ReturnType<typeof createContactChangeFollowUp>;
