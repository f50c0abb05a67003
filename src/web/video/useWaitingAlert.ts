import { useEffect, useRef } from 'react';
import { playTone } from './tone';

/** Whether the browser may show notifications and the person allowed them; asking is theirs to start. */
export const notificationsAllowed = () => typeof Notification !== 'undefined' && Notification.permission === 'granted';
export const canAskForNotifications = () => typeof Notification !== 'undefined' && Notification.permission === 'default';

/**
 * When someone new starts waiting (a key not seen before): a short chime, and a browser
 * notification if the staff member allowed them. Neither blocks anything, and a failure of either
 * is ignored: the list on the page is what counts. The notification names no one, since it may
 * show on a locked screen.
 */
export function useWaitingAlert(waitingKeys: readonly string[]) {
  const seen = useRef<ReadonlySet<string> | null>(null);
  const joined = waitingKeys.join('\n');

  useEffect(() => {
    const keys = new Set(joined ? joined.split('\n') : []);
    const before = seen.current;
    seen.current = keys;
    // The first list is what was already there when the page opened: no alarm for it.
    if (!before || ![...keys].some((key) => !before.has(key))) return;
    playTone(null).catch(() => undefined);
    if (!notificationsAllowed()) return;
    try {
      new Notification('Someone is waiting', { body: 'A participant is waiting to be let into a video call.', tag: 'carebeam-waiting' });
    } catch {
      // Some mobile browsers allow notifications only from a service worker.
    }
  }, [joined]);
}
