import { googleCalendarUrl, outlookCalendarUrl } from '../../../../shared/calendar-links';
import { formatSessionTime } from '../../../../shared/format';
import type { MessageKind } from '../../../../shared/history';
import { calendarFile } from '../../calendar';
import type { MessageContext } from '../context';
import { logoImgTag } from '../email-logo';
import { JOIN_LINK } from '../join-link';
import { cancellation } from './cancellation';
import { contactChanged } from './contact-changed';
import { renderEmailHtml } from './email-html';
import { invitation } from './invitation';
import { newMessage } from './new-message';
import { reminder } from './reminder';
import type { MessageTemplate, TemplateInput } from './template';
import { update } from './update';

const TEMPLATES: Record<MessageKind, MessageTemplate> = { invitation, update, cancellation, reminder, new_message: newMessage, contact_changed: contactChanged };

/** Whether a message of this kind carries the participant's join link (a session that is off, or a link revoked: no). */
export const carriesJoinLink = (kind: MessageKind) => !TEMPLATES[kind].canceled;

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
  attachments: { filename: string; contentType: string; content: string }[];
}

export interface Recipient {
  name: string;
  timeZone: string;
  email: string | null;
  pendingDocuments: string[];
}

const HOW_TO_JOIN = {
  video: 'Join by video from your session page (link below), a few minutes before the start.',
  phone: 'Your provider will call you at the time of the session.',
  in_person: 'Please come to the clinic a few minutes before the start.',
} as const;

function inputFor(context: MessageContext, recipient: Recipient, reason: string | undefined): TemplateInput {
  const { session } = context;
  // SMS is short: a count, not the names.
  const count = recipient.pendingDocuments.length;
  return {
    organizationName: context.organizationName,
    what: `${session.serviceName} with ${session.hostName}`,
    sessionTypeName: session.sessionTypeName,
    when: formatSessionTime(session.start, session.end, recipient.timeZone),
    reason,
    forms: count === 0 ? '' : ` Please complete ${count === 1 ? '1 form' : `${count} forms`} on your session page before it.`,
  };
}

/** What to fill in before the session, where there is still a session to prepare for. */
function paperwork(template: MessageTemplate, recipient: Recipient): string | null {
  const names = recipient.pendingDocuments;
  if (template.canceled || names.length === 0) return null;
  return `Before your session, please complete on your session page: ${names.join(', ')}.`;
}

/** An email about a session for one participant, every time in their own zone. */
export function renderEmail(
  kind: MessageKind,
  context: MessageContext,
  recipient: Recipient,
  options: { organizerEmail: string; stamp: Date; reason?: string },
): RenderedEmail {
  const template = TEMPLATES[kind];
  const { session } = context;
  const input = inputFor(context, recipient, options.reason);
  const subject = template.subject(input);
  const lead = template.lead(input);
  const { canceled } = template;
  const todo = paperwork(template, recipient);
  const details: [string, string][] = [
    ['Service', session.serviceName],
    ['With', session.hostName],
    ['Type', session.sessionTypeName],
    ['When', input.when],
    ...(canceled ? [] : ([['How to join', HOW_TO_JOIN[session.modality]]] as [string, string][])),
  ];
  const calendarEvent = {
    title: input.what,
    start: session.start,
    end: session.end,
    // The private link stays out of calendar entries: they end up on Google's or Microsoft's servers.
    details: `${context.organizationName} · ${session.sessionTypeName}\nJoin from the link in your invitation message.`,
  };
  const calendarLinks: [string, string][] = canceled
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

  const logo = logoImgTag(context.organizationLogo, context.organizationName);
  const html = renderEmailHtml({ organizationName: context.organizationName, logo, subject, recipientName: recipient.name, lead, details, todo, canceled, calendarLinks });

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
  return TEMPLATES[kind].sms(inputFor(context, recipient, reason));
}
