import { ONE_TIME_CODE } from '../one-time-code';
import { escapeHtml } from './email-html';

export interface VerificationCodeInput {
  organizationName: string;
  recipientName: string;
  validMinutes: number;
}

/**
 * The one-time code a participant types on their page to show it is them. The subject (lock
 * screens) names the clinic, not the code; the SMS carries the code and nothing about the session.
 */
export function renderVerificationCodeEmail(input: VerificationCodeInput): { subject: string; text: string; html: string } {
  const subject = `Your code to open your session page at ${input.organizationName}`;
  const lead = 'Type this code on your session page to confirm it is you:';
  const validity = `It works once, for ${input.validMinutes} minutes. Do not share it: the clinic will never ask you for it.`;
  const footnote = 'If you did not just open your session page, someone else may have your link: please tell the clinic.';
  const text = [`Hello ${input.recipientName},`, '', lead, '', ONE_TIME_CODE, '', validity, '', footnote, '', input.organizationName].join('\n');
  const html = `<!doctype html><html><body style="margin:0;padding:24px;background:#f5f7f8;font-family:system-ui,-apple-system,Segoe UI,Roboto,Arial,sans-serif;color:#1a1a1a">
<div style="max-width:560px;margin:0 auto;background:#fff;border-radius:8px;padding:24px;border:1px solid #e3e6e8">
<p style="margin:0 0 4px;color:#0b7285;font-weight:700">${escapeHtml(input.organizationName)}</p>
<p>Hello ${escapeHtml(input.recipientName)},</p>
<p>${escapeHtml(lead)}</p>
<p style="font-size:32px;letter-spacing:8px;font-weight:700;margin:16px 0">${ONE_TIME_CODE}</p>
<p>${escapeHtml(validity)}</p>
<p style="font-size:13px;color:#555">${escapeHtml(footnote)}</p>
</div></body></html>`;
  return { subject, text, html };
}

export const renderVerificationCodeSms = (input: VerificationCodeInput) =>
  `${input.organizationName}: your code is ${ONE_TIME_CODE}. It works once, for ${input.validMinutes} minutes. Do not share it.`;
