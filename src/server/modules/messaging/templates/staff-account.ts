import type { StaffMessageKind } from '../../../../shared/outbox';
import { formatLongDate, formatTime } from '../../../../shared/format';
import { PASSWORD_LINK } from '../password-link';
import { actionButton, emailCard, escapeHtml, finePrint } from './email-html';

export interface StaffMessageInput {
  organizationName: string;
  /** The logo's `<img>` (email-logo.ts), or '' without one. */
  logo: string;
  recipientName: string;
  /** When the link stops working; shown in the recipient's zone. */
  expiresAt: Date;
  timeZone: string;
}

interface StaffTemplate {
  /** Shows on lock screens: the clinic's name and what it is about, nothing more. */
  subject(input: StaffMessageInput): string;
  lead(input: StaffMessageInput): string;
  action: string;
  /** Why they may ignore it. */
  footnote: string;
}

const TEMPLATES: Record<StaffMessageKind, StaffTemplate> = {
  staff_invitation: {
    subject: ({ organizationName }) => `Your Carebeam account at ${organizationName}`,
    lead: ({ organizationName }) => `${organizationName} added you to Carebeam, where the clinic schedules and runs its sessions. Choose your password to sign in.`,
    action: 'Choose your password',
    footnote: 'If you did not expect this, you can ignore this email.',
  },
  password_reset: {
    subject: ({ organizationName }) => `Reset your Carebeam password at ${organizationName}`,
    lead: () => 'Someone (we hope you) asked to reset the password of your Carebeam account. Choose a new one with the link below; signing in with it ends your other sign-ins.',
    action: 'Choose a new password',
    footnote: 'If you did not ask for this, ignore this email: your password stays as it is.',
  },
};

/** An email about a staff member's own account, with the single-use password link. */
export function renderStaffEmail(kind: StaffMessageKind, input: StaffMessageInput): { subject: string; text: string; html: string } {
  const template = TEMPLATES[kind];
  const subject = template.subject(input);
  const lead = template.lead(input);
  const until = `${formatLongDate(input.expiresAt, input.timeZone)}, ${formatTime(input.expiresAt, input.timeZone)}`;
  const validity = `The link works once, until ${until}.`;
  const text = [`Hello ${input.recipientName},`, '', lead, '', `${template.action}: ${PASSWORD_LINK}`, validity, '', template.footnote, '', input.organizationName].join('\n');
  const html = emailCard(
    { organizationName: input.organizationName, logo: input.logo, subject, recipientName: input.recipientName },
    [`<p>${escapeHtml(lead)}</p>`, actionButton(PASSWORD_LINK, template.action), finePrint(`${escapeHtml(validity)} ${escapeHtml(template.footnote)}`)].join('\n'),
  );
  return { subject, text, html };
}
