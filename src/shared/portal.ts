import { z } from 'zod';
import { MODALITIES } from './catalog';
import { isCalendarDate } from './participants';
import { organizationLogoSchema } from './logo';
import { SESSION_STATUSES } from './sessions';

/** What a participant's own page shows: their session, and nothing of other participants. */
export const portalViewSchema = z
  .object({
    session: z.object({
      id: z.uuid(),
      start: z.iso.datetime(),
      end: z.iso.datetime(),
      status: z.enum(SESSION_STATUSES),
      service: z.object({ name: z.string(), durationMinutes: z.number().int().positive() }),
      sessionType: z.object({ name: z.string(), modality: z.enum(MODALITIES) }),
      host: z.object({ name: z.string(), timeZone: z.string() }),
      organization: z.object({ name: z.string(), logo: organizationLogoSchema.nullable() }),
      startedAt: z.iso.datetime().nullable(),
      endedAt: z.iso.datetime().nullable(),
      /** From when until when the participant may join the call (video sessions). */
      joinWindow: z.object({ opensAt: z.iso.datetime(), closesAt: z.iso.datetime() }),
    }),
    participant: z.object({ id: z.uuid(), name: z.string(), timeZone: z.string() }),
  })
  .meta({ id: 'PortalView', description: "A participant's own session, and nothing of other participants" });
export type PortalView = z.infer<typeof portalViewSchema>;

export const portalExchangeSchema = z
  .object({ sessionId: z.uuid() })
  .meta({ id: 'PortalExchange', description: 'The session the join link opens; the participant cookie is set' });
export type PortalExchange = z.infer<typeof portalExchangeSchema>;

export const joinLinkSchema = z
  .object({ url: z.url(), expiresAt: z.iso.datetime() })
  .meta({ id: 'JoinLink', description: "A new private join link of a participant; it is not kept, so each request makes one" });
export type JoinLink = z.infer<typeof joinLinkSchema>;

/** How a participant shows it is them before their page opens (issue 18, point 7). */
export const VERIFICATION_METHODS = ['date_of_birth', 'one_time_code'] as const;
export type VerificationMethod = (typeof VERIFICATION_METHODS)[number];

/** A one-time code is six digits; it works once, for this long. */
export const CODE_VALID_MINUTES = 10;

export const portalVerificationSchema = z
  .object({
    organization: z.object({ name: z.string() }),
    required: z.boolean().describe('Whether this visit must still confirm who is joining; false once confirmed or when the clinic asks nothing.'),
    method: z.enum(VERIFICATION_METHODS).nullable().describe('What to confirm: the date of birth the clinic recorded, or a one-time code; null when nothing is asked.'),
    codeDestination: z.string().nullable().describe('Where a code goes, masked ("by email to a•••@example.test"); null when the record has no email or phone.'),
  })
  .meta({ id: 'PortalVerification', description: 'What a participant must confirm before their page opens; nothing about the session' });
export type PortalVerification = z.infer<typeof portalVerificationSchema>;

export const verifyParticipantSchema = z
  .object({
    dateOfBirth: z
      .string()
      .trim()
      .refine(isCalendarDate, { message: 'Enter a date as YYYY-MM-DD' })
      .optional(),
    code: z
      .string()
      .transform((v) => v.replace(/\s/g, ''))
      .pipe(z.string().regex(/^\d{6}$/, { message: 'The code is 6 digits' }))
      .optional(),
  })
  .refine((body) => (body.dateOfBirth === undefined) !== (body.code === undefined), { message: 'Give your date of birth or the code' })
  .meta({ id: 'VerifyParticipant', description: 'The date of birth or the one-time code' });
export type VerifyParticipant = z.output<typeof verifyParticipantSchema>;

export const codeSentSchema = z
  .object({ sentTo: z.string().describe('Masked, e.g. "by email to a•••@example.test".'), expiresAt: z.iso.datetime() })
  .meta({ id: 'CodeSent', description: 'A one-time code is on its way' });
export type CodeSent = z.infer<typeof codeSentSchema>;
