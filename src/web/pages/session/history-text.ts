import { formatSessionTime } from '../../../shared/format';
import type { HistoryEntry } from '../../../shared/session-management';

interface TimeRange {
  start: string;
  end: string;
}

const isTimeRange = (value: unknown): value is TimeRange =>
  typeof value === 'object' && value !== null && typeof (value as TimeRange).start === 'string' && typeof (value as TimeRange).end === 'string';

/** Who did it, as the reader knows them: the system is "Carebeam". */
export const actorName = (entry: HistoryEntry) => (entry.actor.kind === 'system' ? 'Carebeam' : entry.actor.name);

export const isFailure = (entry: HistoryEntry) => entry.type.endsWith('_failed');

/**
 * A line a person reads. The server's summary is used as is, except where it holds times: those
 * it leaves out, because they must show in the reader's zone.
 */
export function describeEntry(entry: HistoryEntry, viewerTimeZone: string): string {
  const { from, to, reason } = entry.data;
  if (entry.type === 'rescheduled' && isTimeRange(from) && isTimeRange(to)) {
    return `Rescheduled from ${formatSessionTime(from.start, from.end, viewerTimeZone)} to ${formatSessionTime(to.start, to.end, viewerTimeZone)}`;
  }
  if (entry.type === 'canceled' && typeof reason === 'string') return `Canceled: ${reason}`;
  return entry.summary;
}

/** The other session of a series that a `next_scheduled` entry points at. */
export function linkedSession(entry: HistoryEntry): { id: string; label: string } | null {
  if (entry.type !== 'next_scheduled') return null;
  const { sessionId, previousSessionId } = entry.data;
  if (typeof sessionId === 'string') return { id: sessionId, label: 'Open the next session' };
  if (typeof previousSessionId === 'string') return { id: previousSessionId, label: 'Open the previous session' };
  return null;
}
