import { maskEmail, maskPhone } from '../../shared/contact-mask';
import type { InvitationType, Participant } from '../../shared/participants';
import { needsEmail, needsPhone } from '../../shared/participants';

export { maskEmail, maskPhone };

/** How an invitation of `type` reaches `participant`, e.g. "by email to a•••@example.test". */
export function invitationRoute(participant: Pick<Participant, 'email' | 'phone'>, type: InvitationType): string {
  const routes = [
    ...(needsEmail(type) ? [`by email to ${participant.email ? maskEmail(participant.email) : 'no address on file'}`] : []),
    ...(needsPhone(type) ? [`by SMS to ${participant.phone ? maskPhone(participant.phone) : 'no number on file'}`] : []),
  ];
  return routes.length > 0 ? routes.join(' and ') : 'with no message: copy their private link to pass it on';
}
