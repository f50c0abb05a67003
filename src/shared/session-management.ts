import { z } from 'zod';
import { checkBookingRequest, sessionRequestFields } from './sessions';

const instant = z.iso.datetime({ offset: true, message: 'Use an ISO 8601 date and time with its offset' });
const version = z.number({ message: 'Send the version you read' }).int().min(1);
const ids = (message: string) =>
  z
    .array(z.uuid({ message }))
    .max(30)
    .transform((list) => [...new Set(list)]);

export const updateSessionSchema = z
  .object({
    version,
    serviceId: z.uuid({ message: 'Choose a service' }).optional(),
    sessionTypeId: z.uuid({ message: 'Choose a session type' }).optional(),
    hostId: z.uuid({ message: 'Choose a host' }).optional(),
    documentTemplateIds: ids('Unknown document').optional(),
  })
  .refine((patch) => Object.keys(patch).length > 1, { message: 'Nothing to change' });
export type UpdateSession = z.output<typeof updateSessionSchema>;

export const rescheduleSchema = z.object({ start: instant, version: version.optional() });
export const cancelSchema = z.object({
  reason: z.string().trim().min(1, { message: 'Say why the session is canceled' }).max(1000, { message: 'Use at most 1,000 characters' }),
});
export const documentsSchema = z.object({ documentTemplateIds: ids('Unknown document') });

/** The next session of a series: everything defaults to the previous session's, except the time. */
export const nextSessionSchema = z
  .object({
    ...sessionRequestFields,
    serviceId: sessionRequestFields.serviceId.optional(),
    sessionTypeId: sessionRequestFields.sessionTypeId.optional(),
    participants: sessionRequestFields.participants.optional(),
  })
  .superRefine(checkBookingRequest);
export type NextSession = z.output<typeof nextSessionSchema>;

export const noteSchema = z.object({
  body: z.string().trim().min(1, { message: 'Write the note' }).max(20000, { message: 'Use at most 20,000 characters' }),
  amends: z.uuid({ message: 'Unknown note' }).optional(),
});

export const sessionNoteSchema = z
  .object({
    id: z.uuid(),
    body: z.string(),
    amends: z.uuid().nullable().describe('The note this one corrects: notes are never edited, only amended.'),
    author: z.object({ id: z.uuid(), name: z.string() }),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'SessionNote', description: "A note on a session by its host or the clinic's staff" });
export type SessionNote = z.infer<typeof sessionNoteSchema>;
