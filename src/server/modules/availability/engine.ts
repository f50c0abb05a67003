/**
 * Free slots of one host: pure, no I/O, no clock of its own. Work hours become instant intervals
 * once per day (integer arithmetic through the zone's offset table), then one two-pointer sweep
 * over those and the sorted busy intervals emits the slot starts.
 */
import { DAY_MS, epochDayOf, zoneRules } from '../../../shared/zone';

const MINUTE_MS = 60_000;

/** "HH:MM" 24h; `end` may be "24:00" (the next local midnight); end > start. */
export interface WallRange { start: string; end: string }
/** 1 = Monday … 7 = Sunday. */
export interface WeeklyRange extends WallRange { weekday: number }
/** "YYYY-MM-DD"; `ranges` replace that date's weekly ranges; [] is a day off. */
export interface DateOverride { date: string; ranges: WallRange[] }
export interface WorkHours { timeZone: string; weekly: WeeklyRange[]; overrides: DateOverride[] }
/** Epoch ms, half-open [start, end). */
export interface Interval { start: number; end: number }
export interface SlotRequest {
  workHours: WorkHours;
  /** The host's non-canceled sessions, SORTED by start; they may overlap each other. */
  busy: readonly Interval[];
  /** Service duration, 5..480. */
  durationMinutes: number;
  /** Slot step, counted in absolute time from each work range's start, e.g. 15. */
  stepMinutes: number;
  /** Epoch ms: now + minimum notice. */
  notBefore: number;
  /** The window, epoch ms: a slot must START in [from, to). */
  from: number;
  to: number;
}

/** A wall range as minutes of the day, 0..1440. */
interface Minutes {
  start: number;
  end: number;
}

const digit = (text: string, at: number) => {
  const d = text.charCodeAt(at) - 48;
  return d >= 0 && d <= 9 ? d : NaN;
};

function minuteOf(time: string): number {
  const minutes = digit(time, 3) * 10 + digit(time, 4);
  const minute = (digit(time, 0) * 10 + digit(time, 1)) * 60 + minutes;
  if (time.length !== 5 || time[2] !== ':' || !(minutes < 60) || !(minute <= 1440)) {
    throw new RangeError(`not an HH:MM time from 00:00 to 24:00: ${time}`);
  }
  return minute;
}

function minutesOf(range: WallRange): Minutes {
  const start = minuteOf(range.start);
  const end = minuteOf(range.end);
  if (end <= start) throw new RangeError(`range must end after it starts: ${range.start}–${range.end}`);
  return { start, end };
}

const byStart = (a: { start: number }, b: { start: number }) => a.start - b.start;

/** 1 = Monday … 7 = Sunday; day 0 (1970-01-01) was a Thursday. */
const weekdayOf = (epochDay: number) => ((((epochDay + 3) % 7) + 7) % 7) + 1;

