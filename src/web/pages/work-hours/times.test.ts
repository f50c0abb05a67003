import { describe, expect, it } from 'vitest';
import { timeOptions } from './times';

describe('time choices of a Work Hours range', () => {
  it('offers quarter hours, starts from 00:00 and ends up to 24:00 (midnight)', () => {
    const starts = timeOptions('start', '');
    const ends = timeOptions('end', '');
    expect(starts).toHaveLength(96);
    expect([starts[0]?.value, starts.at(-1)?.value]).toEqual(['00:00', '23:45']);
    expect([ends[0]?.value, ends.at(-1)]).toEqual(['00:15', { value: '24:00', label: '24:00 (midnight)' }]);
  });

  it('gives every picker on the grid the same list, so a render re-reads no options', () => {
    expect(timeOptions('start', '09:00')).toBe(timeOptions('start', '13:15'));
    expect(timeOptions('end', '24:00')).toBe(timeOptions('end', ''));
  });

  it('keeps a saved time off the grid, in order', () => {
    const options = timeOptions('start', '09:10');
    expect(options).toHaveLength(97);
    expect(options.map((o) => o.value).slice(36, 39)).toEqual(['09:00', '09:10', '09:15']);
  });
});
