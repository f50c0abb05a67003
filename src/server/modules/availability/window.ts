import { AVAILABILITY_WINDOW_DAYS as MAX_WINDOW_DAYS } from '../../../shared/availability';
import type { FieldError } from '../../../shared/problem';
import { startOfLocalDay } from '../../../shared/zone';

const DAY = 24 * 60 * 60_000;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

const nextDate = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) + DAY).toISOString().slice(0, 10);

/**
 * A query window from `from`/`to` given as dates (whole days in the host's zone, `to`
 * included) or as instants; at most 62 days. Without `from` it starts `now` (the server's
 * clock, never the browser's); without `to` it spans the longest window. Returns field errors
 * instead of throwing.
 */
export function resolveWindow(
  from: string | undefined,
  to: string | undefined,
  timeZone: string,
  now: number,
): { from: number; to: number } | { errors: FieldError[] } {
  const start = from === undefined ? now : DATE.test(from) ? startOfLocalDay(from, timeZone) : Date.parse(from);
  const end = to === undefined ? start + MAX_WINDOW_DAYS * DAY : DATE.test(to) ? startOfLocalDay(nextDate(to), timeZone) : Date.parse(to);
  const errors: FieldError[] = [];
  if (Number.isNaN(start)) errors.push({ path: 'from', message: 'Use a date (YYYY-MM-DD) or an ISO 8601 instant' });
  if (Number.isNaN(end) && to !== undefined) errors.push({ path: 'to', message: 'Use a date (YYYY-MM-DD) or an ISO 8601 instant' });
  if (errors.length > 0) return { errors };
  if (end <= start) return { errors: [{ path: 'to', message: 'Must be after from' }] };
  // One hour of slack: a window of whole local days may hold a 25-hour day.
  if (end - start > MAX_WINDOW_DAYS * DAY + 60 * 60_000) {
    return { errors: [{ path: 'to', message: `The window can span at most ${MAX_WINDOW_DAYS} days` }] };
  }
  return { from: start, to: end };
}
