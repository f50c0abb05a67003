/** The only source of "now" on the server, so tests can pin time. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/**
 * A clock that starts at `start` and runs on in real time: for browser tests at a chosen
 * instant (TEST_CLOCK_START), where a clock standing still would stop sessions and timers.
 */
export function offsetClock(start: Date, real: Clock = systemClock): Clock {
  const offset = start.getTime() - real.now().getTime();
  return { now: () => new Date(real.now().getTime() + offset) };
}
