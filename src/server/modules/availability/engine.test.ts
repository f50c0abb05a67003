import { describe, expect, it } from 'vitest';
import { type Interval, type SlotRequest, type WeeklyRange, type WorkHours, freeSlotStarts, workRangesBetween } from './engine';

const at = (iso: string) => Date.parse(iso);
const isos = (instants: number[]) => instants.map((t) => new Date(t).toISOString().replace(':00.000Z', 'Z'));
const busy = (...pairs: [string, string][]): Interval[] => pairs.map(([start, end]) => ({ start: at(start), end: at(end) }));
const week = (start: string, end: string, ...weekdays: number[]): WeeklyRange[] => weekdays.map((weekday) => ({ weekday, start, end }));

/** A request over [from, to) with no busy time and no notice, for the fields a test changes. */
function request(workHours: WorkHours, from: string, to: string, overrides: Partial<SlotRequest> = {}): SlotRequest {
  return { workHours, busy: [], durationMinutes: 60, stepMinutes: 60, notBefore: at(from), from: at(from), to: at(to), ...overrides };
}
const hours = (timeZone: string, weekly: WeeklyRange[], overrides: WorkHours['overrides'] = []): WorkHours => ({ timeZone, weekly, overrides });

describe('freeSlotStarts in named zones', () => {
  it('converts wall hours on an ordinary day (America/New_York, EDT)', () => {
    // Monday 2026-03-09 09:00–11:00 EDT (UTC−4) is 13:00Z–15:00Z
    const work = hours('America/New_York', week('09:00', '11:00', 1));
    const slots = freeSlotStarts(request(work, '2026-03-09T00:00Z', '2026-03-10T00:00Z', { stepMinutes: 30 }));
    expect(isos(slots)).toEqual(['2026-03-09T13:00Z', '2026-03-09T13:30Z', '2026-03-09T14:00Z']);
  });

  it('America/New_York spring-forward (Sunday 2026-03-08): the range is 2 real hours, never 02:00', () => {
    // 01:00 EST is 06:00Z; 04:00 EDT is 08:00Z
    const work = hours('America/New_York', week('01:00', '04:00', 7));
    const slots = freeSlotStarts(request(work, '2026-03-08T00:00Z', '2026-03-09T00:00Z'));
    expect(isos(slots)).toEqual(['2026-03-08T06:00Z', '2026-03-08T07:00Z']); // 01:00 EST, 03:00 EDT
  });

  it('a range wholly inside the spring-forward gap yields nothing', () => {
    // 02:00 and 03:00 are both 07:00Z on 2026-03-08
    const work = hours('America/New_York', week('02:00', '03:00', 7));
    const slots = freeSlotStarts(request(work, '2026-03-08T00:00Z', '2026-03-09T00:00Z', { durationMinutes: 5, stepMinutes: 5 }));
    expect(slots).toEqual([]);
  });

  it('a range starting inside the gap starts where the gap ends', () => {
    // 02:00–02:30 reads as 03:00–03:30 EDT (07:00Z–07:30Z): Temporal's 'compatible' moves both ends forward
    const work = hours('America/New_York', week('02:00', '02:30', 7));
    const slots = freeSlotStarts(request(work, '2026-03-08T00:00Z', '2026-03-09T00:00Z', { durationMinutes: 30, stepMinutes: 30 }));
    expect(isos(slots)).toEqual(['2026-03-08T07:00Z']);
  });

  it("a range ending inside the gap reaches past the next one's start: they merge, no duplicates", () => {
    // 01:00 EST–02:30 (read as 03:30 EDT) is 06:00Z–07:30Z; 03:00–05:00 EDT is 07:00Z–09:00Z
    const work = hours('America/New_York', [...week('01:00', '02:30', 7), ...week('03:00', '05:00', 7)]);
    const slots = freeSlotStarts(request(work, '2026-03-08T00:00Z', '2026-03-09T00:00Z', { stepMinutes: 30 }));
    expect(isos(slots)).toEqual(['2026-03-08T06:00Z', '2026-03-08T06:30Z', '2026-03-08T07:00Z', '2026-03-08T07:30Z', '2026-03-08T08:00Z']);
    expect(workRangesBetween(work, at('2026-03-08T00:00Z'), at('2026-03-09T00:00Z'))).toEqual(busy(['2026-03-08T06:00Z', '2026-03-08T09:00Z']));
  });

  it('America/New_York fall-back (Sunday 2026-11-01): 00:00–03:00 is 4 real hours, steps in absolute time', () => {
    // 00:00 EDT is 04:00Z; 03:00 EST is 08:00Z; 01:00 happens twice (05:00Z EDT, 06:00Z EST)
    const work = hours('America/New_York', week('00:00', '03:00', 7));
    const slots = freeSlotStarts(request(work, '2026-11-01T00:00Z', '2026-11-02T00:00Z'));
    expect(isos(slots)).toEqual(['2026-11-01T04:00Z', '2026-11-01T05:00Z', '2026-11-01T06:00Z', '2026-11-01T07:00Z']);
  });

  it('Europe/Berlin on 2026-03-29 (2 real hours) and 2026-10-25 (4 real hours) for 01:00–04:00', () => {
    const work = hours('Europe/Berlin', week('01:00', '04:00', 7));
    // 01:00 CET is 00:00Z, 04:00 CEST is 02:00Z
    const spring = freeSlotStarts(request(work, '2026-03-28T00:00Z', '2026-03-30T00:00Z'));
    expect(isos(spring)).toEqual(['2026-03-29T00:00Z', '2026-03-29T01:00Z']);
    // 01:00 CEST is 23:00Z on 10-24, 04:00 CET is 03:00Z
    const fall = freeSlotStarts(request(work, '2026-10-24T00:00Z', '2026-10-26T00:00Z'));
    expect(isos(fall)).toEqual(['2026-10-24T23:00Z', '2026-10-25T00:00Z', '2026-10-25T01:00Z', '2026-10-25T02:00Z']);
  });

  it('America/Santiago changes at midnight: Saturday 2026-04-04 23:00–24:00 is 2 real hours', () => {
    // 24:00 −03 → 23:00 −04 at 03:00Z on 04-05. 23:00 happens twice, the first is −03: 02:00Z;
    // 24:00 is 2026-04-05 00:00 −04: 04:00Z
    const work = hours('America/Santiago', week('23:00', '24:00', 6));
    const slots = freeSlotStarts(request(work, '2026-04-04T00:00Z', '2026-04-06T00:00Z'));
    expect(isos(slots)).toEqual(['2026-04-05T02:00Z', '2026-04-05T03:00Z']);
  });

  it('Asia/Kolkata (+5:30) and Asia/Kathmandu (+5:45)', () => {
    // Monday 2026-03-09 08:00–10:00 IST is 02:30Z–04:30Z
    const kolkata = hours('Asia/Kolkata', week('08:00', '10:00', 1));
    expect(isos(freeSlotStarts(request(kolkata, '2026-03-09T00:00Z', '2026-03-10T00:00Z')))).toEqual(['2026-03-09T02:30Z', '2026-03-09T03:30Z']);
    // 08:00–09:30 NPT is 02:15Z–03:45Z; 45-minute service on a 45-minute step
    const kathmandu = hours('Asia/Kathmandu', week('08:00', '09:30', 1));
    const slots = freeSlotStarts(request(kathmandu, '2026-03-09T00:00Z', '2026-03-10T00:00Z', { durationMinutes: 45, stepMinutes: 45 }));
    expect(isos(slots)).toEqual(['2026-03-09T02:15Z', '2026-03-09T03:00Z']);
  });

  it('Australia/Lord_Howe: 30-minute shifts make 01:00–04:00 2.5 real hours on 2026-10-04', () => {
    // 01:00 LHST (+10:30) is 14:30Z on 10-03; 04:00 LHDT (+11) is 17:00Z; 02:00–02:30 is skipped
    const work = hours('Australia/Lord_Howe', week('01:00', '04:00', 7));
    const slots = freeSlotStarts(request(work, '2026-10-03T00:00Z', '2026-10-05T00:00Z', { durationMinutes: 30, stepMinutes: 30 }));
    expect(isos(slots)).toEqual(['2026-10-03T14:30Z', '2026-10-03T15:00Z', '2026-10-03T15:30Z', '2026-10-03T16:00Z', '2026-10-03T16:30Z']);
  });

  it('Australia/Lord_Howe: 01:00–03:00 on 2026-04-05 is 2.5 real hours (01:30–02:00 twice)', () => {
    // 01:00 LHDT (+11) is 14:00Z on 04-04; 03:00 LHST (+10:30) is 16:30Z
    const work = hours('Australia/Lord_Howe', week('01:00', '03:00', 7));
    expect(workRangesBetween(work, at('2026-04-04T00:00Z'), at('2026-04-06T00:00Z'))).toEqual(busy(['2026-04-04T14:00Z', '2026-04-04T16:30Z']));
  });

  it('Australia/Adelaide: the first Monday after DST starts uses +10:30', () => {
    // Monday 2026-10-05 09:00 ACDT (+10:30) is 22:30Z on 10-04; the Monday before, 09:00 ACST (+9:30) is 23:30Z
    const work = hours('Australia/Adelaide', week('09:00', '10:00', 1));
    const slots = freeSlotStarts(request(work, '2026-09-27T00:00Z', '2026-10-05T12:00Z'));
    expect(isos(slots)).toEqual(['2026-09-27T23:30Z', '2026-10-04T22:30Z']);
  });

  it('Asia/Tokyo (+9, no DST)', () => {
    // Wednesday 2026-07-01 09:00 JST is 00:00Z
    const work = hours('Asia/Tokyo', week('09:00', '10:00', 3));
    expect(isos(freeSlotStarts(request(work, '2026-06-30T00:00Z', '2026-07-02T00:00Z')))).toEqual(['2026-07-01T00:00Z']);
  });
});

