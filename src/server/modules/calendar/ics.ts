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

/** The UID of a session's event, the same in every file we ever send about it. */
export const eventUid = (sessionId: string) => `session-${sessionId}@carebeam`;

/**
 * A calendar of sessions. Each VEVENT keeps a stable UID so calendar apps update the same entry
 * when the session changes. Times are UTC instants: no VTIMEZONE is needed and every app shows
 * them in its own zone.
 */
export function calendarFile(options: { name: string; method: CalendarMethod; stamp: Date; events: CalendarEvent[] }): string {
  const calendar = ical({ prodId: { company: 'Carebeam', product: 'Carebeam', language: 'EN' }, name: options.name, method: METHODS[options.method] });
  for (const event of options.events) {
    calendar.createEvent({
      id: eventUid(event.sessionId),
      sequence: event.version - 1,
      stamp: options.stamp,
      start: new Date(event.start),
      end: new Date(event.end),
      summary: event.summary,
      description: event.description,
      ...(event.url ? { url: event.url } : {}),
      status: event.canceled || options.method === 'cancel' ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
      ...(event.organizer ? { organizer: event.organizer } : {}),
      ...(event.attendee ? { attendees: [{ ...event.attendee, rsvp: false }] } : {}),
    });
  }
  return calendar.toString();
}
