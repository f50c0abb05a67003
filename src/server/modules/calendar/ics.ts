import ical, { ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
import type { Session } from '../../../shared/sessions';

export interface CalendarEntry {
  session: Session;
  organizationName: string;
  /** Where the person opens the session (their staff page or private join link). */
  url: string;
  method: 'publish' | 'request' | 'cancel';
  stamp: Date;
}

/**
 * One VEVENT per session with a stable UID, so calendar apps update the same entry when the
 * session changes; SEQUENCE follows the session's version. Times are UTC instants, so no
 * VTIMEZONE is needed and every app shows them in its own zone.
 */
export function sessionCalendar(entry: CalendarEntry): string {
  const { session } = entry;
  const calendar = ical({
    prodId: { company: 'Carebeam', product: 'Carebeam', language: 'EN' },
    name: entry.organizationName,
    method: { publish: ICalCalendarMethod.PUBLISH, request: ICalCalendarMethod.REQUEST, cancel: ICalCalendarMethod.CANCEL }[entry.method],
  });
  calendar.createEvent({
    id: `session-${session.id}@carebeam`,
    sequence: session.version - 1,
    stamp: entry.stamp,
    start: new Date(session.start),
    end: new Date(session.end),
    summary: `${session.service.name} with ${session.host.name}`,
    description: `${session.sessionType.name} · ${entry.organizationName}\n${entry.url}`,
    url: entry.url,
    status: entry.method === 'cancel' || session.status === 'canceled' ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
  });
  return calendar.toString();
}
