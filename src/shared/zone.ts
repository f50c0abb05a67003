/**
 * Wall clock ↔ instant for IANA zones, without Intl on the hot path: per zone, the UTC offsets
 * of each UTC year are tabulated once (sampled with Intl, changes binary-searched to the second),
 * then every conversion is integer arithmetic. The tables depend only on the zone data, so the
 * cache keeps these functions pure. The process's own zone is never consulted.
 */

const SECOND = 1000;
const MINUTE = 60 * SECOND;
export const DAY_MS = 24 * 60 * MINUTE;
/** Offsets are sampled daily: this assumes no zone changes its offset and back within one day. */
const SAMPLE_MS = DAY_MS;

/** Days since 1970-01-01 of a proleptic Gregorian date (Hinnant's days_from_civil). */
export function epochDayOfCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

/** `YYYY-MM-DD` of a day count (Hinnant's civil_from_days). */
export function dateOfEpochDay(epochDay: number): string {
  const z = epochDay + 719468;
  const era = Math.floor(z / 146097);
  const dayOfEra = z - era * 146097;
  const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36524) - Math.floor(dayOfEra / 146096)) / 365);
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  return `${String(year).padStart(4, '0')}-${month < 10 ? '0' : ''}${month}-${day < 10 ? '0' : ''}${day}`;
}

/** Days since 1970-01-01 of a `YYYY-MM-DD` string; throws on anything that is not a real date. */
export function epochDayOf(date: string): number {
  const year = digits(date, 0, 4);
  const month = digits(date, 5, 7);
  const day = digits(date, 8, 10);
  const epochDay = epochDayOfCivil(year, month, day);
  // A real date iff the day falls before the first of the next month.
  const valid =
    date.length === 10 && date[4] === '-' && date[7] === '-' && month >= 1 && month <= 12 && day >= 1 &&
    epochDay < epochDayOfCivil(month === 12 ? year + 1 : year, (month % 12) + 1, 1);
  if (!valid) throw new RangeError(`not a YYYY-MM-DD date: ${date}`);
  return epochDay;
}

/** The decimal number in `text[from, to)`, or NaN if any character there is not a digit. */
function digits(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const d = text.charCodeAt(i) - 48;
    if (!(d >= 0 && d <= 9)) return NaN;
    n = n * 10 + d;
  }
  return n;
}

/** One UTC year of a zone: `offsets[i]` (ms east of UTC) applies from `at[i]`; `at[0]` is `lo`. */
interface Span {
  lo: number;
  hi: number;
  at: number[];
  offsets: number[];
}

/** The offset rules of one zone, with conversions in "local ms" (the wall time read as if UTC). */
export class ZoneRules {
  private readonly format: Intl.DateTimeFormat;
  private readonly spans = new Map<number, Span>();
  /** The two spans used last: conversions stay within a year, or straddle a new year. */
  private last: Span = { lo: 0, hi: 0, at: [0], offsets: [0] };
  private other: Span = this.last;

  constructor(readonly timeZone: string) {
    this.format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
  }

  /** Milliseconds to add to an instant to read its wall time. */
  offsetAt(instant: number): number {
    const span = this.spanAt(instant);
    const at = span.at;
    let i = at.length - 1;
    while (at[i]! > instant) i--;
    return span.offsets[i]!;
  }

  /** The next instant after `instant` where the offset may change: a transition, or the end of its year. */
  nextChangeAfter(instant: number): number {
    const span = this.spanAt(instant);
    const at = span.at;
    let i = at.length - 1;
    while (at[i]! > instant) i--;
    return i + 1 < at.length ? at[i + 1]! : span.hi;
  }

  /**
   * The instant of a wall time, like Temporal's 'compatible': in an overlap the earlier instant,
   * in a gap the wall time moved forward by the gap's length. Like Temporal's reference code, it
   * assumes at most one offset change within a day either side.
   */
  instantOfLocal(local: number): number {
    const before = this.offsetAt(local - DAY_MS);
    const after = this.offsetAt(local + DAY_MS);
    const earlier = local - before;
    if (before === after || this.offsetAt(earlier) === before) return earlier;
    const later = local - after;
    if (this.offsetAt(later) === after) return later;
    return earlier; // gap: read with the offset from before it, i.e. shifted forward by the gap
  }