describe('work ranges', () => {
  it('a range ending at "24:00" ends at the next local midnight and stays apart from the next day', () => {
    // UTC Monday 22:00–24:00 and Tuesday 00:00–02:00 touch but are two ranges: no 2-hour slot across midnight
    const work = hours('UTC', [...week('22:00', '24:00', 1), ...week('00:00', '02:00', 2)]);
    const slots = freeSlotStarts(request(work, '2026-03-09T00:00Z', '2026-03-11T00:00Z', { durationMinutes: 120 }));
    expect(isos(slots)).toEqual(['2026-03-09T22:00Z', '2026-03-10T00:00Z']);
    expect(workRangesBetween(work, at('2026-03-09T00:00Z'), at('2026-03-11T00:00Z'))).toEqual(
      busy(['2026-03-09T22:00Z', '2026-03-10T00:00Z'], ['2026-03-10T00:00Z', '2026-03-10T02:00Z']),
    );
  });

  it('"24:00" on the New York fall-back day is 2026-11-02 00:00 EST, 05:00Z', () => {
    const work = hours('America/New_York', week('00:00', '24:00', 7));
    expect(workRangesBetween(work, at('2026-11-01T12:00Z'), at('2026-11-01T13:00Z'))).toEqual(busy(['2026-11-01T04:00Z', '2026-11-02T05:00Z']));
  });

  it('an override with no ranges is a day off; one with ranges replaces the weekday', () => {
    const work = hours('UTC', week('09:00', '10:00', 1, 2, 3, 4, 5), [
      { date: '2026-03-10', ranges: [] }, // Tuesday off
      { date: '2026-03-11', ranges: [{ start: '14:00', end: '15:00' }] }, // Wednesday afternoon instead
      { date: '2026-03-14', ranges: [{ start: '10:00', end: '11:00' }] }, // a Saturday
    ]);
    const slots = freeSlotStarts(request(work, '2026-03-09T00:00Z', '2026-03-16T00:00Z'));
    expect(isos(slots)).toEqual(['2026-03-09T09:00Z', '2026-03-11T14:00Z', '2026-03-12T09:00Z', '2026-03-13T09:00Z', '2026-03-14T10:00Z']);
  });

  it('keeps only ranges overlapping the window, sorted', () => {
    const work = hours('UTC', [...week('13:00', '17:00', 1), ...week('08:00', '12:00', 1)]);
    expect(workRangesBetween(work, at('2026-03-09T11:00Z'), at('2026-03-09T13:00Z'))).toEqual(busy(['2026-03-09T08:00Z', '2026-03-09T12:00Z']));
    expect(workRangesBetween(work, at('2026-03-09T10:00Z'), at('2026-03-09T14:00Z'))).toEqual(
      busy(['2026-03-09T08:00Z', '2026-03-09T12:00Z'], ['2026-03-09T13:00Z', '2026-03-09T17:00Z']),
    );
    expect(workRangesBetween(work, at('2026-03-09T12:00Z'), at('2026-03-09T12:00Z'))).toEqual([]);
  });

  it('rejects malformed hours', () => {
    const bad = (weekly: WeeklyRange[]) => () => workRangesBetween(hours('UTC', weekly), 0, 86_400_000);
    expect(bad(week('09:00', '25:00', 1))).toThrow(RangeError);
    expect(bad(week('24:30', '24:45', 1))).toThrow(RangeError);
    expect(bad(week('10:00', '10:00', 1))).toThrow(RangeError);
    expect(bad(week('9:00', '10:00', 1))).toThrow(RangeError);
    expect(bad(week('09:00', '10:00', 0))).toThrow(RangeError);
  });
});

