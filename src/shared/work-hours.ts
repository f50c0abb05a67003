import { z } from 'zod';
import { timeZoneSchema } from './time-zone';

export const WEEKDAY_NAMES = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'] as const;

/** "HH:MM" → minutes after midnight; "24:00" is 1440 (a range may end at midnight). */
export const minutesOf = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));

const START = /^([01]\d|2[0-3]):[0-5]\d$/;
const END = /^(([01]\d|2[0-3]):[0-5]\d|24:00)$/;
const startTime = z.string().regex(START, { message: 'Use a 24-hour time, 00:00–23:59' });
const endTime = z.string().regex(END, { message: 'Use a 24-hour time, 00:01–24:00' });

// Zod runs refinements even when a field failed; compare only well-formed times.
const rangeSchema = z
  .object({ start: startTime, end: endTime })
  .refine((r) => !START.test(r.start) || !END.test(r.end) || minutesOf(r.end) > minutesOf(r.start), {
    message: 'End must be after start',
    path: ['end'],
  });

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'Use a date as YYYY-MM-DD' })
  .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d), {
    message: 'Not a calendar date',
  });

interface Range {
  start: string;
  end: string;
}

/** Reports each range that overlaps an earlier one of the same day, at its own path. */
function checkOverlaps(ranges: readonly Range[], pathOf: (index: number) => (string | number)[], ctx: z.RefinementCtx) {
  const sorted = ranges.map((range, index) => ({ range, index })).sort((a, b) => minutesOf(a.range.start) - minutesOf(b.range.start));
  for (let i = 1; i < sorted.length; i++) {
    const previous = sorted[i - 1]!.range;
    const current = sorted[i]!;
    if (minutesOf(current.range.start) < minutesOf(previous.end)) {
      ctx.addIssue({
        code: 'custom',
        message: `Overlaps ${previous.start}–${previous.end}`,
        path: [...pathOf(current.index), 'start'],
      });
    }
  }
}

export const workHoursSchema = z
  .object({
    timeZone: timeZoneSchema,
    weekly: z
      .array(rangeSchema.extend({ weekday: z.number().int().min(1, { message: 'Use 1 (Monday) to 7 (Sunday)' }).max(7, { message: 'Use 1 (Monday) to 7 (Sunday)' }) }))
      .max(70, { message: 'At most 70 weekly ranges' }),
    overrides: z
      .array(z.object({ date: isoDate, ranges: z.array(rangeSchema).max(10, { message: 'At most 10 ranges a day' }) }))
      .max(1000, { message: 'At most 1,000 date overrides' }),
  })
  .superRefine((hours, ctx) => {
    for (let weekday = 1; weekday <= 7; weekday++) {
      const indexes = hours.weekly.flatMap((range, index) => (range.weekday === weekday ? [index] : []));
      checkOverlaps(
        indexes.map((index) => hours.weekly[index]!),
        (i) => ['weekly', indexes[i]!],
        ctx,
      );
    }
    const seen = new Map<string, number>();
    hours.overrides.forEach((override, index) => {
      if (seen.has(override.date)) {
        ctx.addIssue({ code: 'custom', message: 'This date already has an override', path: ['overrides', index, 'date'] });
      }
      seen.set(override.date, index);
      checkOverlaps(override.ranges, (i) => ['overrides', index, 'ranges', i], ctx);
    });
  })
  .meta({ id: 'WorkHours', description: "A provider's weekly hours in their zone, and the dates that differ (an empty list of ranges: not working)" });

export type WorkHours = z.output<typeof workHoursSchema>;
export type WeeklyRange = WorkHours['weekly'][number];
export type DateOverride = WorkHours['overrides'][number];
