import { z } from 'zod';
import { timeZoneSchema } from './time-zone';

export interface OrganizationSettings {
  id: string;
  name: string;
  timeZone: string;
  /** Bookable times start on this step from each Work Hours range's start. */
  slotStepMinutes: number;
  /** Nothing can be booked sooner than this after now. */
  minimumNoticeMinutes: number;
  /** Minutes before each session when participants get a reminder, e.g. [1440, 60]. */
  reminderOffsetsMinutes: number[];
}

export const updateOrganizationSchema = z
  .object({
    name: z.string().trim().min(1, { message: 'Enter a name' }).max(200),
    timeZone: timeZoneSchema,
    slotStepMinutes: z.number().int().min(5, { message: 'At least 5 minutes' }).max(240, { message: 'At most 240 minutes' }),
    minimumNoticeMinutes: z.number().int().min(0, { message: 'Cannot be negative' }).max(43200, { message: 'At most 30 days' }),
    reminderOffsetsMinutes: z
      .array(z.number().int().min(5, { message: 'At least 5 minutes before' }).max(43200, { message: 'At most 30 days before' }))
      .max(5, { message: 'At most 5 reminders' })
      .transform((offsets) => [...new Set(offsets)].sort((a, b) => b - a)),
  })
  .partial()
  .refine((patch) => Object.keys(patch).length > 0, { message: 'Nothing to change' });
export type UpdateOrganization = z.output<typeof updateOrganizationSchema>;
