import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AuditOutcome } from '../../db/schema';
import type { AuditBatcher } from './batcher';

/** What a read concerns, from its route parameters or noted by its handler. */
export interface AuditSubject {
  sessionId?: string | null;
  /** The patients concerned; unset on a session's read, where they are its participants. */
  participantIds?: readonly string[];
  entityId?: string | null;
}

/** The participant behind a portal request, noted when their cookie is resolved. */
export interface AuditVisitor {
  organizationId: string;
  participantId: string;
  sessionId: string;
}

/** A route's audit: `config: { audit: sessionRead('note.read', 'session') }`. */
export interface ReadAudit {
  action: string;
  entityType: string;
  subject: (request: FastifyRequest) => AuditSubject;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    audit?: ReadAudit;
  }
  interface FastifyRequest {
    auditSubject: AuditSubject | null;
    auditVisitor: AuditVisitor | null;
  }
}

const param = (request: FastifyRequest, name: string): string | null => (request.params as Record<string, string | undefined>)[name] ?? null;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** An address naming no possible record (`/sessions/abc`) is answered 404 by validation: no read happened. */
const namesNoRecord = (subject: AuditSubject) =>
  (subject.sessionId != null && !UUID.test(subject.sessionId)) || (subject.participantIds ?? []).some((id) => !UUID.test(id));

/** A read under `/sessions/:id/…`: the session is the `id` parameter, the record `entityParam`. */
export const sessionRead = (action: string, entityType = 'session', entityParam = 'id'): ReadAudit => ({
  action,
  entityType,
  subject: (request) => ({ sessionId: param(request, 'id'), entityId: param(request, entityParam) }),
});

/** A participant's directory record, `/participants/:id`. */
export const participantRead = (action: string): ReadAudit => ({
  action,
  entityType: 'participant',
  subject: (request) => ({ participantIds: [param(request, 'id')!], entityId: param(request, 'id') }),
});

/** A participant's own page: their session (noted with the visitor); the record is `entityParam`, if any. */
export const portalRead = (action: string, entityType = 'session', entityParam?: string): ReadAudit => ({
  action,
  entityType,
  subject: (request) => ({
    sessionId: request.auditVisitor?.sessionId ?? null,
    entityId: entityParam ? param(request, entityParam) : (request.auditVisitor?.sessionId ?? null),
  }),
});

/** A read whose handler names what it returned (`noteAuditSubject`), e.g. a search's results. */
export const listRead = (action: string, entityType: string): ReadAudit => ({ action, entityType, subject: () => ({}) });

/** Adds what only the handler knows (the patients a list showed) to the request's audit event. */
export function noteAuditSubject(request: FastifyRequest, subject: AuditSubject): void {
  request.auditSubject = { ...request.auditSubject, ...subject };
}

/** Notes the participant a portal request acts as (the portal calls it when it reads the cookie). */
export function noteAuditVisitor(request: FastifyRequest, visitor: AuditVisitor): void {
  request.auditVisitor = visitor;
}

/** A refused read (the access policy's 403 or 404) is `denied`; a server failure `failed`; bad input is no read. */
function outcomeOf(status: number): AuditOutcome | null {
  if (status < 300) return 'success';
  if (status === 403 || status === 404) return 'denied';
  if (status >= 500) return 'failed';
  return null;
}

/**
 * The one place reads are audited: as its answer is sent, a route with `config.audit` queues
 * one event (who, what, which patients and session, outcome, address) on the batcher.
 */
export function registerReadAudit(app: FastifyInstance, batcher: AuditBatcher, now: () => Date): void {
  app.decorateRequest('auditSubject', null);
  app.decorateRequest('auditVisitor', null);
  // onSend, not onResponse: the event is queued before the answer leaves, so a close that
  // follows the answer (SIGTERM after the last request) always finds it in the queue.
  app.addHook('onSend', async (request: FastifyRequest, reply: FastifyReply, payload: unknown) => {
    const audit = request.routeOptions.config.audit;
    if (audit) queueRead(request, reply, audit);
    return payload;
  });

  function queueRead(request: FastifyRequest, reply: FastifyReply, audit: ReadAudit): void {
    const outcome = outcomeOf(reply.statusCode);
    // A portal route acts as the participant of the cookie, even in a browser also signed in as staff.
    const visitor = request.auditVisitor;
    const actor = visitor ? null : request.actor;
    if (!outcome || (!actor && !visitor)) return;
    const subject = { ...audit.subject(request), ...request.auditSubject };
    if (namesNoRecord(subject)) return;
    batcher.add({
      organizationId: actor ? actor.organizationId : visitor!.organizationId,
      actorUserId: actor?.id ?? null,
      actorKind: actor ? 'user' : 'participant',
      actorParticipantId: actor ? null : visitor!.participantId,
      action: audit.action,
      entityType: audit.entityType,
      entityId: subject.entityId ?? null,
      ...(subject.participantIds ? { participantIds: subject.participantIds } : {}),
      sessionId: subject.sessionId ?? null,
      outcome,
      address: request.ip,
      at: now(),
    });
  }
}
