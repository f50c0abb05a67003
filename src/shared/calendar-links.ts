/**
 * "Add to calendar" links for Google Calendar and Outlook on the web, used by the invitation
 * emails and the participant portal. Pure: no DOM, no clock, no local zone; times go out in UTC.
 */

export interface CalendarEvent {
  title: string;
  /** ISO 8601 instant, e.g. `2026-03-03T15:00:00Z`. */
  start: string;
  end: string;
  /** Plain text; newlines are kept. */
  details: string;
  location?: string;
}

function instant(iso: string): Date {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) throw new RangeError(`Not an ISO instant: ${iso}`);
  return date;
}

/** `2026-03-03T15:00:00Z`: ISO in UTC to the second (Outlook's documented format). */
const isoUtc = (iso: string) => instant(iso).toISOString().replace(/\.\d{3}Z$/, 'Z');

/** `20260303T150000Z`: ISO basic format in UTC, as Google's `dates` wants it. */
const basicUtc = (iso: string) => isoUtc(iso).replace(/[-:]/g, '');

/**
 * URLSearchParams does the encoding; its `+` for a space then becomes `%20`, because Outlook
 * on the web shows `+` literally in the subject and body (a literal `+` is already `%2B`).
 */
const query = (params: Record<string, string | undefined>) => {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined && value !== '') search.set(key, value);
  return search.toString().replaceAll('+', '%20');
};

export function googleCalendarUrl(event: CalendarEvent): string {
  return `https://calendar.google.com/calendar/render?${query({
    action: 'TEMPLATE',
    text: event.title,
    dates: `${basicUtc(event.start)}/${basicUtc(event.end)}`,
    details: event.details,
    location: event.location,
  })}`;
}

export function outlookCalendarUrl(event: CalendarEvent): string {
  return `https://outlook.live.com/calendar/0/deeplink/compose?${query({
    path: '/calendar/action/compose',
    rru: 'addevent',
    subject: event.title,
    startdt: isoUtc(event.start),
    enddt: isoUtc(event.end),
    body: event.details,
    location: event.location,
  })}`;
}
