import { z } from 'zod';
import { MODALITIES } from './catalog';
import { SESSION_STATUSES } from './session-status';
import { sessionDocumentSchema } from './documents';
import { checkContact, INVITATION_TYPES, invitationTypeSchema, optionalDateOfBirth, optionalEmail, optionalPhone } from './participants';
import { timeZoneSchema } from './time-zone';
import { personNameSchema } from './users';

export { SESSION_STATUSES, type SessionStatus, STATUS_LABELS } from './session-status';

/** An existing directory entry (`participantId`) or a new participant given inline. */
export const sessionParticipantSchema = z
  .object({
    participantId: z.uuid({ message: 'Unknown participant' }).optional(),
    name: personNameSchema.optional(),
    timeZone: timeZoneSchema.optional(),
    invitationType: invitationTypeSchema.optional(),
    email: optionalEmail,
    phone: optionalPhone,
    dateOfBirth: optionalDateOfBirth,
  })
  .superRefine((p, ctx) => {
    if (p.participantId) return;
    if (!p.name) ctx.addIssue({ code: 'custom', message: 'Enter a name', path: ['name'] });
    if (!p.timeZone) ctx.addIssue({ code: 'custom', message: 'Choose a time zone', path: ['timeZone'] });
    if (!p.invitationType) ctx.addIssue({ code: 'custom', message: 'Choose how to invite them', path: ['invitationType'] });
    checkContact(p, ctx);
  });
export type SessionParticipantInput = z.output<typeof sessionParticipantSchema>;

const instant = z.iso.datetime({ offset: true, message: 'Use an ISO 8601 date and time with its offset, e.g. 2026-03-03T14:00:00Z' });

/** The fields of a booking request, shared by "schedule" and "schedule the next session". */
export const sessionRequestFields = {
  serviceId: z.uuid({ message: 'Choose a service' }),
  sessionTypeId: z.uuid({ message: 'Choose a session type' }),
  hostId: z.uuid({ message: 'Choose a host' }).optional(),
  start: instant.optional(),
  meetNow: z.boolean().optional(),
  allowOutsideWorkHours: z.boolean().optional(),
  documentTemplateIds: z
    .array(z.uuid({ message: 'Unknown document' }))
    .max(30)
    .transform((ids) => [...new Set(ids)])
    .optional(),
  participants: z
    .array(sessionParticipantSchema)
    .min(1, { message: 'Add at least one participant' })
    .max(20, { message: 'At most 20 participants' }),
};

interface BookingRequest {
  start?: string | undefined;
  meetNow?: boolean | undefined;
  allowOutsideWorkHours?: boolean | undefined;
  participants?: { participantId?: string | undefined; email?: string | undefined }[] | undefined;
}

/** Rules across fields: a time or Meet Now, and each participant once. */
export function checkBookingRequest(s: BookingRequest, ctx: z.RefinementCtx): void {
  if (!s.start === !s.meetNow) {
    ctx.addIssue({ code: 'custom', message: 'Choose a start time, or Meet Now', path: ['start'] });
  }
  if (s.allowOutsideWorkHours && !s.meetNow) {
    ctx.addIssue({ code: 'custom', message: 'Only Meet Now may start outside Work Hours', path: ['allowOutsideWorkHours'] });
  }
  const seen = new Set<string>();
  (s.participants ?? []).forEach((p, index) => {
    const key = p.participantId ?? (p.email ? `email:${p.email}` : undefined);
    if (key && seen.has(key)) {
      ctx.addIssue({ code: 'custom', message: 'This participant is already in the list', path: ['participants', index] });
    }
    if (key) seen.add(key);
  });
}

export const createSessionSchema = z.object(sessionRequestFields).superRefine(checkBookingRequest);
export type CreateSession = z.output<typeof createSessionSchema>;

const sessionParticipantViewSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  timeZone: z.string(),
  invitationType: z.enum(INVITATION_TYPES),
});
export type SessionParticipant = z.infer<typeof sessionParticipantViewSchema>;

const sessionFields = {
  id: z.uuid(),
  status: z.enum(SESSION_STATUSES),
  start: z.iso.datetime(),
  end: z.iso.datetime(),
  hostId: z.uuid(),
  serviceId: z.uuid(),
  sessionTypeId: z.uuid(),
  participants: z.array(sessionParticipantViewSchema),
  version: z.number().int().positive().describe('Sent back with a change, so a change never silently replaces one it did not see.'),
  startedAt: z.iso.datetime().nullable().describe('When the host started it (or joined its call); null before.'),
  endedAt: z.iso.datetime().nullable().describe('When it ended (by the host, or automatically after its end); null before.'),
};

export const createdSessionSchema = z
  .object(sessionFields)
  .meta({ id: 'CreatedSession', description: 'A session just scheduled' });
export type CreatedSession = z.infer<typeof createdSessionSchema>;

export const sessionSchema = z
  .object({
    ...sessionFields,
    service: z.object({ id: z.uuid(), name: z.string(), durationMinutes: z.number().int().positive() }),
    sessionType: z.object({ id: z.uuid(), name: z.string(), modality: z.enum(MODALITIES) }),
    host: z.object({ id: z.uuid(), name: z.string(), timeZone: z.string() }),
    documentProgress: z.object({ total: z.number().int().nonnegative(), completed: z.number().int().nonnegative() }).describe("How far the session's paperwork is: documents assigned, and how many are completed."),
  })
  .meta({ id: 'Session', description: 'A session as lists and pages show it' });
export type Session = z.infer<typeof sessionSchema>;

/** Where a participant's invitation stands: what the outbox did, and whether they opened their link. */
const deliveryStateSchema = z.enum(['not_invited', 'queued', 'sent', 'failed', 'opened']);
export type DeliveryState = z.infer<typeof deliveryStateSchema>;

export const sessionDetailsSchema = sessionSchema
  .extend({
    participants: z.array(
      sessionParticipantViewSchema.extend({ email: z.email().nullable(), phone: z.string().nullable(), delivery: deliveryStateSchema }),
    ),
    cancelReason: z.string().nullable(),
    previousSessionId: z.uuid().nullable(),
    documents: z.array(sessionDocumentSchema),
    createdAt: z.iso.datetime(),
    createdBy: z.object({ id: z.uuid(), name: z.string() }),
  })
  .meta({ id: 'SessionDetails', description: 'A session with its participants, their invitations, its documents and where it came from' });
export type SessionDetails = z.infer<typeof sessionDetailsSchema>;

export const sessionPageSchema = z
  .object({ items: z.array(sessionSchema), nextCursor: z.string().nullable() })
  .meta({ id: 'SessionPage', description: 'A page of sessions; pass `nextCursor` as `cursor` for the next one' });
export type SessionPage = z.infer<typeof sessionPageSchema>;

export const listSessionsQuerySchema = z.object({
  from: instant.optional(),
  to: instant.optional(),
  hostId: z.uuid().optional(),
  status: z
    .string()
    .transform((v) => v.split(',').filter(Boolean))
    .pipe(z.array(z.enum(SESSION_STATUSES, { message: 'Unknown status' })))
    .optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type ListSessionsQuery = z.output<typeof listSessionsQuerySchema>;
