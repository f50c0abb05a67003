import { addDays } from '../../../shared/format';
import { startOfLocalDay } from '../../../shared/zone';

/** The filters as the URL keeps them (days as `YYYY-MM-DD`, read in the viewer's zone), so a reload keeps them. */
export const FILTER_KEYS = ['userId', 'participantId', 'sessionId', 'action', 'from', 'to'] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];

/**
 * The API's query for the URL's filters: a day range becomes instants, from the first day's
 * midnight to the midnight after the last day, in the viewer's zone.
 */
export function apiFilters(params: URLSearchParams, timeZone: string): URLSearchParams {
  const query = new URLSearchParams();
  for (const key of ['userId', 'participantId', 'sessionId', 'action'] as const) {
    const value = params.get(key);
    if (value) query.set(key, value);
  }
  const from = params.get('from');
  const to = params.get('to');
  if (from) query.set('from', new Date(startOfLocalDay(from, timeZone)).toISOString());
  if (to) query.set('to', new Date(startOfLocalDay(addDays(to, 1), timeZone)).toISOString());
  return query;
}
