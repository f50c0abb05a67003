import { useEffect, useState } from 'react';

/**
 * False on the first render, true once the browser has painted it: for what may wait until the
 * main content shows (on a slow phone every render counts). A timeout set in an animation frame
 * runs after that frame is drawn; a bare timeout may run before it.
 */
export function useAfterFirstPaint(): boolean {
  const [painted, setPainted] = useState(false);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const frame = requestAnimationFrame(() => {
      timer = setTimeout(() => setPainted(true));
    });
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, []);
  return painted;
}
