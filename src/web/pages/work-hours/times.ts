import { minutesOf } from '../../../shared/work-hours';

const pad = (n: number) => String(n).padStart(2, '0');
export const timeOf = (minutes: number) => `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;

type TimeOption = { readonly value: string; readonly label: string };

const option = (value: string): TimeOption => ({ value, label: value === '24:00' ? '24:00 (midnight)' : value });
const grid = (from: number, to: number) => Array.from({ length: (to - from) / 15 + 1 }, (_, i) => option(timeOf(from + i * 15)));
// One array per kind, shared by every picker and render: the pickers re-read their options only
// when the array changes, and the form renders every picker on each change.
const GRID = { start: grid(0, 1425), end: grid(15, 1440) } as const;

/** Quarter-hour choices for a range boundary, plus any value already saved off the grid. */
export function timeOptions(kind: 'start' | 'end', current: string): readonly TimeOption[] {
  const options = GRID[kind];
  if (!current || options.some((o) => o.value === current)) return options;
  return [...options, option(current)].sort((a, b) => minutesOf(a.value) - minutesOf(b.value));
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
