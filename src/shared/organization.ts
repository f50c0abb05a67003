import { z } from 'zod';
import { organizationLogoSchema } from './logo';
import { singleLine } from './text';
import { timeZoneSchema } from './time-zone';

/** What a participant confirms before their link shows anything (issue 18, point 7). */
export const PARTICIPANT_VERIFICATIONS = ['none', 'date_of_birth', 'one_time_code'] as const;
export type ParticipantVerification = (typeof PARTICIPANT_VERIFICATIONS)[number];
export const PARTICIPANT_VERIFICATION_LABELS: Record<ParticipantVerification, string> = {
  none: 'Nothing: the link alone opens the page',
  date_of_birth: 'Their date of birth (a one-time code when none is recorded)',
  one_time_code: 'A one-time code sent to their email or phone',
};

export const organizationSettingsSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    timeZone: z.string(),
    slotStepMinutes: z.number().int().positive().describe("Bookable times start on this step from each Work Hours range's start."),
    minimumNoticeMinutes: z.number().int().nonnegative().describe('Nothing can be booked sooner than this after now.'),
    reminderOffsetsMinutes: z.array(z.number().int().positive()).describe('Minutes before each session when participants get a reminder, e.g. [1440, 60].'),
    joinWindowMinutes: z.number().int().nonnegative().describe('How long before its start a session may start and participants may join its call.'),
    autoCompleteMinutes: z.number().int().positive().describe('How long after its end a session left in progress completes by itself.'),
    preferredUnits: z.enum(['metric', 'us']).describe('How vital signs are shown: metric (°C, kg, cm, mmol/L) or US (°F, lb, in, mg/dL).'),
    requireMfa: z.boolean().describe('Every staff member must set up two-step sign-in (an authenticator app) before reaching anything.'),
    participantVerification: z
      .enum(PARTICIPANT_VERIFICATIONS)
      .describe('What a participant opening their link confirms before the page shows anything: nothing, their date of birth (a one-time code when none is recorded), or a one-time code.'),
    logo: organizationLogoSchema.nullable(),
  })
  .meta({ id: 'OrganizationSettings', description: "The organization's name, time zone and booking rules" });
export type OrganizationSettings = z.infer<typeof organizationSettingsSchema>;

export const organizationNameSchema = singleLine(z.string().trim().min(1, { message: 'Enter a name' }).max(200));

export const updateOrganizationSchema = z
  .object({
    name: organizationNameSchema,
    timeZone: timeZoneSchema,
    slotStepMinutes: z.number().int().positive().min(5, { message: 'At least 5 minutes' }).max(240, { message: 'At most 240 minutes' }),
    minimumNoticeMinutes: z.number().int().nonnegative().min(0, { message: 'Cannot be negative' }).max(43200, { message: 'At most 30 days' }),
    reminderOffsetsMinutes: z
      .array(z.number().int().min(5, { message: 'At least 5 minutes before' }).max(43200, { message: 'At most 30 days before' }))
      .max(5, { message: 'At most 5 reminders' })
      .transform((offsets) => [...new Set(offsets)].sort((a, b) => b - a)),
    joinWindowMinutes: z.number().int().min(0, { message: 'Cannot be negative' }).max(240, { message: 'At most 240 minutes' }),
    autoCompleteMinutes: z.number().int().min(5, { message: 'At least 5 minutes' }).max(1440, { message: 'At most 24 hours' }),
    preferredUnits: z.enum(['metric', 'us'], { message: 'Choose metric or US units' }),
    requireMfa: z.boolean(),
    participantVerification: z.enum(PARTICIPANT_VERIFICATIONS, { message: 'Choose none, date of birth or one-time code' }),
  })
  .partial()
  .refine((patch) => Object.keys(patch).length > 0, { message: 'Nothing to change' });
export type UpdateOrganization = z.output<typeof updateOrganizationSchema>;