  /** The first instant of a local day: local midnight, or the transition when midnight is skipped. */
  startOfDay(epochDay: number): number {
    const local = epochDay * DAY_MS;
    const instant = this.instantOfLocal(local);
    if (instant + this.offsetAt(instant) === local) return instant;
    // Midnight is in a gap: the day starts at the transition, found between a day before and here.
    const before = this.offsetAt(local - DAY_MS);
    let lo = local - DAY_MS;
    let hi = instant;
    while (hi - lo > 1) {
      const mid = Math.floor((lo + hi) / 2);
      if (this.offsetAt(mid) === before) lo = mid;
      else hi = mid;
    }
    return hi;
  }

  /** Local day count of an instant. */
  epochDayAt(instant: number): number {
    return Math.floor((instant + this.offsetAt(instant)) / DAY_MS);
  }

  private spanAt(instant: number): Span {
    const last = this.last;
    if (instant >= last.lo && instant < last.hi) return last;
    const span = instant >= this.other.lo && instant < this.other.hi ? this.other : this.span(instant);
    this.other = last;
    this.last = span;
    return span;
  }

  private span(instant: number): Span {
    if (!Number.isFinite(instant)) throw new RangeError(`not an instant: ${instant}`);
    const year = new Date(instant).getUTCFullYear();
    let span = this.spans.get(year);
    if (!span) {
      span = this.tabulate(epochDayOfCivil(year, 1, 1) * DAY_MS, epochDayOfCivil(year + 1, 1, 1) * DAY_MS);
      this.spans.set(year, span);
    }
    return span;
  }

  private tabulate(lo: number, hi: number): Span {
    const at = [lo];
    const offsets = [this.intlOffset(lo)];
    let from = lo;
    let offset = offsets[0]!;
    for (let sample = lo + SAMPLE_MS; from < hi; sample += SAMPLE_MS) {
      const to = Math.min(sample, hi);
      const target = this.intlOffset(to);
      // Binary-search each change in (from, to] to the second; usually zero or one per sample.
      while (offset !== target) {
        let a = from;
        let b = to;
        while (b - a > SECOND) {
          const mid = a + Math.floor((b - a) / 2 / SECOND) * SECOND;
          if (this.intlOffset(mid) === offset) a = mid;
          else b = mid;
        }
        offset = this.intlOffset(b);
        from = b;
        if (b < hi) {
          at.push(b);
          offsets.push(offset);
        }
      }
      from = to;
    }
    return { lo, hi, at, offsets };
  }

  /** Offset at a whole second, read through Intl (only while tabulating). */
  private intlOffset(instant: number): number {
    // en-US prints "M/D/YYYY, HH:MM:SS"; parsing that is ~5× cheaper than formatToParts.
    const [month, day, year, hour, minute, second] = this.format.format(instant).match(/\d+/g)!.map(Number);
    const wall = epochDayOfCivil(year!, month!, day!) * DAY_MS + hour! * 3_600_000 + minute! * MINUTE + second! * SECOND;
    return wall - instant;
  }
}

const zones = new Map<string, ZoneRules>();

/** The memoized rules of an IANA zone; throws RangeError for an unknown zone. */
export function zoneRules(timeZone: string): ZoneRules {
  let rules = zones.get(timeZone);
  if (!rules) {
    rules = new ZoneRules(timeZone);
    zones.set(timeZone, rules);
  }
  return rules;
}

/** Epoch ms of local midnight of `date`, or the day's first instant if midnight is skipped. */
export function startOfLocalDay(date: string, timeZone: string): number {
  return zoneRules(timeZone).startOfDay(epochDayOf(date));
}

/** The local `YYYY-MM-DD` of an instant. */
export function localDateOf(instant: number, timeZone: string): string {
  return dateOfEpochDay(zoneRules(timeZone).epochDayAt(instant));
}

/**
 * Epoch ms of a wall time (`minuteOfDay` 0..1440; 1440 is the next local midnight), with
 * Temporal's 'compatible' disambiguation: gap → forward by the gap, overlap → earlier instant.
 */
export function wallToInstant(date: string, minuteOfDay: number, timeZone: string): number {
  if (!Number.isInteger(minuteOfDay) || minuteOfDay < 0 || minuteOfDay > 1440) {
    throw new RangeError(`minuteOfDay out of 0..1440: ${minuteOfDay}`);
  }
  return zoneRules(timeZone).instantOfLocal(epochDayOf(date) * DAY_MS + minuteOfDay * MINUTE);
}
