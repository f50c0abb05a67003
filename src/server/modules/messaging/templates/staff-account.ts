import type { StaffMessageKind } from '../../../../shared/outbox';
import { formatLongDate, formatTime } from '../../../../shared/format';
import { PASSWORD_LINK } from '../password-link';
import { escapeHtml } from './email-html';

export interface StaffMessageInput {
  organizationName: string;
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
  const html = `<!doctype html><html><body style="margin:0;padding:24px;background:#f5f7f8;font-family:system-ui,-apple-system,Segoe UI,Roboto,Arial,sans-serif;color:#1a1a1a">
<div style="max-width:560px;margin:0 auto;background:#fff;border-radius:8px;padding:24px;border:1px solid #e3e6e8">
<p style="margin:0 0 4px;color:#0b7285;font-weight:700">${escapeHtml(input.organizationName)}</p>
<h1 style="font-size:20px;margin:0 0 16px">${escapeHtml(subject)}</h1>
<p>Hello ${escapeHtml(input.recipientName)},</p>
<p>${escapeHtml(lead)}</p>
<p><a href="${PASSWORD_LINK}" style="display:inline-block;background:#0b7285;color:#fff;padding:10px 18px;border-radius:6px;text-decoration:none;font-weight:600">${escapeHtml(template.action)}</a></p>
<p style="font-size:13px;color:#555">${escapeHtml(validity)} ${escapeHtml(template.footnote)}</p>
</div></body></html>`;
  return { subject, text, html };
}
