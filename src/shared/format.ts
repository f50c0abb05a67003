import { localDateOf } from './zone';

const cache = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${timeZone}|${JSON.stringify(options)}`;
  let f = cache.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, ...options });
    cache.set(key, f);
  }
  return f;
}

const cityOf = (timeZone: string) => timeZone.split('/').at(-1)!.replaceAll('_', ' ');

/**
 * The zone as a person reads it at that instant: "EST", or "Berlin (GMT+1)" where the locale has
 * no abbreviation. Every time we show carries one of these.
 */
export function zoneLabel(timeZone: string, at: Date | string | number = Date.now()): string {
  const short = formatter(timeZone, { timeZoneName: 'short' })
    .formatToParts(new Date(at))
    .find((part) => part.type === 'timeZoneName')?.value;
  if (!short) return timeZone;
  if (timeZone === 'UTC' || timeZone === 'Etc/UTC') return 'UTC';
  return /^(GMT|UTC)/.test(short) ? `${cityOf(timeZone)} (${short})` : short;
}

/** "10:30 AM" in the zone, without the zone (callers add it once per line). */
export const formatClock = (at: Date | string | number, timeZone: string) =>
  formatter(timeZone, { hour: 'numeric', minute: '2-digit' }).format(new Date(at));

/** "10:30 AM EST". */
export const formatTime = (at: Date | string | number, timeZone: string) => `${formatClock(at, timeZone)} ${zoneLabel(timeZone, at)}`;

/** "10:00 – 10:30 AM EST", the zone named once. */
export function formatTimeRange(start: string, end: string, timeZone: string): string {
  return `${formatClock(start, timeZone)} – ${formatClock(end, timeZone)} ${zoneLabel(timeZone, start)}`;
}

/** "Tuesday, March 3, 2026" for an instant, as that day is called in the zone. */
export const formatLongDate = (at: Date | string | number, timeZone: string) =>
  formatter(timeZone, { weekday: 'long', month: 'long', day: 'numeric', year: 'numeric' }).format(new Date(at));

/** "Tue, Mar 3, 2026 · 10:00 – 10:30 AM EST". */
export const formatSessionTime = (start: string, end: string, timeZone: string) =>
  `${formatter(timeZone, { weekday: 'short', month: 'short', day: 'numeric', year: 'numeric' }).format(new Date(start))} · ${formatTimeRange(start, end, timeZone)}`;

/** "Tuesday, March 3" for a calendar date (no zone involved). */
export const formatCalendarDate = (date: string, options: Intl.DateTimeFormatOptions = { weekday: 'long', month: 'long', day: 'numeric' }) =>
  formatter('UTC', options).format(Date.parse(`${date}T00:00:00Z`));

/** The calendar date of an instant in a zone, "YYYY-MM-DD". */
export const dateIn = (at: Date | string | number, timeZone: string) => localDateOf(new Date(at).getTime(), timeZone);

/** Minutes since local midnight of an instant in a zone (for placing it on a day grid). */
export function minutesOfDay(at: Date | string | number, timeZone: string): number {
  const parts = formatter(timeZone, { hour: 'numeric', minute: 'numeric', hourCycle: 'h23' }).formatToParts(new Date(at));
  const value = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return value('hour') * 60 + value('minute');
}

/** `YYYY-MM-DD` plus n days (calendar arithmetic, no zone). */
export const addDays = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** 1 = Monday … 7 = Sunday for a calendar date. */
export const weekdayOf = (date: string) => ((new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7) + 1;
