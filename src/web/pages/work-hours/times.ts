import { minutesOf } from '../../../shared/work-hours';

const pad = (n: number) => String(n).padStart(2, '0');
export const timeOf = (minutes: number) => `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;

/** Quarter-hour choices for a range boundary, plus any value already saved off the grid. */
export function timeOptions(kind: 'start' | 'end', current: string) {
  const values = new Set<string>();
  for (let m = kind === 'start' ? 0 : 15; m <= (kind === 'start' ? 1425 : 1440); m += 15) values.add(timeOf(m));
  if (current) values.add(current);
  return [...values]
    .sort((a, b) => minutesOf(a) - minutesOf(b))
    .map((value) => ({ value, label: value === '24:00' ? '24:00 (midnight)' : value }));
}

/** A sensible next range after the day's last one: one hour, starting where it ended. */
export function nextRange(last: { end: string } | undefined) {
  if (!last) return { start: '09:00', end: '17:00' };
  const start = Math.min(minutesOf(last.end), 1380);
  return { start: timeOf(start), end: timeOf(Math.min(start + 60, 1440)) };
}

/** "Thu, Dec 24, 2026" for a calendar date, independent of the browser's zone. */
export const formatDate = (date: string) =>
  new Intl.DateTimeFormat('en-US', { weekday: 'short', month: 'short', day: 'numeric', year: 'numeric', timeZone: 'UTC' }).format(
    Date.parse(`${date}T00:00:00Z`),
  );
