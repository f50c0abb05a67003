import { useCallback, useSyncExternalStore } from 'react';

// setTimeout holds at most 2^31 − 1 ms (about 24.8 days); longer waits go in steps.
const LONGEST_TIMEOUT_MS = 2 ** 31 - 1;

/** Whether the instant has passed; turns true at that very moment (a timer, not a poll). */
export function usePassed(instant: string): boolean {
  const at = Date.parse(instant);
  const subscribe = useCallback(
    (notify: () => void) => {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const wait = () => {
        const left = at - Date.now();
        if (left < 0) return notify();
        timer = setTimeout(wait, Math.min(left + 1, LONGEST_TIMEOUT_MS));
      };
      wait();
      return () => clearTimeout(timer);
    },
    [at],
  );
  return useSyncExternalStore(subscribe, () => Date.now() >= at);
}
