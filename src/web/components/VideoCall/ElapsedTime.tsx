import { Text } from '@mantine/core';
import { useEffect, useState } from 'react';

const two = (n: number) => String(n).padStart(2, '0');

/** "12:04", or "1:02:09" past an hour. */
export function formatElapsed(ms: number): string {
  const seconds = Math.max(0, Math.floor(ms / 1000));
  const [h, m, s] = [Math.floor(seconds / 3600), Math.floor((seconds % 3600) / 60), seconds % 60];
  return h > 0 ? `${h}:${two(m)}:${two(s)}` : `${two(m)}:${two(s)}`;
}

/** How long this person has been in the call, counting every second. */
export function ElapsedTime({ since }: { readonly since: number }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  return (
    <Text size="sm" fw={500} role="timer" style={{ fontVariantNumeric: 'tabular-nums' }}>
      In call {formatElapsed(now - since)}
    </Text>
  );
}
