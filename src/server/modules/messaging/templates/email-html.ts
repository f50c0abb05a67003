import { JOIN_LINK } from '../join-link';

export const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

export interface EmailCardHead {
  organizationName: string;
  /** The logo's `<img>` (email-logo.ts), or '' without one. */
  logo: string;
  /** The card's heading, when it has one. */
  subject?: string;
  recipientName: string;
}

/**
 * Every Carebeam email's HTML: one calm card headed by the organization's logo and name, inline
 * styles (mail clients drop <style>). `body` is HTML the caller has escaped.
 */
export function emailCard(head: EmailCardHead, body: string): string {
  return `<!doctype html><html><body style="margin:0;padding:24px;background:#f5f7f8;font-family:system-ui,-apple-system,Segoe UI,Roboto,Arial,sans-serif;color:#1a1a1a">
<div style="max-width:560px;margin:0 auto;background:#fff;border-radius:8px;padding:24px;border:1px solid #e3e6e8">
${head.logo}<p style="margin:0 0 4px;color:#0b7285;font-weight:700">${escapeHtml(head.organizationName)}</p>
${head.subject ? `<h1 style="font-size:20px;margin:0 0 16px">${escapeHtml(head.subject)}</h1>\n` : ''}<p>Hello ${escapeHtml(head.recipientName)},</p>
${body}
</div></body></html>`;
}

/** The card's one call to action. */
export const actionButton = (href: string, label: string) =>
  `<p><a href="${href}" style="display:inline-block;background:#0b7285;color:#fff;padding:10px 18px;border-radius:6px;text-decoration:none;font-weight:600">${escapeHtml(label)}</a></p>`;

/** Small print under the action; `html` is escaped by the caller. */
export const finePrint = (html: string) => `<p style="font-size:13px;color:#555">${html}</p>`;

export interface EmailHtmlParts extends EmailCardHead {
  subject: string;
  lead: string;
  details: [string, string][];
  todo: string | null;
  canceled: boolean;
  calendarLinks: [string, string][];
}

/** The HTML twin of every session email, all text escaped. */
export function renderEmailHtml(parts: EmailHtmlParts): string {
  const rows = parts.details
    .map(([label, value]) => `<tr><td style="padding:4px 12px 4px 0;color:#555">${escapeHtml(label)}</td><td style="padding:4px 0"><strong>${escapeHtml(value)}</strong></td></tr>`)
    .join('');
  const calendarLinks = parts.calendarLinks.map(([label, url]) => `<a href="${escapeHtml(url)}">${escapeHtml(label)}</a>`).join(' or ');
  const join = parts.canceled
    ? ''
    : [
        ...(parts.todo ? [`<p>${escapeHtml(parts.todo)}</p>`] : []),
        actionButton(JOIN_LINK, 'Open your session page'),
        finePrint('This link is private to you: please do not share it.'),
        finePrint(`Add to your calendar: the attached invite.ics, ${calendarLinks}.`),
      ].join('\n');
  return emailCard(parts, `<p>${escapeHtml(parts.lead)}</p>\n<table style="border-collapse:collapse;margin:16px 0">${rows}</table>\n${join}`);
}
