import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { Participant } from '../../../shared/participants';
import type { CreatedSession, SessionDetails, SessionParticipantInput } from '../../../shared/sessions';
import type { NextSession, UpdateSession } from '../../../shared/session-management';
import type { Clock } from '../../clock';
import { isExclusionViolation } from '../../db/errors';
import type { Database, MessageKind, SessionsTable } from '../../db/schema';
import { conflict, DomainError, invalid, notFound } from '../../errors';
import { type Actor, hasRole } from '../auth/actor';
import { findHostContext } from '../availability/repo';
import { findService } from '../catalog/repo';
import { requireTemplates } from '../documents/service';
import { type HistoryActor, recordHistory } from '../history/repo';
import { loadMessageContext } from '../invitations/context';
import { enqueueMessages } from '../invitations/enqueue';
import { moveLinkExpiry } from '../invitations/links';
import { cancelReminders, moveReminders, scheduleReminders } from '../invitations/reminders-repo';
import { findParticipants } from '../participants/repo';
import { addToDirectory } from '../participants/service';
import { bookSession, hostIdFor } from './booking';
import { checkStart, documentAssignments } from './booking-rules';
import { findSessionDetails } from './queries';
import * as repo from './repo';

const MINUTE = 60_000;
type SessionRow = Selectable<SessionsTable>;

export interface ManagementDeps {
  db: Kysely<Database>;
  clock: Clock;
  organizerEmail: string;
}

const slotUnavailable = () => new DomainError('conflict', 'slot_unavailable', 'The host already has a session at this time. Choose another time.');

/**
 * Everything done to a session after it exists. Each action locks the row, checks who may act
 * and the session's state, writes its change, history and messages in one transaction.
 */
