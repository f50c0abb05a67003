import { type RefObject, useEffect, useEffectEvent, useState } from 'react';

/**
 * Calls `onSeen` whenever the element (the end of a thread) is on screen in a visible tab, and
 * again each time `latest` changes while it stays there: a thread counts as read only once seen.
 */
export function useEndSeen(target: RefObject<Element | null>, onSeen: () => void, latest: unknown) {
  const [inView, setInView] = useState(false);
  const [pageVisible, setPageVisible] = useState(() => document.visibilityState === 'visible');

  useEffect(() => {
    const element = target.current;
    if (!element) return;
    const observer = new IntersectionObserver((entries) => setInView(entries.some((entry) => entry.isIntersecting)));
    observer.observe(element);
    return () => observer.disconnect();
  }, [target]);

  useEffect(() => {
    const update = () => setPageVisible(document.visibilityState === 'visible');
    document.addEventListener('visibilitychange', update);
    return () => document.removeEventListener('visibilitychange', update);
  }, []);

  const seen = useEffectEvent(onSeen);
  useEffect(() => {
    if (inView && pageVisible) seen();
  }, [inView, pageVisible, latest]);
}
