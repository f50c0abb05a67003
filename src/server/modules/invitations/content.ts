import { googleCalendarUrl, outlookCalendarUrl } from '../../../shared/calendar-links';
import { formatSessionTime } from '../../../shared/format';
import type { MessageKind } from '../../db/schema';
import { calendarFile } from '../calendar/ics';
import type { MessageContext } from './context';

/**
 * Stands for the participant's private join link in stored messages. The outbox worker mints a
 * fresh token and puts the link in only when it sends, so no usable link is ever stored.
 */
// URL-safe on purpose: it also sits inside the query of calendar links until it is replaced.
export const JOIN_LINK = '__JOIN_LINK__';

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
  attachments: { filename: string; contentType: string; content: string }[];
}

interface Recipient {
  name: string;
  timeZone: string;
  email: string | null;
  pendingDocuments: string[];
}

/** What to fill in before the session, where there is still a session to prepare for. */
function paperwork(kind: MessageKind, recipient: Recipient): string | null {
  const names = recipient.pendingDocuments;
  if (kind === 'cancellation' || names.length === 0) return null;
  return `Before your session, please complete on your session page: ${names.join(', ')}.`;
}

const HOW_TO_JOIN = {
  video: 'Join by video from your session page (link below), a few minutes before the start.',
  phone: 'Your provider will call you at the time of the session.',
  in_person: 'Please come to the clinic a few minutes before the start.',
} as const;

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

function headline(kind: MessageKind, context: MessageContext, when: string, reason?: string): { subject: string; lead: string } {
  const { session, organizationName } = context;
  const what = `${session.serviceName} with ${session.hostName}`;
  switch (kind) {
    case 'invitation':
      return { subject: `Your ${what}: ${when}`, lead: `${organizationName} has scheduled a ${session.sessionTypeName.toLowerCase()} for you.` };
    case 'update':
      return { subject: `Updated: your ${what}, now ${when}`, lead: `${organizationName} has changed your session. Here are the new details.` };
    case 'cancellation':
      return {
        subject: `Canceled: your ${what} on ${when}`,
        lead: `${organizationName} has canceled this session.${reason ? ` Reason: ${reason}` : ''} Please contact the clinic if you need a new time.`,
      };
    case 'reminder':
      return { subject: `Reminder: your ${what}, ${when}`, lead: `This is a reminder of your upcoming session with ${organizationName}.` };
  }
}