export function createSessionManagement({ db, clock, organizerEmail }: ManagementDeps) {
  const who = (actor: Actor): HistoryActor => ({ kind: 'user', id: actor.id, name: actor.name });

  /** Runs `work` on the locked session; the host, dispatchers and administrators only. */
  async function change<T>(actor: Actor, sessionId: string, work: (trx: Kysely<Database>, row: SessionRow) => Promise<T>): Promise<T> {
    try {
      return await db.transaction().execute(async (trx) => {
        const row = await repo.lockSession(trx, actor.organizationId, sessionId);
        if (!row || (row.host_id !== actor.id && !hasRole(actor, 'admin', 'dispatcher'))) throw notFound('Session');
        return work(trx, row);
      });
    } catch (error) {
      if (isExclusionViolation(error, 'sessions_no_overlap')) throw slotUnavailable();
      throw error;
    }
  }

  const requireOpen = (row: SessionRow) => {
    if (row.status === 'canceled' || row.status === 'completed') {
      throw conflict('invalid_state', `This session is ${row.status}: it can no longer be changed`);
    }
  };
  const requireVersion = (row: SessionRow, version: number | undefined) => {
    if (version !== undefined && version !== row.version) {
      throw conflict('version_conflict', 'Someone changed this session since you opened it. Reload to see the latest.');
    }
  };

  const history = (trx: Kysely<Database>, actor: Actor, row: SessionRow, type: string, summary: string, data: Record<string, unknown> = {}) =>
    recordHistory(trx, { organizationId: row.organization_id, sessionId: row.id, at: clock.now(), type, actor: who(actor), summary, data });

  async function tellParticipants(trx: Kysely<Database>, sessionId: string, kind: MessageKind, participantIds?: string[], reason?: string) {
    const context = await loadMessageContext(trx, sessionId);
    const ids = participantIds ?? context.participants.map((p) => p.id);
    await enqueueMessages(trx, context, kind, ids, { organizerEmail, at: clock.now(), ...(reason ? { reason } : {}) });
  }

  /** Adds or removes assignments so the session's documents are exactly `templateIds`; true if any changed. */
  async function assignDocuments(trx: Kysely<Database>, actor: Actor, row: SessionRow, templateIds: string[]): Promise<boolean> {
    const wanted = await requireTemplates(trx, actor.organizationId, templateIds, 'documentTemplateIds');
    const current = await repo.assignedTemplates(trx, row.id);
    const added = wanted.filter((t) => !current.some((c) => c.id === t.id));
    const removed = current.filter((c) => !wanted.some((t) => t.id === c.id));
    const locked = removed.find((t) => t.completed > 0);
    if (locked) throw conflict('document_completed', `${locked.name} has been completed and stays with the session`);
    if (added.length === 0 && removed.length === 0) return false;
    const participants = await repo.sessionParticipantIds(trx, row.id);
    await repo.insertSessionDocuments(trx, row.organization_id, row.id, documentAssignments(added, participants, row.host_id), clock.now());
    if (removed.length > 0) {
      await trx.deleteFrom('session_documents').where('session_id', '=', row.id).where('template_id', 'in', removed.map((t) => t.id)).execute();
    }
    const names = (list: { name: string }[]) => list.map((t) => t.name).join(', ');
    await history(trx, actor, row, 'documents_updated', [added.length ? `Assigned ${names(added)}` : '', removed.length ? `Unassigned ${names(removed)}` : ''].filter(Boolean).join('; '), {
      added: added.map((t) => t.name),
      removed: removed.map((t) => t.name),
    });
    return true;
  }

  /** Every change raises the version once: stale editors get 409, calendars take the update. */
  const bumpVersion = (trx: Kysely<Database>, id: string) =>
    trx.updateTable('sessions').set((eb) => ({ version: eb('version', '+', 1), updated_at: clock.now() })).where('id', '=', id).execute();

  const details = async (actor: Actor, id: string): Promise<SessionDetails> => (await findSessionDetails(db, actor.organizationId, id))!;

  return {
    /** Edit service, session type, host or documents; a new host or duration is checked again. */
    async update(actor: Actor, id: string, patch: UpdateSession): Promise<SessionDetails> {
      await change(actor, id, async (trx, row) => {
        requireOpen(row);
        requireVersion(row, patch.version);
        const hostId = patch.hostId ? hostIdFor(actor, patch.hostId) : row.host_id;
        const serviceId = patch.serviceId ?? row.service_id;
        const sessionTypeId = patch.sessionTypeId ?? row.session_type_id;
        const moved = hostId !== row.host_id || serviceId !== row.service_id || sessionTypeId !== row.session_type_id;
        if (moved) {
          const host = await findHostContext(trx, actor.organizationId, hostId);
          if (!host || host.deactivated) throw notFound('Host');
          if (!host.roles.includes('provider')) throw invalid([{ path: 'hostId', message: 'This user is not a provider' }]);
          const service = await findService(trx, actor.organizationId, serviceId);
          if (!service || !service.active) throw notFound('Service');
          if (!service.sessionTypeIds.includes(sessionTypeId)) {
            throw invalid([{ path: 'sessionTypeId', message: `${service.name} is not offered as this session type` }]);
          }
          const start = row.starts_at.getTime();
          checkStart({
            start,
            durationMinutes: service.durationMinutes,
            workHours: host.workHours,
            stepMinutes: host.slotStepMinutes,
            minimumNoticeMinutes: 0,
            now: clock.now().getTime(),
            meetNow: false,
            allowOutsideWorkHours: false,
          });
          await trx
            .updateTable('sessions')
            .set({
              host_id: hostId,
              service_id: serviceId,
              session_type_id: sessionTypeId,
              ends_at: new Date(start + service.durationMinutes * MINUTE),
            })
            .where('id', '=', id)
            .execute();
          if (hostId !== row.host_id) {
            await trx.updateTable('session_documents').set({ host_id: hostId }).where('session_id', '=', id).where('host_id', '=', row.host_id).execute();
          }
          await history(trx, actor, row, 'updated', `Changed ${[hostId !== row.host_id && 'the host', serviceId !== row.service_id && 'the service', sessionTypeId !== row.session_type_id && 'the session type'].filter(Boolean).join(', ')}`, {
            hostId: [row.host_id, hostId],
            serviceId: [row.service_id, serviceId],
            sessionTypeId: [row.session_type_id, sessionTypeId],
          });
          await moveLinkExpiry(trx, id, new Date(start + service.durationMinutes * MINUTE));
          await tellParticipants(trx, id, 'update');
        }
        // Host documents newly assigned go to the host the session has now.
        const documentsChanged = patch.documentTemplateIds ? await assignDocuments(trx, actor, { ...row, host_id: hostId }, patch.documentTemplateIds) : false;
        if (moved || documentsChanged) await bumpVersion(trx, id);
      });
      return details(actor, id);
    },

    /** Move to another free time of the host; participants get an updated invitation. */
    async reschedule(actor: Actor, id: string, input: { start: string; version?: number | undefined }): Promise<SessionDetails> {
      await change(actor, id, async (trx, row) => {
        requireOpen(row);
        requireVersion(row, input.version);
        const host = await findHostContext(trx, actor.organizationId, row.host_id);
        const duration = row.ends_at.getTime() - row.starts_at.getTime();
        const start = Date.parse(input.start);
        const now = clock.now();
        checkStart({
          start,
          durationMinutes: duration / MINUTE,
          workHours: host!.workHours,
          stepMinutes: host!.slotStepMinutes,
          minimumNoticeMinutes: host!.minimumNoticeMinutes,
          now: now.getTime(),
          meetNow: false,
          allowOutsideWorkHours: false,
        });
        await trx
          .updateTable('sessions')
          .set((eb) => ({ starts_at: new Date(start), ends_at: new Date(start + duration), version: eb('version', '+', 1), updated_at: now }))
          .where('id', '=', id)
          .execute();
        await moveReminders(trx, id, new Date(start), now);
        await moveLinkExpiry(trx, id, new Date(start + duration));
        await history(trx, actor, row, 'rescheduled', 'Rescheduled', {
          from: { start: row.starts_at.toISOString(), end: row.ends_at.toISOString() },
          to: { start: new Date(start).toISOString(), end: new Date(start + duration).toISOString() },
        });
        await tellParticipants(trx, id, 'update');
      });
      return details(actor, id);
    },

    /** Cancel with a reason: the time becomes free, reminders are dropped, participants are told. */
    async cancel(actor: Actor, id: string, reason: string): Promise<SessionDetails> {
      await change(actor, id, async (trx, row) => {
        requireOpen(row);
        const now = clock.now();
        await trx
          .updateTable('sessions')
          .set((eb) => ({ status: 'canceled', canceled_at: now, cancel_reason: reason, version: eb('version', '+', 1), updated_at: now }))
          .where('id', '=', id)
          .execute();
        await cancelReminders(trx, id);
        await repo.dropQueuedMessages(trx, id, 'Not sent: the session was canceled first');
        await history(trx, actor, row, 'canceled', `Canceled: ${reason}`, { reason });
        await tellParticipants(trx, id, 'cancellation', undefined, reason);
      });
      return details(actor, id);
    },

    async setDocuments(actor: Actor, id: string, templateIds: string[]): Promise<SessionDetails> {
      await change(actor, id, async (trx, row) => {
        requireOpen(row);
        if (await assignDocuments(trx, actor, row, templateIds)) await bumpVersion(trx, id);
      });
      return details(actor, id);
    },

    /** Adds someone from the directory, or someone new, and invites them. */
    async addParticipant(actor: Actor, id: string, input: SessionParticipantInput): Promise<Participant> {
      return change(actor, id, async (trx, row) => {
        requireOpen(row);
        const now = clock.now();
        let participant: Participant;
        if (input.participantId) {
          const [found] = await findParticipants(trx, actor.organizationId, [input.participantId]);
          if (!found) throw invalid([{ path: 'participantId', message: 'Unknown participant' }]);
          participant = found;
        } else {
          participant = await addToDirectory(trx, actor, { name: input.name!, timeZone: input.timeZone!, invitationType: input.invitationType!, email: input.email, phone: input.phone }, now);
        }
        const members = await repo.sessionParticipantIds(trx, id);
        if (members.includes(participant.id)) throw conflict('already_participant', `${participant.name} is already a participant of this session`);
        await repo.insertSessionParticipants(trx, row.organization_id, id, [{ participantId: participant.id, invitationType: input.invitationType ?? participant.invitationType }], now);
        const participantDocuments = (await repo.assignedTemplates(trx, id)).filter((t) => t.audience === 'participant');
        await repo.insertSessionDocuments(trx, row.organization_id, id, documentAssignments(participantDocuments, [participant.id], row.host_id), now);
        const host = await findHostContext(trx, actor.organizationId, row.host_id);
        await scheduleReminders(trx, {
          organizationId: row.organization_id,
          sessionId: id,
          participantIds: [participant.id],
          start: row.starts_at,
          offsetsMinutes: host?.reminderOffsetsMinutes ?? [],
          now,
        });
        await history(trx, actor, row, 'participant_added', `Added ${participant.name}`, { participantId: participant.id });
        await tellParticipants(trx, id, 'invitation', [participant.id]);
        return participant;
      });
    },

    /** Removes a participant: their link stops working and nothing more is sent to them. */
    async removeParticipant(actor: Actor, id: string, participantId: string): Promise<void> {
      await change(actor, id, async (trx, row) => {
        const [participant] = await findParticipants(trx, actor.organizationId, [participantId]);
        const members = await repo.sessionParticipantIds(trx, id);
        if (!participant || !members.includes(participantId)) throw notFound('Participant');
        await trx.deleteFrom('session_documents').where('session_id', '=', id).where('participant_id', '=', participantId).where('status', '=', 'pending').execute();
        await repo.dropQueuedMessages(trx, id, 'Not sent: the participant was removed', participantId);
        // Cascades to their join links, open visits and reminders.
        await trx.deleteFrom('session_participants').where('session_id', '=', id).where('participant_id', '=', participantId).execute();
        await history(trx, actor, row, 'participant_removed', `Removed ${participant.name}`, { participantId });
      });
    },

    /** The next session of a series: same service, type, host, participants and documents unless given. */
    async scheduleNext(actor: Actor, previousId: string, input: NextSession): Promise<CreatedSession> {
      const sessionId = randomUUID();
      try {
        return await db.transaction().execute(async (trx) => {
          const previous = await repo.lockSession(trx, actor.organizationId, previousId);
          if (!previous || (previous.host_id !== actor.id && !hasRole(actor, 'admin', 'dispatcher'))) throw notFound('Session');
          const documents = await repo.assignedTemplates(trx, previousId);
          const created = await bookSession(
            trx,
            { clock, organizerEmail },
            actor,
            {
              ...input,
              serviceId: input.serviceId ?? previous.service_id,
              sessionTypeId: input.sessionTypeId ?? previous.session_type_id,
              hostId: input.hostId ?? previous.host_id,
              documentTemplateIds: input.documentTemplateIds ?? documents.map((t) => t.id),
              participants:
                input.participants ??
                (await trx.selectFrom('session_participants').select(['participant_id', 'invitation_type']).where('session_id', '=', previousId).orderBy('added_at').execute()).map(
                  (p) => ({ participantId: p.participant_id, invitationType: p.invitation_type }),
                ),
            },
            sessionId,
            { previousSessionId: previousId },
          );
          await history(trx, actor, previous, 'next_scheduled', 'Next session scheduled', { sessionId, start: created.start });
          await history(trx, actor, { ...previous, id: sessionId }, 'next_scheduled', 'Scheduled as the next session of an earlier one', {
            previousSessionId: previousId,
            previousStart: previous.starts_at.toISOString(),
          });
          return created;
        });
      } catch (error) {
        if (isExclusionViolation(error, 'sessions_no_overlap')) throw slotUnavailable();
        throw error;
      }
    },
  };
}

export type SessionManagement = ReturnType<typeof createSessionManagement>;
