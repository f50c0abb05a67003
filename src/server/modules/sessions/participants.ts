import type { Participant } from '../../../shared/participants';
import type { SessionParticipantInput } from '../../../shared/sessions';
import { conflict, invalid, notFound } from '../../errors';
import type { Actor } from '../auth';
import { findHostContext } from '../availability';
import { assignedTemplates, documentAssignments, dropPendingDocuments, insertSessionDocuments } from '../documents';
import { dropQueuedMessages, queueSessionMessages, scheduleReminders } from '../messaging';
import { addToDirectory, findParticipants } from '../participants';
import { changeSession, type ManagementDeps, recordChange, requireNotOver } from './change';
import * as repo from './repo';

/** Adds someone from the directory, or someone new, and invites them. */
export function addSessionParticipant(deps: ManagementDeps, actor: Actor, id: string, input: SessionParticipantInput): Promise<Participant> {
  const { clock, organizerEmail } = deps;
  return changeSession(deps, actor, id, async (trx, row) => {
    requireNotOver(row);
    const now = clock.now();
    let participant: Participant;
    if (input.participantId) {
      const [found] = await findParticipants(trx, actor.organizationId, [input.participantId]);
      if (!found) throw invalid([{ path: 'participantId', message: 'Unknown participant' }]);
      participant = found;
    } else {
      participant = await addToDirectory(trx, actor, { name: input.name!, timeZone: input.timeZone!, invitationType: input.invitationType!, email: input.email, phone: input.phone, dateOfBirth: input.dateOfBirth }, now);
    }
    const members = await repo.sessionParticipantIds(trx, id);
    if (members.includes(participant.id)) throw conflict('already_participant', `${participant.name} is already a participant of this session`);
    await repo.insertSessionParticipants(trx, row.organization_id, id, [{ participantId: participant.id, invitationType: input.invitationType ?? participant.invitationType }], now);
    const participantDocuments = (await assignedTemplates(trx, id)).filter((t) => t.audience === 'participant');
    await insertSessionDocuments(trx, row.organization_id, id, documentAssignments(participantDocuments, [participant.id], row.host_id), now);
    const host = await findHostContext(trx, actor.organizationId, row.host_id);
    await scheduleReminders(trx, {
      organizationId: row.organization_id,
      sessionId: id,
      participantIds: [participant.id],
      start: row.starts_at,
      offsetsMinutes: host?.reminderOffsetsMinutes ?? [],
      now,
    });
    await recordChange(trx, clock, actor, row, { type: 'participant_added', data: { participantId: participant.id, name: participant.name } });
    await queueSessionMessages(trx, id, 'invitation', { organizerEmail, at: now, participantIds: [participant.id] });
    return participant;
  });
}

/** Removes a participant: their link stops working and nothing more is sent to them. */
export function removeSessionParticipant(deps: ManagementDeps, actor: Actor, id: string, participantId: string): Promise<void> {
  return changeSession(deps, actor, id, async (trx, row) => {
    const [participant] = await findParticipants(trx, actor.organizationId, [participantId]);
    const members = await repo.sessionParticipantIds(trx, id);
    if (!participant || !members.includes(participantId)) throw notFound('Participant');
    await dropPendingDocuments(trx, id, participantId);
    await dropQueuedMessages(trx, id, 'Not sent: the participant was removed', participantId);
    await repo.removeSessionParticipant(trx, id, participantId);
    await recordChange(trx, deps.clock, actor, row, { type: 'participant_removed', data: { participantId, name: participant.name } });
  });
}
