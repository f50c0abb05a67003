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
}

export const updateOrganizationSchema = z
  .object({
    name: z.string().trim().min(1, { message: 'Enter a name' }).max(200),
    timeZone: timeZoneSchema,
    slotStepMinutes: z.number().int().min(5, { message: 'At least 5 minutes' }).max(240, { message: 'At most 240 minutes' }),
    minimumNoticeMinutes: z.number().int().min(0, { message: 'Cannot be negative' }).max(43200, { message: 'At most 30 days' }),
  })
  .partial()
  .refine((patch) => Object.keys(patch).length > 0, { message: 'Nothing to change' });
export type UpdateOrganization = z.output<typeof updateOrganizationSchema>;