/** An email about a session for one participant, every time in their own zone. */
export function renderEmail(
  kind: MessageKind,
  context: MessageContext,
  recipient: Recipient,
  options: { organizerEmail: string; stamp: Date; reason?: string },
): RenderedEmail {
  const { session } = context;
  const when = formatSessionTime(session.start, session.end, recipient.timeZone);
  const { subject, lead } = headline(kind, context, when, options.reason);
  const canceled = kind === 'cancellation';
  const todo = paperwork(kind, recipient);
  const details: [string, string][] = [
    ['Service', session.serviceName],
    ['With', session.hostName],
    ['Type', session.sessionTypeName],
    ['When', when],
    ...(canceled ? [] : ([['How to join', HOW_TO_JOIN[session.modality]]] as [string, string][])),
  ];
  const calendarEvent = {
    title: `${session.serviceName} with ${session.hostName}`,
    start: session.start,
    end: session.end,
    // The private link stays out of calendar entries: they end up on Google's or Microsoft's servers.
    details: `${context.organizationName} · ${session.sessionTypeName}\nJoin from the link in your invitation message.`,
  };
  const calendarLinks = canceled
    ? []
    : [
        ['Google Calendar', googleCalendarUrl(calendarEvent)],
        ['Outlook', outlookCalendarUrl(calendarEvent)],
      ];

  const text = [
    `Hello ${recipient.name},`,
    '',
    lead,
    '',
    ...details.map(([label, value]) => `${label}: ${value}`),
    '',
    ...(canceled
      ? []
      : [
          ...(todo ? [todo, ''] : []),
          `Open your session page: ${JOIN_LINK}`,
          'This link is private to you: please do not share it.',
          '',
          'Add it to your calendar with the attached invite.ics.',
          '',
        ]),
    context.organizationName,
  ].join('\n');

  const rows = details
    .map(([label, value]) => `<tr><td style="padding:4px 12px 4px 0;color:#555">${escapeHtml(label)}</td><td style="padding:4px 0"><strong>${escapeHtml(value)}</strong></td></tr>`)
    .join('');
  const html = `<!doctype html><html><body style="margin:0;padding:24px;background:#f5f7f8;font-family:system-ui,-apple-system,Segoe UI,Roboto,Arial,sans-serif;color:#1a1a1a">
<div style="max-width:560px;margin:0 auto;background:#fff;border-radius:8px;padding:24px;border:1px solid #e3e6e8">
<p style="margin:0 0 4px;color:#0b7285;font-weight:700">${escapeHtml(context.organizationName)}</p>
<h1 style="font-size:20px;margin:0 0 16px">${escapeHtml(subject)}</h1>
<p>Hello ${escapeHtml(recipient.name)},</p>
<p>${escapeHtml(lead)}</p>
<table style="border-collapse:collapse;margin:16px 0">${rows}</table>
${
  canceled
    ? ''
    : `${todo ? `<p>${escapeHtml(todo)}</p>\n` : ''}<p><a href="${JOIN_LINK}" style="display:inline-block;background:#0b7285;color:#fff;padding:10px 18px;border-radius:6px;text-decoration:none;font-weight:600">Open your session page</a></p>
<p style="font-size:13px;color:#555">This link is private to you: please do not share it.</p>
<p style="font-size:13px;color:#555">Add to your calendar: the attached invite.ics, ${calendarLinks.map(([label, url]) => `<a href="${escapeHtml(url!)}">${escapeHtml(label!)}</a>`).join(' or ')}.</p>`
}
</div></body></html>`;

  const invite = calendarFile({
    name: context.organizationName,
    method: canceled ? 'cancel' : 'request',
    stamp: options.stamp,
    events: [
      {
        sessionId: session.id,
        version: session.version,
        start: session.start,
        end: session.end,
        summary: calendarEvent.title,
        description: canceled ? `${context.organizationName}: canceled` : calendarEvent.details,
        canceled,
        organizer: { name: context.organizationName, email: options.organizerEmail },
        ...(recipient.email ? { attendee: { name: recipient.name, email: recipient.email } } : {}),
      },
    ],
  });
  const method = canceled ? 'CANCEL' : 'REQUEST';
  return { subject, text, html, attachments: [{ filename: 'invite.ics', contentType: `text/calendar; charset=utf-8; method=${method}`, content: invite }] };
}

/** A short SMS, the time in the recipient's zone, the link where there is somewhere to go. */
export function renderSms(kind: MessageKind, context: MessageContext, recipient: Recipient, reason?: string): string {
  const { session } = context;
  const when = formatSessionTime(session.start, session.end, recipient.timeZone);
  const what = `${session.serviceName} with ${session.hostName}`;
  // SMS is short: a count, not the names; the link stays last, where phones find it cleanly.
  const count = recipient.pendingDocuments.length;
  const forms = count === 0 ? '' : ` Please complete ${count === 1 ? '1 form' : `${count} forms`} on your session page before it.`;
  switch (kind) {
    case 'invitation':
      return `${context.organizationName}: ${what}, ${when}.${forms} Your session page: ${JOIN_LINK}`;
    case 'update':
      return `${context.organizationName}: your ${what} has changed, now ${when}.${forms} ${JOIN_LINK}`;
    case 'cancellation':
      return `${context.organizationName}: your ${what} on ${when} was canceled.${reason ? ` ${reason}` : ''}`;
    case 'reminder':
      return `${context.organizationName} reminder: ${what}, ${when}.${forms} ${JOIN_LINK}`;
  }
}
