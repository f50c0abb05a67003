import { z } from 'zod';
import type { Modality } from './catalog';
import type { SessionDocument } from './documents';
import { checkContact, invitationTypeSchema, optionalEmail, optionalPhone, type InvitationType } from './participants';
import { timeZoneSchema } from './time-zone';
import { personNameSchema } from './users';

export const SESSION_STATUSES = ['scheduled', 'in_progress', 'completed', 'canceled'] as const;
export type SessionStatus = (typeof SESSION_STATUSES)[number];
export const STATUS_LABELS: Record<SessionStatus, string> = {
  scheduled: 'Scheduled',
  in_progress: 'In progress',
  completed: 'Completed',
  canceled: 'Canceled',
};

/** An existing directory entry (`participantId`) or a new participant given inline. */
export const sessionParticipantSchema = z
  .object({
    participantId: z.uuid({ message: 'Unknown participant' }).optional(),
    name: personNameSchema.optional(),
    timeZone: timeZoneSchema.optional(),
    invitationType: invitationTypeSchema.optional(),
    email: optionalEmail,
    phone: optionalPhone,
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

export interface SessionParticipant {
  id: string;
  name: string;
  timeZone: string;
  invitationType: InvitationType;
}

/** What POST /api/sessions answers. */
export interface CreatedSession {
  id: string;
  status: SessionStatus;
  start: string;
  end: string;
  hostId: string;
  serviceId: string;
  sessionTypeId: string;
  participants: SessionParticipant[];
  version: number;
}

/** A session as lists and pages show it. */
export interface Session extends CreatedSession {
  service: { id: string; name: string; durationMinutes: number };
  sessionType: { id: string; name: string; modality: Modality };
  host: { id: string; name: string; timeZone: string };
  /** How far the session's paperwork is: documents assigned, and how many are completed. */
  documentProgress: { total: number; completed: number };
}

/** Where a participant's invitation stands: what the outbox did, and whether they opened their link. */
export type DeliveryState = 'not_invited' | 'queued' | 'sent' | 'failed' | 'opened';

export interface SessionDetails extends Session {
  participants: (SessionParticipant & { email: string | null; phone: string | null; delivery: DeliveryState })[];
  cancelReason: string | null;
  previousSessionId: string | null;
  documents: SessionDocument[];
  createdAt: string;
  createdBy: { id: string; name: string };
}

export interface SessionPage {
  items: Session[];
  nextCursor: string | null;
}

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
