import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { type DateOverride, type Interval, type SlotRequest, type WallRange, type WeeklyRange, freeSlotStarts, workRangesBetween } from './engine';
import { localDateOf, startOfLocalDay, wallToInstant } from '../../../shared/zone';

const MINUTE = 60_000;
const DAY = 1440 * MINUTE;

/** Each zone with local dates on which its offset changes, so windows often cross one. */
const ZONES: Record<string, string[]> = {
  'America/New_York': ['2026-03-08', '2026-11-01'],
  'Europe/Berlin': ['2026-03-29', '2026-10-25'],
  'Europe/London': ['2026-03-29', '2026-10-25'],
  'Asia/Kolkata': ['2026-03-09'],
  'Asia/Kathmandu': ['2026-03-09'],
  'Australia/Lord_Howe': ['2026-04-05', '2026-10-04'],
  'Australia/Adelaide': ['2026-04-05', '2026-10-04'],
  UTC: ['2026-03-09'],
  'Asia/Tokyo': ['2026-07-01'],
  'America/St_Johns': ['2026-03-08', '2026-11-01'],
  'Pacific/Chatham': ['2025-04-06', '2025-09-28'],
  'America/Santiago': ['2026-04-05', '2025-09-07'], // changes at midnight: 24:00 → 23:00, 00:00 → 01:00
  'Asia/Tehran': ['2021-03-22', '2021-09-22'], // midnight gap; no DST since 2022
};

// ---- The oracle: luxon, one boundary at a time, every candidate start checked rule by rule.

const sameWall = (dt: DateTime, wall: DateTime) =>
  dt.year === wall.year && dt.month === wall.month && dt.day === wall.day && dt.hour === wall.hour && dt.minute === wall.minute;

/** Temporal 'compatible': the earliest instant showing the wall time; in a gap, the offset from before it. */
function oracleInstant(date: string, minuteOfDay: number, zone: string): number {
  const wall = DateTime.fromISO(date, { zone: 'utc' }).plus({ minutes: minuteOfDay }); // wall time read as UTC
  const local = wall.toMillis();
  const guess = DateTime.fromObject({ year: wall.year, month: wall.month, day: wall.day, hour: wall.hour, minute: wall.minute }, { zone });
  if (!sameWall(guess, wall)) {
    // No instant shows this wall time; `guess` is after the gap, so reading it with its offset lands before.
    const before = DateTime.fromMillis(local - guess.offset * MINUTE, { zone }).offset;
    return local - before * MINUTE;
  }
  let earliest = guess.toMillis();
  for (const probe of [-DAY, -3 * 60 * MINUTE, 3 * 60 * MINUTE, DAY]) {
    const candidate = local - DateTime.fromMillis(earliest + probe, { zone }).offset * MINUTE;
    if (candidate < earliest && sameWall(DateTime.fromMillis(candidate, { zone }), wall)) earliest = candidate;
  }
  return earliest;
}

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3));

function oracle(request: SlotRequest): { ranges: Interval[]; slots: number[] } {
  const { timeZone, weekly, overrides } = request.workHours;
  const utcDate = (date: string) => DateTime.fromISO(date, { zone: 'utc' });
  const last = DateTime.fromMillis(request.to, { zone: timeZone }).toISODate()!;
  const raw: Interval[] = [];
  let date = utcDate(DateTime.fromMillis(request.from, { zone: timeZone }).toISODate()!).minus({ days: 1 });
  for (; date.toISODate()! <= last; date = date.plus({ days: 1 })) {
    const iso = date.toISODate()!;
    const own = overrides.filter((o) => o.date === iso);
    const wall: WallRange[] = own.length > 0 ? own.flatMap((o) => o.ranges) : weekly.filter((w) => w.weekday === date.weekday);
    for (const range of wall) {
      const start = oracleInstant(iso, minutesOf(range.start), timeZone);
      const end = oracleInstant(iso, minutesOf(range.end), timeZone);
      if (end > start) raw.push({ start, end });
    }
  }
  raw.sort((a, b) => a.start - b.start);
  const ranges: Interval[] = [];
  for (const range of raw) {
    const previous = ranges[ranges.length - 1];
    if (previous && range.start < previous.end) previous.end = Math.max(previous.end, range.end);
    else ranges.push({ ...range });
  }

  const duration = request.durationMinutes * MINUTE;
  const step = request.stepMinutes * MINUTE;
  const slots: number[] = [];
  for (const range of ranges) {
    for (let s = range.start; s + duration <= range.end; s += step) {
      const free = request.busy.every((b) => b.end <= b.start || b.end <= s || b.start >= s + duration);
      if (free && s >= request.notBefore && s >= request.from && s < request.to) slots.push(s);
    }
  }
  return { ranges, slots: slots.sort((a, b) => a - b) };
}

// ---- Generators

