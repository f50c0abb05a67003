import { useEffect, useState } from 'react';

/**
 * The current instant, refreshed every minute: renders stay pure, and "today" and
 * "Meet Now: now, 10:23" move on by themselves.
 */
export function useNow(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 60_000);
    return () => clearInterval(timer);
  }, []);
  return now;
}
