import { dateIn, formatCalendarDate, formatTime } from '../../shared/format';

/**
 * "Tue, Mar 3, 2026 · 10:00 AM EST": when something happened, as the day is called in the
 * viewer's zone. Notes and history run over days, so the time alone would be ambiguous.
 */
export const formatMoment = (at: string, timeZone: string) =>
  `${formatCalendarDate(dateIn(at, timeZone), { weekday: 'short', month: 'short', day: 'numeric', year: 'numeric' })} · ${formatTime(at, timeZone)}`;
