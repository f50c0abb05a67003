import { describe, expect, it } from 'vitest';
import { attendanceFrom, type CallEvent } from './attendance';

const ana = { kind: 'participant' as const, id: '0b7c2f5e-1111-4c1a-9d7e-000000000001', name: 'Ana' };
const doc = { kind: 'staff' as const, id: '0b7c2f5e-2222-4c1a-9d7e-000000000002', name: 'Dr. Doe' };
const at = (minute: number) => new Date(Date.UTC(2026, 2, 3, 15, minute));
const event = (type: CallEvent['type'], minute: number, actor: CallEvent['actor']): CallEvent => ({ type, at: at(minute), actor });

describe('attendanceFrom', () => {
  it('sums each person’s time in the call over several stays', () => {
    const { items } = attendanceFrom(
      [event('video_joined', 0, doc), event('video_joined', 2, ana), event('video_left', 10, ana), event('video_joined', 12, ana), event('video_left', 20, ana), event('video_left', 21, doc)],
      null,
    );
    expect(items).toEqual([
      { ...doc, intervals: [{ from: at(0).toISOString(), to: at(21).toISOString() }], minutes: 21 },
      { ...ana, intervals: [{ from: at(2).toISOString(), to: at(10).toISOString() }, { from: at(12).toISOString(), to: at(20).toISOString() }], minutes: 16 },
    ]);
  });

  it('counts two tabs at once once, and ends an open stay at the session’s end', () => {
    const { items } = attendanceFrom([event('video_joined', 0, ana), event('video_joined', 5, ana), event('video_left', 6, ana)], at(30));
    expect(items[0]).toMatchObject({ intervals: [{ from: at(0).toISOString(), to: at(30).toISOString() }], minutes: 30 });
  });

  it('while the session runs, a stay without a leave is still open, and its minutes count until now', () => {
    const { items } = attendanceFrom([event('video_joined', 0, doc), event('video_left', 4, doc), event('video_joined', 6, doc)], at(16), true);
    expect(items[0]).toMatchObject({ intervals: [{ from: at(0).toISOString(), to: at(4).toISOString() }, { from: at(6).toISOString(), to: null }], minutes: 14 });
  });

  it('ignores a leave without a join', () => {
    expect(attendanceFrom([event('video_left', 3, ana)], null).items[0]).toMatchObject({ intervals: [], minutes: 0 });
  });
});