describe('busy time, notice, window and step (UTC, Monday 2026-03-09 09:00–12:00)', () => {
  const work = hours('UTC', week('09:00', '12:00', 1));
  const day = (overrides: Partial<SlotRequest>) => isos(freeSlotStarts(request(work, '2026-03-09T00:00Z', '2026-03-10T00:00Z', overrides)));

  it('busy intervals that overlap each other block their union; touching a slot is fine', () => {
    // [09:30, 10:15) contains [09:45, 10:00); a slot may end at 09:30 and start at 10:15
    const sessions = busy(['2026-03-09T09:30Z', '2026-03-09T10:15Z'], ['2026-03-09T09:45Z', '2026-03-09T10:00Z'], ['2026-03-09T10:45Z', '2026-03-09T11:00Z']);
    expect(day({ busy: sessions, durationMinutes: 30, stepMinutes: 15 })).toEqual([
      '2026-03-09T09:00Z',
      '2026-03-09T10:15Z',
      '2026-03-09T11:00Z',
      '2026-03-09T11:15Z',
      '2026-03-09T11:30Z',
    ]);
  });

  it('a long busy interval keeps blocking after a shorter one inside it ends', () => {
    const sessions = busy(['2026-03-09T08:00Z', '2026-03-09T11:00Z'], ['2026-03-09T09:30Z', '2026-03-09T09:45Z']);
    expect(day({ busy: sessions, durationMinutes: 30, stepMinutes: 15 })).toEqual(['2026-03-09T11:00Z', '2026-03-09T11:15Z', '2026-03-09T11:30Z']);
  });

  it('an empty busy interval blocks nothing', () => {
    expect(day({ busy: busy(['2026-03-09T10:10Z', '2026-03-09T10:10Z']) })).toEqual(['2026-03-09T09:00Z', '2026-03-09T10:00Z', '2026-03-09T11:00Z']);
  });

  it('minimum notice: the first slot is the next step at or after notBefore', () => {
    expect(day({ notBefore: at('2026-03-09T10:07Z'), durationMinutes: 30, stepMinutes: 15 })).toEqual([
      '2026-03-09T10:15Z',
      '2026-03-09T10:30Z',
      '2026-03-09T10:45Z',
      '2026-03-09T11:00Z',
      '2026-03-09T11:15Z',
      '2026-03-09T11:30Z',
    ]);
  });

  it('a slot must start in [from, to) but may end after to', () => {
    const slots = freeSlotStarts(request(work, '2026-03-09T10:00Z', '2026-03-09T11:00Z', { durationMinutes: 30, stepMinutes: 15 }));
    expect(isos(slots)).toEqual(['2026-03-09T10:00Z', '2026-03-09T10:15Z', '2026-03-09T10:30Z', '2026-03-09T10:45Z']);
    expect(freeSlotStarts(request(work, '2026-03-09T11:00Z', '2026-03-09T11:00Z'))).toEqual([]);
    expect(freeSlotStarts(request(work, '2026-03-09T11:00Z', '2026-03-09T10:00Z'))).toEqual([]);
  });

  it('a 50-minute service on a 15-minute step ends by 12:00 and skips busy time', () => {
    expect(day({ durationMinutes: 50, stepMinutes: 15 })).toHaveLength(9); // 09:00 … 11:00
    const sessions = busy(['2026-03-09T10:00Z', '2026-03-09T10:30Z']);
    expect(day({ busy: sessions, durationMinutes: 50, stepMinutes: 15 })).toEqual(['2026-03-09T09:00Z', '2026-03-09T10:30Z', '2026-03-09T10:45Z', '2026-03-09T11:00Z']);
  });

  it('steps count from the range start, not from the hour', () => {
    const odd = hours('UTC', week('09:10', '10:30', 1));
    const slots = freeSlotStarts(request(odd, '2026-03-09T00:00Z', '2026-03-10T00:00Z', { durationMinutes: 30, stepMinutes: 15 }));
    expect(isos(slots)).toEqual(['2026-03-09T09:10Z', '2026-03-09T09:25Z', '2026-03-09T09:40Z', '2026-03-09T09:55Z']);
  });

  it('rejects a step or duration that is not a whole positive number of minutes', () => {
    expect(() => day({ stepMinutes: 0 })).toThrow(RangeError);
    expect(() => day({ durationMinutes: 7.5 })).toThrow(RangeError);
  });
});

it('never returns duplicate starts across both New York DST changes of 2026', () => {
  const work = hours('America/New_York', [1, 2, 3, 4, 5, 6, 7].flatMap((weekday) => week('00:00', '24:00', weekday)));
  for (const [from, to] of [
    ['2026-03-06T00:00Z', '2026-03-11T00:00Z'],
    ['2026-10-30T00:00Z', '2026-11-04T00:00Z'],
  ] as const) {
    const slots = freeSlotStarts(request(work, from, to, { durationMinutes: 30, stepMinutes: 15 }));
    expect(slots.every((s, i) => i === 0 || s > slots[i - 1]!)).toBe(true);
    expect(new Set(slots).size).toBe(slots.length);
  }
});
