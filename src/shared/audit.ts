import { z } from 'zod';

/** One page of the Audit page's list; the CSV export stops at `AUDIT_EXPORT_LIMIT` rows. */
export const AUDIT_PAGE_SIZE = 50;
export const AUDIT_EXPORT_LIMIT = 50_000;

export const AUDIT_ACTOR_KINDS = ['user', 'participant', 'system', 'anonymous'] as const;
export const AUDIT_OUTCOMES = ['success', 'denied', 'failed'] as const;

const auditFilterFields = z.object({
  userId: z.uuid().optional().describe('Events by this staff member'),
  participantId: z.uuid().optional().describe('Events about this patient (or other participant)'),
  sessionId: z.uuid().optional().describe('Events about this session'),
  action: z
    .string()
    .regex(/^[a-z_]+\.[a-z_]+$/, 'Choose an action such as session.rescheduled')
    .optional()
    .describe('One action code, e.g. `session.rescheduled`'),
  from: z.iso.datetime({ message: 'Enter an ISO 8601 instant' }).optional().describe('At or after this instant'),
  to: z.iso.datetime({ message: 'Enter an ISO 8601 instant' }).optional().describe('Before this instant'),
});
const orderedRange = (f: { from?: string; to?: string }) => !f.from || !f.to || Date.parse(f.from) <= Date.parse(f.to);
const rangeError = { path: ['to'], message: 'The end must not be before the start' };

/** The filters of the list and of the export: each narrows, all together. */
export const auditFilterSchema = auditFilterFields.refine(orderedRange, rangeError);
export type AuditFilter = z.infer<typeof auditFilterSchema>;

export const auditQuerySchema = auditFilterFields
  .extend({
    cursor: z
      .string()
      .regex(/^[1-9][0-9]{0,17}$/, 'Use the nextCursor of the previous page')
      .optional()
      .describe('The `nextCursor` of the previous page'),
  })
  .refine(orderedRange, rangeError);
export type AuditQuery = z.infer<typeof auditQuerySchema>;

const named = z.object({ id: z.uuid(), name: z.string() });

export const auditItemSchema = z
  .object({
    id: z.string().describe('Increasing with time of writing; the cursor of the next page is the last id'),
    at: z.iso.datetime(),
    actor: z.object({
      kind: z.enum(AUDIT_ACTOR_KINDS),
      id: z.uuid().nullable(),
      name: z.string().nullable().describe('The staff member or participant; null for the system and for someone not signed in'),
    }),
    action: z.string(),
    outcome: z.enum(AUDIT_OUTCOMES),
    entity: z.object({ type: z.string(), id: z.string().nullable(), name: z.string().nullable().describe('A staff member’s name when the event is about one') }),
    participantIds: z.array(z.uuid()),
    participants: z.array(named).describe('The patients concerned, with their names, in the order of participantIds'),
    sessionId: z.uuid().nullable(),
    session: z.object({ id: z.uuid(), title: z.string(), start: z.iso.datetime() }).nullable().describe('The session’s service and start'),
  })
  .meta({ id: 'AuditEvent', description: 'One event of the audit trail: who did what, about whom, with what outcome' });
export type AuditItem = z.infer<typeof auditItemSchema>;

export const auditPageSchema = z
  .object({
    items: z.array(auditItemSchema),
    nextCursor: z.string().nullable().describe('Pass as `cursor` for the next (older) page; null on the last page'),
  })
  .meta({ id: 'AuditPage', description: 'Audit events, newest first, 50 at a time' });
export type AuditPage = z.infer<typeof auditPageSchema>;

export const auditChainSchema = z
  .object({
    intact: z.boolean(),
    rows: z.number().int().describe('Events checked, oldest first, up to the first broken link'),
    firstBroken: z
      .object({ id: z.string(), seq: z.number().int(), reason: z.string() })
      .nullable()
      .describe('The first event whose link to the one before it does not hold (changed, missing or out of order)'),
  })
  .meta({ id: 'AuditChain', description: "The state of the organization's audit hash chain" });
export type AuditChain = z.infer<typeof auditChainSchema>;
