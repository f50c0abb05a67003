import { type InvitationType, needsEmail, needsPhone } from './participants';

/** "ada@example.test" → "a•••@example.test": enough to recognise, not to read out on a shared screen. */
export const maskEmail = (email: string) => {
  const at = email.indexOf('@');
  return at > 0 ? `${email[0]}•••${email.slice(at)}` : '•••';
};

/** "+12125550100" → "+1 ••• 0100": the country code and the last four digits. */
export const maskPhone = (phone: string) => `${phone.slice(0, 2)} ••• ${phone.slice(-4)}`;

export interface CodeDestination {
  channel: 'email' | 'sms';
  recipient: string;
}

/** Where a participant's one-time code goes: the channel their invitation used, else whichever address the record has. */
export function codeDestination(p: { invitationType: InvitationType; email: string | null; phone: string | null }): CodeDestination | null {
  if (needsEmail(p.invitationType) && p.email) return { channel: 'email', recipient: p.email };
  if (needsPhone(p.invitationType) && p.phone) return { channel: 'sms', recipient: p.phone };
  if (p.email) return { channel: 'email', recipient: p.email };
  if (p.phone) return { channel: 'sms', recipient: p.phone };
  return null;
}

/** "by email to a•••@example.test": what a person holding the link may be told. */
export const describeDestination = (d: CodeDestination) => (d.channel === 'email' ? `by email to ${maskEmail(d.recipient)}` : `by SMS to ${maskPhone(d.recipient)}`);
