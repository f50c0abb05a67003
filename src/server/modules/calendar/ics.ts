import ical, { ICalCalendarMethod, ICalEventStatus } from 'ical-generator';

export interface CalendarEvent {
  sessionId: string;
  /** The session's version: SEQUENCE rises with every change, so calendars take the update. */
  version: number;
  start: string;
  end: string;
  summary: string;
  description: string;
  url?: string;
  canceled: boolean;
  organizer?: { name: string; email: string };
  attendee?: { name: string; email: string };
}

export type CalendarMethod = 'publish' | 'request' | 'cancel';

const METHODS: Record<CalendarMethod, ICalCalendarMethod> = {
  publish: ICalCalendarMethod.PUBLISH,
  request: ICalCalendarMethod.REQUEST,
  cancel: ICalCalendarMethod.CANCEL,
};

// Line breaks and other control characters (C0, DEL, C1) in what we write: a CR/LF would start a
// property of its own (an ATTENDEE added to every invitation).
const LINE_BREAK = /\r\n|\r|\n/g;
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;
// eslint-disable-next-line no-control-regex -- as above
const BREAK_OR_CONTROL = /\r\n|[\u0000-\u001f\u007f-\u009f]/g;

/** TEXT that ical-generator escapes itself (SUMMARY, DESCRIPTION): line breaks kept as \n, other controls dropped. */
const text = (value: string) => value.replace(LINE_BREAK, '\n').replace(CONTROL, '');

/** TEXT escaped here (RFC 5545 3.3.11): ical-generator writes NAME and X-WR-CALNAME as given. */
const escapedText = (value: string) =>
  text(value)
    .replace(/[\\;,]/g, (c) => `\\${c}`)
    .replace(/\n/g, '\\n');

/** A quoted parameter value (CN) may hold neither a DQUOTE nor a control character (RFC 5545 3.1). */
const parameter = (value: string) => value.replace(BREAK_OR_CONTROL, ' ').replaceAll('"', "'");

const person = (who: { name: string; email: string }) => ({ name: parameter(who.name), email: who.email });

/** The UID of a session's event, the same in every file we ever send about it. */
export const eventUid = (sessionId: string) => `session-${sessionId}@carebeam`;

/**
 * A calendar of sessions. Each VEVENT keeps a stable UID so calendar apps update the same entry
 * when the session changes. Times are UTC instants: no VTIMEZONE is needed and every app shows
 * them in its own zone.
 */
export function calendarFile(options: { name: string; method: CalendarMethod; stamp: Date; events: CalendarEvent[] }): string {
  const calendar = ical({ prodId: { company: 'Carebeam', product: 'Carebeam', language: 'EN' }, name: escapedText(options.name), method: METHODS[options.method] });
  for (const event of options.events) {
    calendar.createEvent({
      id: eventUid(event.sessionId),
      sequence: event.version - 1,
      stamp: options.stamp,
      start: new Date(event.start),
      end: new Date(event.end),
      summary: text(event.summary),
      description: text(event.description),
      ...(event.url ? { url: event.url } : {}),
      status: event.canceled || options.method === 'cancel' ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
      ...(event.organizer ? { organizer: person(event.organizer) } : {}),
      ...(event.attendee ? { attendees: [{ ...person(event.attendee), rsvp: false }] } : {}),
    });
  }
  return calendar.toString();
}
