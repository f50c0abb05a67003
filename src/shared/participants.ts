import { z } from 'zod';
import { timeZoneSchema } from './time-zone';
import { emailSchema, personNameSchema } from './users';

export const INVITATION_TYPES = ['email', 'sms', 'email_sms', 'none'] as const;
export type InvitationType = (typeof INVITATION_TYPES)[number];
export const INVITATION_LABELS: Record<InvitationType, string> = {
  email: 'Email',
  sms: 'SMS',
  email_sms: 'Email and SMS',
  none: 'Link only',
};
export const invitationTypeSchema = z.enum(INVITATION_TYPES, { message: 'Choose email, SMS, both, or link only' });

export const needsEmail = (type: InvitationType) => type === 'email' || type === 'email_sms';
export const needsPhone = (type: InvitationType) => type === 'sms' || type === 'email_sms';

/** E.164: "+" and country code, 8 to 15 digits; spaces, dashes, dots and brackets are dropped. */
export const phoneSchema = z
  .string()
  .transform((v) => v.replace(/[\s\-().]/g, ''))
  .pipe(z.string().regex(/^\+[1-9]\d{6,14}$/, { message: 'Use international format with the country code, e.g. +1 212 555 0100' }));

const blankToUndefined = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);
export const optionalEmail = z.preprocess(blankToUndefined, emailSchema.optional());
export const optionalPhone = z.preprocess(blankToUndefined, phoneSchema.optional());

interface Contact {
  invitationType?: InvitationType | undefined;
  email?: string | undefined;
  phone?: string | undefined;
}

/** The email and/or phone number the chosen invitation needs but lacks, at their own fields. */
export function contactErrors(p: Contact): { path: 'email' | 'phone'; message: string }[] {
  if (!p.invitationType) return [];
  return [
    ...(needsEmail(p.invitationType) && !p.email ? [{ path: 'email' as const, message: 'An email invitation needs an email address' }] : []),
    ...(needsPhone(p.invitationType) && !p.phone ? [{ path: 'phone' as const, message: 'An SMS invitation needs a mobile phone number' }] : []),
  ];
}

export function checkContact(p: Contact, ctx: z.RefinementCtx): void {
  for (const error of contactErrors(p)) ctx.addIssue({ code: 'custom', message: error.message, path: [error.path] });
}

/** `YYYY-MM-DD` of the real calendar (no February 30). */
export const isCalendarDate = (v: string) => /^\d{4}-\d{2}-\d{2}$/.test(v) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v);

/** The latest day that is already today somewhere on Earth (UTC+14): a birth date after it is in the future everywhere. */
const latestToday = () => new Date(Date.now() + 14 * 3600_000).toISOString().slice(0, 10);

/** A real date, not in the future and not before 1900: what staff record and what a participant confirms. */
export const dateOfBirthSchema = z
  .string()
  .trim()
  .refine(isCalendarDate, { message: 'Enter a date as YYYY-MM-DD' })
  .refine((v) => v >= '1900-01-01', { message: 'A date of birth is not before 1900' })
  .refine((v) => v <= latestToday(), { message: 'A date of birth is not in the future' });

export const optionalDateOfBirth = z.preprocess(blankToUndefined, dateOfBirthSchema.optional());

const participantFields = {
  name: personNameSchema,
  timeZone: timeZoneSchema,
  invitationType: invitationTypeSchema,
  email: optionalEmail,
  phone: optionalPhone,
};

export const createParticipantSchema = z.object({ ...participantFields, dateOfBirth: optionalDateOfBirth }).superRefine((p, ctx) => checkContact(p, ctx));
export type CreateParticipant = z.output<typeof createParticipantSchema>;

export const updateParticipantSchema = z
  .object({
    ...participantFields,
    email: z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? null : v), emailSchema.nullable()),
    phone: z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? null : v), phoneSchema.nullable()),
    dateOfBirth: z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? null : v), dateOfBirthSchema.nullable()),
  })
  .partial()
  .refine((patch) => Object.keys(patch).length > 0, { message: 'Nothing to change' });
export type UpdateParticipant = z.output<typeof updateParticipantSchema>;

export const participantSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    email: z.email().nullable(),
    phone: z.string().nullable(),
    timeZone: z.string(),
    invitationType: z.enum(INVITATION_TYPES),
    dateOfBirth: z.iso.date().nullable().describe('Recorded by staff; a participant may be asked to confirm it before their link opens their page.'),
  })
  .meta({ id: 'Participant', description: "An entry of the organization's participant directory" });
export type Participant = z.infer<typeof participantSchema>;
