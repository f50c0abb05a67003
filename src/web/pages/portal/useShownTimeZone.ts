import { useSyncExternalStore } from 'react';
import { isTimeZone } from '../../../shared/time-zone-name';
import { tabStorage } from '../../lib/tab-storage';

const storageKey = (participantId: string) => `carebeam.portal.timeZone.${participantId}`;

// Every part of the page that shows a time follows one choice.
const listeners = new Set<() => void>();
const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => void listeners.delete(listener);
};

function readStored(participantId: string): string | null {
  const stored = tabStorage.get(storageKey(participantId));
  return stored && isTimeZone(stored) ? stored : null;
}

/** The zone this browser runs in, or null when it does not say. */
export function deviceTimeZone(): string | null {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  return zone && isTimeZone(zone) ? zone : null;
}

/**
 * The zone the portal shows times in: the participant's own unless they chose another in this
 * tab, a choice kept in sessionStorage (per participant) until the tab closes.
 */
export function useShownTimeZone(participant: { readonly id: string; readonly timeZone: string }) {
  const zone = useSyncExternalStore(subscribe, () => readStored(participant.id) ?? participant.timeZone);
  const choose = (next: string) => {
    if (next === participant.timeZone) tabStorage.remove(storageKey(participant.id));
    else tabStorage.set(storageKey(participant.id), next);
    for (const listener of listeners) listener();
  };
  return [zone, choose] as const;
}
