import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isoInstant } from './iso';

describe('isoInstant', () => {
  it('writes what toISOString writes, from 1970 to 9999 and around', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 253402300800000 + 1e12 }), (ms) => {
        expect(isoInstant(ms)).toBe(new Date(ms).toISOString());
      }),
      { numRuns: 5000 },
    );
  });

  it('gets the edges right: midnights, leap days, the last millisecond of 9999', () => {
    for (const text of ['1970-01-01T00:00:00.000Z', '2024-02-29T23:59:59.999Z', '2026-12-31T00:00:00.001Z', '9999-12-31T23:59:59.999Z']) {
      expect(isoInstant(Date.parse(text))).toBe(text);
    }
  });
});
