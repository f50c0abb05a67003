import { DAY_MS, dateOfEpochDay } from '../../../shared/zone';

/** 10000-01-01T00:00:00Z: from there toISOString writes a sign and six digits of year. */
const YEAR_10000 = 253402300800000;

const pad2 = (n: number) => (n < 10 ? `0${n}` : `${n}`);
const pad3 = (n: number) => (n < 10 ? `00${n}` : n < 100 ? `0${n}` : `${n}`);

/**
 * `new Date(ms).toISOString()` by integer arithmetic: a month of slots is ~900 instants, and
 * Date's own formatting of them cost more than the query that found them.
 */
export function isoInstant(ms: number): string {
  if (!Number.isInteger(ms) || ms < 0 || ms >= YEAR_10000) return new Date(ms).toISOString();
  const day = Math.floor(ms / DAY_MS);
  const ofDay = ms - day * DAY_MS;
  const seconds = Math.floor(ofDay / 1000);
  const minutes = Math.floor(seconds / 60);
  return `${dateOfEpochDay(day)}T${pad2(Math.floor(minutes / 60))}:${pad2(minutes % 60)}:${pad2(seconds % 60)}.${pad3(ofDay % 1000)}Z`;
}
