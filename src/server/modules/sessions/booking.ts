import type { Kysely } from 'kysely';
import { INVITATION_LABELS, type InvitationType } from '../../../shared/participants';
import type { CreatedSession, CreateSession } from '../../../shared/sessions';
import type { Clock } from '../../clock';
import type { Database } from '../../db/schema';
import { writeTogether } from '../../db/writes';
import { forbidden, invalid, notFound } from '../../errors';
import { type Actor, hasRole } from '../auth';
import { checkTemplates, documentAssignments, sessionDocumentsWrite } from '../documents';
import { recordHistory } from '../history';
import { newSessionMessageContext, newSessionReminderWrites, sessionMessagesWrite } from '../messaging';
import { addToDirectory } from '../participants';
import { readBookingFacts } from './booking-read';
import { checkStart } from './booking-rules';
import * as repo from './repo';

const MINUTE = 60_000;

/** Providers host their own sessions; dispatchers and administrators may name any provider. */
export function hostIdFor(actor: Actor, hostId: string | undefined): string {
  if (hostId && hostId !== actor.id && !hasRole(actor, 'admin', 'dispatcher')) {
    throw forbidden('Providers can only schedule their own sessions');
  }
  if (hostId) return hostId;
  if (actor.roles.includes('provider')) return actor.id;
  throw invalid([{ path: 'hostId', message: 'Choose the session host' }]);
}

/**
 * Books a session inside the caller's transaction: the rules, the row (the database refuses an
 * overlap), participants, documents, history, invitations and reminders. Throws on any refusal,
 * so the transaction leaves nothing behind.
 */
export async function bookSession(
trx: Kysely<Database>,
deps: { clock: Clock; organizerEmail: string },
actor: Actor,
input: CreateSession,
sessionId: string,
options: { previousSessionId?: string } = {},
): Promise<CreatedSession> {
  const { clock, organizerEmail } = deps;
  const now = clock.now();
  const hostId = hostIdFor(actor, input.hostId);
  const existingIds = input.participants.flatMap((p) => (p.participantId ? [p.participantId] : []));
  const facts = await readBookingFacts(trx, actor.organizationId, {
    hostId,
    serviceId: input.serviceId,
    sessionTypeId: input.sessionTypeId,
    templateIds: input.documentTemplateIds,
    participantIds: existingIds,
  });
  const { host, service } = facts;
  if (!host || host.deactivated) throw notFound('Host');
  if (!host.roles.includes('provider')) throw invalid([{ path: 'hostId', message: 'This user is not a provider' }]);
  if (!service || !service.active) throw notFound('Service');
  if (!service.sessionTypeIds.includes(input.sessionTypeId)) {
    throw invalid([{ path: 'sessionTypeId', message: `${service.name} is not offered as this session type` }]);
  }

  const start = input.meetNow ? Math.floor(now.getTime() / MINUTE) * MINUTE : Date.parse(input.start!);
  const end = start + service.durationMinutes * MINUTE;
  checkStart({
    start,
    durationMinutes: service.durationMinutes,
    workHours: host.workHours,
    stepMinutes: host.slotStepMinutes,
    minimumNoticeMinutes: host.minimumNoticeMinutes,
    now: now.getTime(),
    meetNow: Boolean(input.meetNow),
    allowOutsideWorkHours: Boolean(input.allowOutsideWorkHours),
  });
  const templates = checkTemplates(facts.templates, input.documentTemplateIds ?? service.documentTemplateIds, 'documentTemplateIds');

  const existing = new Map(facts.participants.map((p) => [p.id, p]));
  const unknown = input.participants.flatMap((p, index) =>
    p.participantId && !existing.has(p.participantId) ? [{ path: `participants.${index}.participantId`, message: 'Unknown participant' }] : [],
  );
  if (unknown.length > 0) throw invalid(unknown);

  const sessionRow = repo.sessionWrite({
    id: sessionId,
    organizationId: actor.organizationId,
    serviceId: service.id,
    sessionTypeId: input.sessionTypeId,
    hostId,
    createdBy: actor.id,
    start: new Date(start),
    end: new Date(end),
    at: now,
    previousSessionId: options.previousSessionId ?? null,
  });
  // Newcomers join the directory after the row: a time taken meanwhile fails first (409), before them.
  const newcomers = input.participants.some((p) => !p.participantId);
  if (newcomers) await writeTogether(trx, [sessionRow]);

  const invited: { participantId: string; invitationType: InvitationType; name: string; timeZone: string; email: string | null; phone: string | null }[] = [];
  for (const [index, p] of input.participants.entries()) {
    const participant = p.participantId
      ? existing.get(p.participantId)!
      : await addToDirectory(trx, actor, { name: p.name!, timeZone: p.timeZone!, invitationType: p.invitationType!, email: p.email, phone: p.phone, dateOfBirth: p.dateOfBirth }, now, `participants.${index}.email`);
    invited.push({
      participantId: participant.id,
      invitationType: p.invitationType ?? participant.invitationType,
      name: participant.name,
      timeZone: participant.timeZone,
      email: participant.email,
      phone: participant.phone,
    });
  }
  const participantIds = invited.map((p) => p.participantId);

  // Invitations and reminders are written with the session: none for a booking that rolled back.
  const pendingDocuments = templates.filter((t) => t.audience === 'participant').map((t) => t.name);
  // The session type offered by the service is the organization's, so its names were found.
  const context = newSessionMessageContext(
    facts.names!,
    { id: sessionId, organizationId: actor.organizationId, start: new Date(start), end: new Date(end), serviceName: service.name },
    invited.map((p) => ({ id: p.participantId, name: p.name, timeZone: p.timeZone, email: p.email, phone: p.phone, invitationType: p.invitationType, pendingDocuments })),
  );
  // Every row of the booking in one statement with its history (one round trip, all or nothing);
  // the audit row comes last: it locks the organization's audit chain head until commit, and every
  // booking (every audited change) of the organization waits for that lock.
  await recordHistory(
    trx,
    {
      organizationId: actor.organizationId,
      sessionId,
      at: now,
      type: 'created',
      actor: { kind: 'user', id: actor.id, name: actor.name },
      data: {
        serviceName: service.name,
        ...(input.meetNow ? { meetNow: true } : {}),
        start: new Date(start).toISOString(),
        end: new Date(end).toISOString(),
        hostId,
        participants: invited.map((p) => ({ id: p.participantId, name: p.name, invitation: INVITATION_LABELS[p.invitationType] })),
        documents: templates.map((t) => t.name),
      },
    },
    [
      newcomers ? null : sessionRow,
      repo.sessionParticipantsWrite(actor.organizationId, sessionId, invited, now),
      sessionDocumentsWrite(actor.organizationId, sessionId, documentAssignments(templates, participantIds, hostId), now),
      sessionMessagesWrite(context, 'invitation', { organizerEmail, at: now }),
      ...newSessionReminderWrites({ organizationId: actor.organizationId, sessionId, participantIds, start: new Date(start), offsetsMinutes: host.reminderOffsetsMinutes, now }),
    ],
  );
  // Answered from what was just written: re-reading it would cost two more queries.
  return {
    id: sessionId,
    status: 'scheduled',
    start: new Date(start).toISOString(),
    end: new Date(end).toISOString(),
    hostId,
    serviceId: service.id,
    sessionTypeId: input.sessionTypeId,
    participants: invited.map((p) => ({ id: p.participantId, name: p.name, timeZone: p.timeZone, invitationType: p.invitationType })),
    version: 1,
    startedAt: null,
    endedAt: null,
  };
}
