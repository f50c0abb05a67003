import type { Clock } from '../clock';

export interface TestClock extends Clock {
  set(instant: string | Date): void;
  advance(milliseconds: number): void;
}

/** A clock that stands still until a test moves it. */
export function createTestClock(start: string | Date = '2026-03-02T15:00:00.000Z'): TestClock {
  let now = new Date(start).getTime();
  return {
    now: () => new Date(now),
    set: (instant) => void (now = new Date(instant).getTime()),
    advance: (milliseconds) => void (now += milliseconds),
  };
}
