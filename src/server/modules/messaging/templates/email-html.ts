import { JOIN_LINK } from '../join-link';

export const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

export interface EmailHtmlParts {
  organizationName: string;
  /** The logo's `<img>` (email-logo.ts), or '' without one. */
  logo: string;
  subject: string;
  recipientName: string;
  lead: string;
  details: [string, string][];
  todo: string | null;
  canceled: boolean;
  calendarLinks: [string, string][];
}

/** The HTML twin of every session email: one calm card, inline styles (mail clients drop <style>), all text escaped. */
export function renderEmailHtml(parts: EmailHtmlParts): string {
  const rows = parts.details
    .map(([label, value]) => `<tr><td style="padding:4px 12px 4px 0;color:#555">${escapeHtml(label)}</td><td style="padding:4px 0"><strong>${escapeHtml(value)}</strong></td></tr>`)
    .join('');
  return `<!doctype html><html><body style="margin:0;padding:24px;background:#f5f7f8;font-family:system-ui,-apple-system,Segoe UI,Roboto,Arial,sans-serif;color:#1a1a1a">
<div style="max-width:560px;margin:0 auto;background:#fff;border-radius:8px;padding:24px;border:1px solid #e3e6e8">
${parts.logo}<p style="margin:0 0 4px;color:#0b7285;font-weight:700">${escapeHtml(parts.organizationName)}</p>
<h1 style="font-size:20px;margin:0 0 16px">${escapeHtml(parts.subject)}</h1>
<p>Hello ${escapeHtml(parts.recipientName)},</p>
<p>${escapeHtml(parts.lead)}</p>
<table style="border-collapse:collapse;margin:16px 0">${rows}</table>
${
  parts.canceled
    ? ''
    : `${parts.todo ? `<p>${escapeHtml(parts.todo)}</p>\n` : ''}<p><a href="${JOIN_LINK}" style="display:inline-block;background:#0b7285;color:#fff;padding:10px 18px;border-radius:6px;text-decoration:none;font-weight:600">Open your session page</a></p>
<p style="font-size:13px;color:#555">This link is private to you: please do not share it.</p>
<p style="font-size:13px;color:#555">Add to your calendar: the attached invite.ics, ${parts.calendarLinks.map(([label, url]) => `<a href="${escapeHtml(url)}">${escapeHtml(label)}</a>`).join(' or ')}.</p>`
}
</div></body></html>`;
}
