import type { HistoryEntry } from '../../../shared/history';

/** Who did it, as the reader knows them: the system is "Carebeam". */
export const actorName = (entry: HistoryEntry) => (entry.actor.kind === 'system' ? 'Carebeam' : entry.actor.name);

/** The other session of a series that a `next_scheduled` entry points at. */
export function linkedSession(entry: HistoryEntry): { id: string; label: string } | null {
  if (entry.type !== 'next_scheduled') return null;
  return 'sessionId' in entry.data
    ? { id: entry.data.sessionId, label: 'Open the next session' }
    : { id: entry.data.previousSessionId, label: 'Open the previous session' };
}
