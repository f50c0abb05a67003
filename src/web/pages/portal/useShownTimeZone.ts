import { useState } from 'react';
import { isTimeZone } from '../../../shared/time-zone';

const storageKey = (participantId: string) => `carebeam.portal.timeZone.${participantId}`;

/** sessionStorage may be missing or refuse access (private browsing, blocked storage). */
function readStored(participantId: string): string | null {
  try {
    const stored = window.sessionStorage.getItem(storageKey(participantId));
    return stored && isTimeZone(stored) ? stored : null;
  } catch {
    return null;
  }
}

function store(participantId: string, zone: string | null) {
  try {
    if (zone) window.sessionStorage.setItem(storageKey(participantId), zone);
    else window.sessionStorage.removeItem(storageKey(participantId));
  } catch {
    // Not kept across reloads then; the page still works.
  }
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
  const [zone, setZone] = useState(() => readStored(participant.id) ?? participant.timeZone);
  const choose = (next: string) => {
    setZone(next);
    store(participant.id, next === participant.timeZone ? null : next);
  };
  return [zone, choose] as const;
}
