import { describe, expect, it } from 'vitest';
import { addDays, dateIn, formatSessionTime, formatTime, formatTimeRange, minutesOfDay, weekdayOf, zoneLabel } from './format';

describe('formatting times with their zone', () => {
  it('names the zone: an abbreviation where there is one, else the city and offset', () => {
    // 2026-03-03T15:00Z is 10:00 EST in New York and 16:00 CET in Berlin.
    expect(zoneLabel('America/New_York', '2026-03-03T15:00:00Z')).toBe('EST');
    expect(zoneLabel('America/New_York', '2026-07-03T15:00:00Z')).toBe('EDT');
    expect(zoneLabel('Europe/Berlin', '2026-03-03T15:00:00Z')).toBe('Berlin (GMT+1)');
    expect(zoneLabel('Asia/Kolkata', '2026-03-03T15:00:00Z')).toBe('Kolkata (GMT+5:30)');
    expect(zoneLabel('UTC', '2026-03-03T15:00:00Z')).toBe('UTC');
  });

  it('formats instants in the given zone, never the browser’s', () => {
    expect(formatTime('2026-03-03T15:00:00Z', 'America/New_York')).toBe('10:00 AM EST');
    expect(formatTime('2026-03-03T15:00:00Z', 'Europe/Berlin')).toBe('4:00 PM Berlin (GMT+1)');
    expect(formatTimeRange('2026-03-03T15:00:00Z', '2026-03-03T15:30:00Z', 'America/New_York')).toBe('10:00 AM – 10:30 AM EST');
    // 23:30 in Los Angeles on Mar 2 is already Mar 3 in UTC.
    expect(formatSessionTime('2026-03-03T07:30:00Z', '2026-03-03T08:00:00Z', 'America/Los_Angeles')).toBe('Mon, Mar 2, 2026 · 11:30 PM – 12:00 AM PST');
  });

  it('finds the local date and minute of day of an instant', () => {
    expect(dateIn('2026-03-03T03:00:00Z', 'America/New_York')).toBe('2026-03-02');
    expect(dateIn('2026-03-03T03:00:00Z', 'Asia/Tokyo')).toBe('2026-03-03');
    expect(minutesOfDay('2026-03-03T15:45:00Z', 'America/New_York')).toBe(10 * 60 + 45);
  });

  it('does calendar arithmetic on dates', () => {
    expect(addDays('2026-03-07', 2)).toBe('2026-03-09');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(weekdayOf('2026-03-02')).toBe(1);
    expect(weekdayOf('2026-03-08')).toBe(7);
  });
});