/** Work ranges as instants, sorted, for local dates overlapping [from, to). */
export function workRangesBetween(workHours: WorkHours, from: number, to: number): Interval[] {
  if (!(from < to)) return [];
  const rules = zoneRules(workHours.timeZone);
  const weekly: Minutes[][] = [[], [], [], [], [], [], [], []];
  for (const range of workHours.weekly) {
    if (!Number.isInteger(range.weekday) || range.weekday < 1 || range.weekday > 7) {
      throw new RangeError(`weekday must be 1..7: ${range.weekday}`);
    }
    weekly[range.weekday]!.push(minutesOf(range));
  }
  for (const day of weekly) day.sort(byStart);
  // Several overrides for one date add up; any override replaces the weekday's ranges.
  const overrides = new Map<number, Minutes[]>();
  for (const override of workHours.overrides) {
    const day = epochDayOf(override.date);
    overrides.set(day, [...(overrides.get(day) ?? []), ...override.ranges.map(minutesOf)].sort(byStart));
  }

  // From the day before `from`: a range ending in a gap that straddles midnight reaches into the
  // next day, where it may merge with that day's first range.
  const ranges: Interval[] = [];
  let sorted = true;
  let offset = 0;
  let steadyUntil = -Infinity; // `offset` holds from a day before the current date until here
  const lastDay = rules.epochDayAt(to);
  for (let day = rules.epochDayAt(from) - 1; day <= lastDay; day++) {
    const wall = (overrides.size > 0 ? overrides.get(day) : undefined) ?? weekly[weekdayOf(day)]!;
    if (wall.length === 0) continue;
    const midnight = day * DAY_MS;
    // When one offset holds from a day before this date to a day after it, instantOfLocal would
    // find it on both sides of every wall time: subtracting it is the same conversion, cheaper.
    if (midnight + 2 * DAY_MS >= steadyUntil) {
      offset = rules.offsetAt(midnight - DAY_MS);
      steadyUntil = rules.nextChangeAfter(midnight - DAY_MS);
    }
    const steady = midnight + 2 * DAY_MS < steadyUntil;
    for (const range of wall) {
      const startLocal = midnight + range.start * MINUTE_MS;
      const endLocal = midnight + range.end * MINUTE_MS;
      const start = steady ? startLocal - offset : rules.instantOfLocal(startLocal);
      const end = steady ? endLocal - offset : rules.instantOfLocal(endLocal);
      if (end <= start) continue; // wholly inside a spring-forward gap
      if (ranges.length > 0 && start < ranges[ranges.length - 1]!.start) sorted = false;
      ranges.push({ start, end });
    }
  }
  if (!sorted) ranges.sort(byStart);
  return mergeInWindow(ranges, from, to);
}

/**
 * Unites ranges that overlap (a wall range ending inside a spring-forward gap reaches past the
 * next one's start), keeps touching ones apart, and drops those outside [from, to).
 */
function mergeInWindow(ranges: Interval[], from: number, to: number): Interval[] {
  const out: Interval[] = [];
  let current: Interval | undefined;
  for (const range of ranges) {
    if (current && range.start < current.end) {
      if (range.end > current.end) current.end = range.end;
      continue;
    }
    if (current && current.end > from && current.start < to) out.push(current);
    current = range;
  }
  if (current && current.end > from && current.start < to) out.push(current);
  return out;
}

function positiveMinutes(name: string, minutes: number): number {
  if (!Number.isInteger(minutes) || minutes < 1) throw new RangeError(`${name} must be a whole number of minutes ≥ 1`);
  return minutes * MINUTE_MS;
}

/** Sorted epoch-ms starts of every free slot; each slot ends at start + durationMinutes. */
export function freeSlotStarts(request: SlotRequest): number[] {
  const duration = positiveMinutes('durationMinutes', request.durationMinutes);
  const step = positiveMinutes('stepMinutes', request.stepMinutes);
  const { busy, to } = request;
  const earliest = Math.max(request.from, request.notBefore);
  const out: number[] = [];
  if (!(earliest < to)) return out;

  /** Emits the starts in a free segment [from, until) of a range starting at `origin`. */
  const emit = (origin: number, from: number, until: number) => {
    const lastStart = until - duration;
    const first = from > earliest ? from : earliest;
    if (first > lastStart) return;
    for (let s = origin + Math.ceil((first - origin) / step) * step; s <= lastStart && s < to; s += step) out.push(s);
  };

  // One pass over both sorted lists: each range minus the busy intervals that start before its
  // end. `blockedUntil` is the latest busy end so far, so an interval consumed in one range
  // keeps blocking the next.
  let next = 0;
  let blockedUntil = -Infinity;
  for (const range of workRangesBetween(request.workHours, earliest, to)) {
    const origin = range.start;
    let free = blockedUntil > origin ? blockedUntil : origin;
    while (next < busy.length) {
      const interval = busy[next]!;
      if (interval.start >= range.end) break;
      next++;
      if (interval.end <= interval.start) continue; // empty: blocks nothing
      if (interval.start > free) emit(origin, free, interval.start);
      if (interval.end > free) free = interval.end;
      if (interval.end > blockedUntil) blockedUntil = interval.end;
    }
    if (free < range.end) emit(origin, free, range.end);
  }
  return out;
}