const hhmm = (minute: number) => `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;

/** Non-overlapping ranges in 15-minute units, sometimes touching, often ending at "24:00". */
const dayRanges = (maxLength: number) =>
  fc.array(fc.record({ gap: fc.nat({ max: 16 }), length: fc.integer({ min: 1, max: 32 }) }), { maxLength }).map((parts) => {
    const ranges: WallRange[] = [];
    let cursor = 0;
    for (const { gap, length } of parts) {
      const start = cursor + gap;
      if (start >= 96) break;
      cursor = Math.min(96, start + length);
      ranges.push({ start: hhmm(start * 15), end: hhmm(cursor * 15) });
    }
    return ranges;
  });

const zoneAndDay = fc.constantFrom(...Object.entries(ZONES)).chain(([zone, dates]) =>
  fc.tuple(
    fc.constant(zone),
    fc.oneof(
      fc.constantFrom(...dates).map((date) => Date.parse(`${date}T00:00:00Z`)),
      fc.integer({ min: 18_000, max: 23_000 }).map((day) => day * DAY), // 2019 … 2032
    ),
  ),
);

const requestArb = fc
  .record({
    zoneDay: zoneAndDay,
    weekly: fc.array(dayRanges(4), { minLength: 7, maxLength: 7 }),
    overrides: fc.array(fc.record({ dayOffset: fc.integer({ min: -2, max: 8 }), ranges: dayRanges(3) }), { maxLength: 3 }),
    fromOffset: fc.integer({ min: -3 * 1440, max: 1440 }),
    length: fc.integer({ min: 1, max: 7 * 1440 }),
    notice: fc.integer({ min: -1440, max: 3 * 1440 }),
    busy: fc.array(fc.record({ at: fc.integer({ min: -1440, max: 8 * 1440 }), length: fc.nat({ max: 240 }) }), { maxLength: 30 }),
    duration: fc.integer({ min: 1, max: 96 }).map((n) => n * 5),
    step: fc.oneof(fc.constantFrom(5, 10, 15, 20, 30, 45, 60), fc.integer({ min: 1, max: 120 })),
  })
  .map(({ zoneDay: [timeZone, day], weekly, overrides, fromOffset, length, notice, busy, duration, step }): SlotRequest => {
    const from = day + fromOffset * MINUTE;
    const dated: DateOverride[] = overrides.map((o) => ({ date: new Date(day + o.dayOffset * DAY).toISOString().slice(0, 10), ranges: o.ranges }));
    const weeklyRanges: WeeklyRange[] = weekly.flatMap((ranges, i) => ranges.map((r) => ({ ...r, weekday: i + 1 })));
    return {
      workHours: { timeZone, weekly: weeklyRanges, overrides: dated },
      busy: busy.map((b) => ({ start: from + b.at * MINUTE, end: from + (b.at + b.length) * MINUTE })).sort((a, b) => a.start - b.start),
      durationMinutes: duration,
      stepMinutes: step,
      notBefore: from + notice * MINUTE,
      from,
      to: from + length * MINUTE,
    };
  });

// ---- Properties

describe('zone conversions agree with luxon', () => {
  it('wallToInstant, startOfLocalDay and localDateOf', () => {
    fc.assert(
      fc.property(zoneAndDay, fc.integer({ min: -2, max: 2 }), fc.integer({ min: 0, max: 1440 }), ([zone, anchor], shift, minute) => {
        const date = new Date(anchor + shift * DAY).toISOString().slice(0, 10);
        const instant = wallToInstant(date, minute, zone);
        expect(instant).toBe(oracleInstant(date, minute, zone));
        expect(localDateOf(instant, zone)).toBe(DateTime.fromMillis(instant, { zone }).toISODate());
        const start = startOfLocalDay(date, zone);
        expect(DateTime.fromMillis(start, { zone }).toISODate()).toBe(date);
        expect(DateTime.fromMillis(start - 1, { zone }).toISODate()! < date).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('freeSlotStarts', () => {
  it('equals the brute-force oracle, and every slot keeps the rules', () => {
    fc.assert(
      fc.property(requestArb, (request) => {
        const slots = freeSlotStarts(request);
        const expected = oracle(request);
        expect(slots).toEqual(expected.slots);

        const ranges = workRangesBetween(request.workHours, request.from, request.to);
        expect(ranges).toEqual(expected.ranges.filter((r) => r.end > request.from && r.start < request.to));

        // Checked directly too, as plain booleans: thousands of expect() calls per run would be slow.
        const duration = request.durationMinutes * MINUTE;
        const step = request.stepMinutes * MINUTE;
        const broken = slots.filter((s, i) => {
          const homes = ranges.filter((r) => r.start <= s && s + duration <= r.end);
          return (
            (i > 0 && s <= slots[i - 1]!) || // sorted, no duplicates
            homes.length !== 1 ||
            (s - homes[0]!.start) % step !== 0 ||
            request.busy.some((b) => b.start < b.end && b.start < s + duration && s < b.end) ||
            s < request.notBefore ||
            s < request.from ||
            s >= request.to
          );
        });
        expect(broken).toEqual([]);
      }),
      { numRuns: 400 },
    );
  });
});
