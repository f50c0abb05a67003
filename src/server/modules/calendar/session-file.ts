import { calendarFile } from './ics';

export interface OneSession {
  id: string;
  version: number;
  start: string;
  end: string;
  status: string;
  serviceName: string;
  hostName: string;
  sessionTypeName: string;
}

/**
 * One session as a calendar file (Add to calendar), for staff or a participant: `url` is the page
 * it opens. No participant is named: calendar apps sync to servers outside the clinic.
 */
export function sessionCalendarFile(input: { organizationName: string; session: OneSession; url: string; stamp: Date }): { filename: string; body: string } {
  const { session, organizationName, url } = input;
  const body = calendarFile({
    name: organizationName,
    method: 'publish',
    stamp: input.stamp,
    events: [
      {
        sessionId: session.id,
        version: session.version,
        start: session.start,
        end: session.end,
        summary: `${session.serviceName} with ${session.hostName}`,
        description: `${session.sessionTypeName} · ${organizationName}\n${url}`,
        url,
        canceled: session.status === 'canceled',
      },
    ],
  });
  return { filename: `carebeam-session-${session.start.slice(0, 10)}.ics`, body };
}
