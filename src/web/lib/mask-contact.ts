import type { InvitationType, Participant } from '../../shared/participants';
import { needsEmail, needsPhone } from '../../shared/participants';

/** "ada@example.test" → "a•••@example.test": enough to recognise, not to read out on a shared screen. */
export const maskEmail = (email: string) => {
  const at = email.indexOf('@');
  return at > 0 ? `${email[0]}•••${email.slice(at)}` : '•••';
};

/** "+12125550100" → "+1 ••• 0100": the country code and the last four digits. */
export const maskPhone = (phone: string) => `${phone.slice(0, 2)} ••• ${phone.slice(-4)}`;

/** How an invitation of `type` reaches `participant`, e.g. "by email to a•••@example.test". */
export function invitationRoute(participant: Pick<Participant, 'email' | 'phone'>, type: InvitationType): string {
  const routes = [
    ...(needsEmail(type) ? [`by email to ${participant.email ? maskEmail(participant.email) : 'no address on file'}`] : []),
    ...(needsPhone(type) ? [`by SMS to ${participant.phone ? maskPhone(participant.phone) : 'no number on file'}`] : []),
  ];
  return routes.length > 0 ? routes.join(' and ') : 'with no message: copy their private link to pass it on';
}
