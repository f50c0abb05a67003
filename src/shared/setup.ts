import { z } from 'zod';
import { timeZoneSchema } from './time-zone';
import { emailSchema, passwordSchema, personNameSchema } from './users';

export const LOCALES = ['en-US', 'en-GB', 'fr-FR', 'de-DE', 'es-ES'] as const;

export const organizationNameSchema = z.string().trim().min(1, { message: 'Enter the organization’s name' }).max(200, { message: 'Use at most 200 characters' });

/** First-run setup: the organization and its first administrator, who chooses their own password. */
export const setupSchema = z.object({
  token: z.string().min(1).max(100),
  organizationName: organizationNameSchema,
  timeZone: timeZoneSchema,
  locale: z.enum(LOCALES),
  adminName: personNameSchema,
  adminEmail: emailSchema,
  password: passwordSchema,
});
export type SetupInput = z.output<typeof setupSchema>;
