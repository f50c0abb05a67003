import { ONE_TIME_CODE } from '../one-time-code';
import { emailCard, escapeHtml, finePrint } from './email-html';

export interface VerificationCodeInput {
  organizationName: string;
  /** The logo's `<img>` (email-logo.ts), or '' without one. */
  logo: string;
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
  const html = emailCard(
    { organizationName: input.organizationName, logo: input.logo, recipientName: input.recipientName },
    [
      `<p>${escapeHtml(lead)}</p>`,
      `<p style="font-size:32px;letter-spacing:8px;font-weight:700;margin:16px 0">${ONE_TIME_CODE}</p>`,
      `<p>${escapeHtml(validity)}</p>`,
      finePrint(escapeHtml(footnote)),
    ].join('\n'),
  );
  return { subject, text, html };
}

export const renderVerificationCodeSms = (input: VerificationCodeInput) =>
  `${input.organizationName}: your code is ${ONE_TIME_CODE}. It works once, for ${input.validMinutes} minutes. Do not share it.`;
