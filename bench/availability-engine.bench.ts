import { type Interval, type SlotRequest, freeSlotStarts, workRangesBetween } from '../src/server/modules/availability/engine';
import type { Figure } from './lib/report';

const MINUTE = 60_000;
const DAY = 1440 * MINUTE;
const BUSY_COUNTS = [0, 1_000, 10_000, 100_000];
const WARMUP_RUNS = 20;
const WARMUP_MS = 300;
const RUNS = 31;

/** Mon–Fri 08:00–12:00 and 13:00–17:00 in New York for 2026 (both DST changes inside). */
function requestWith(busy: Interval[]): SlotRequest {
  const weekly = [1, 2, 3, 4, 5].flatMap((weekday) => [
    { weekday, start: '08:00', end: '12:00' },
    { weekday, start: '13:00', end: '17:00' },
  ]);
  const from = Date.parse('2026-01-01T05:00:00Z'); // 00:00 EST
  return {
    workHours: { timeZone: 'America/New_York', weekly, overrides: [] },
    busy,
    durationMinutes: 30,
    stepMinutes: 15,
    notBefore: from,
    from,
    to: from + 365 * DAY,
  };
}

/** Seeded PRNG (mulberry32), so every run times the same intervals. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * `count` sessions of 15–120 minutes on 5-minute marks inside the year. Objects are made in start
 * order, as a driver makes rows for `ORDER BY start`: made in random order and then sorted, they lie
 * scattered in memory and 100,000 of them take about 3× longer to read, for the engine and any code.
 */
function busyIntervals(count: number, from: number, to: number): Interval[] {
  const next = random(count + 1);
  const marks = (to - from) / (5 * MINUTE);
  const starts = Array.from({ length: count }, () => from + Math.floor(next() * marks) * 5 * MINUTE).sort((a, b) => a - b);
  return starts.map((start) => ({ start, end: start + (3 + Math.floor(next() * 22)) * 5 * MINUTE }));
}

/** Typed arrays of starts and ends, built before timing. */
const columns = (intervals: Interval[]) => ({
  start: Float64Array.from(intervals, (i) => i.start),
  end: Float64Array.from(intervals, (i) => i.end),
});

/**
 * The floor: the least work for the same output. Work ranges are already instants; each range
 * minus the busy intervals (two pointers, running max end) gives free segments, and each segment
 * emits its step-aligned starts.
 */
function floorSlots(ranges: ReturnType<typeof columns>, busy: ReturnType<typeof columns>, request: SlotRequest): number[] {
  const duration = request.durationMinutes * MINUTE;
  const step = request.stepMinutes * MINUTE;
  const earliest = Math.max(request.from, request.notBefore);
  const { to } = request;
  const out: number[] = [];
  const emit = (origin: number, from: number, until: number) => {
    for (let s = origin + Math.max(0, Math.ceil((Math.max(from, earliest) - origin) / step)) * step; s + duration <= until && s < to; s += step) {
      out.push(s);
    }
  };
  let j = 0;
  let blocked = -Infinity;
  for (let i = 0; i < ranges.start.length; i++) {
    const origin = ranges.start[i]!;
    const end = ranges.end[i]!;
    let free = Math.max(origin, blocked);
    while (j < busy.start.length && busy.start[j]! < end) {
      const busyStart = busy.start[j]!;
      const busyEnd = busy.end[j++]!;
      if (busyStart > free) emit(origin, free, busyStart);
      if (busyEnd > free) free = busyEnd;
      if (busyEnd > blocked) blocked = busyEnd;
    }
    if (free < end) emit(origin, free, end);
  }
  return out;
}

/** Median of RUNS timings after warm-up, engine and floor interleaved so both see the same machine. */
function timeBoth(engine: () => unknown, floor: () => unknown): { engine: number; floor: number } {
  // Warm up by count and by time, so the JIT has optimized both before anything is timed.
  const warmUntil = performance.now() + WARMUP_MS;
  for (let i = 0; i < WARMUP_RUNS || performance.now() < warmUntil; i++) {
    engine();
    floor();
  }
  const samples = { engine: [] as number[], floor: [] as number[] };
  for (let i = 0; i < RUNS; i++) {
    let t = performance.now();
    engine();
    samples.engine.push(performance.now() - t);
    t = performance.now();
    floor();
    samples.floor.push(performance.now() - t);
  }
  const median = (values: number[]) => values.sort((a, b) => a - b)[values.length >> 1]!;
  return { engine: median(samples.engine), floor: median(samples.floor) };
}

/** freeSlotStarts over a year with 0 … 100,000 busy intervals, each beside the bare sweep. */
export async function benchAvailabilityEngine(): Promise<Figure[]> {
  const figures: Figure[] = [];
  const times = new Map<number, { engine: number; floor: number }>();
  for (const count of BUSY_COUNTS) {
    const request = requestWith([]);
    request.busy = busyIntervals(count, request.from, request.to);
    const ranges = columns(workRangesBetween(request.workHours, request.from, request.to));
    const busy = columns([...request.busy]);

    const slots = freeSlotStarts(request);
    const expected = floorSlots(ranges, busy, request);
    if (slots.length !== expected.length || slots.some((s, i) => s !== expected[i])) {
      throw new Error(`engine and floor disagree with ${count} busy intervals: ${slots.length} vs ${expected.length} slots`);
    }

    const time = timeBoth(
      () => freeSlotStarts(request),
      () => floorSlots(ranges, busy, request),
    );
    times.set(count, time);
    figures.push({
      name: `availability engine, 365 days, ${count.toLocaleString('en-US')} busy (${slots.length.toLocaleString('en-US')} slots)`,
      value: time.engine,
      unit: 'ms',
      floor: time.floor,
      floorName: 'two-pointer sweep over pre-converted arrays',
      higherIsBetter: false,
      target: '≤ 3× floor',
    });
  }
  const [small, large] = [times.get(10_000)!, times.get(100_000)!];
  figures.push({
    name: 'availability engine growth, 10,000 → 100,000 busy',
    value: large.engine / small.engine,
    unit: '×',
    floor: large.floor / small.floor,
    floorName: "the floor's own growth",
    higherIsBetter: false,
    target: '≤ 11×',
  });
  return figures;
}
