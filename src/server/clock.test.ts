import { describe, expect, it } from 'vitest';
import { offsetClock } from './clock';
import { createTestClock } from './testing/clock';

describe('offsetClock', () => {
  it('starts at the given instant and runs on as the real clock does', () => {
    const real = createTestClock('2026-06-01T08:00:00Z');
    const clock = offsetClock(new Date('2026-11-30T22:30:00Z'), real);
    expect(clock.now().toISOString()).toBe('2026-11-30T22:30:00.000Z');
    real.advance(90 * 60_000);
    expect(clock.now().toISOString()).toBe('2026-12-01T00:00:00.000Z');
  });
});
