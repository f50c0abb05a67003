/**
 * Runs `pass` now and then every `intervalMs` after the previous pass ended (passes never
 * overlap) until stopped; a pass that throws is reported and the next one still runs.
 */
export function createPoller(pass: () => Promise<unknown>, onError?: (error: unknown) => void) {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> = Promise.resolve();
  return {
    start(intervalMs = 2000) {
      const tick = () => {
        running = pass()
          .catch((error: unknown) => onError?.(error))
          .finally(() => {
            if (timer) timer = setTimeout(tick, intervalMs);
          });
      };
      timer = setTimeout(tick, 0);
    },
    /** Stops polling and waits for a pass in progress to end. */
    async stop() {
      clearTimeout(timer);
      timer = undefined;
      await running;
    },
  };
}
