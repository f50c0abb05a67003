import { randomUUID } from 'node:crypto';
import type { NextSession } from '../../../shared/session-management';
import type { CreatedSession } from '../../../shared/sessions';
import { requireSessionAccess } from '../access';
import type { Actor } from '../auth';
import { assignedTemplates } from '../documents';
import { bookSession } from './booking';
import { type ManagementDeps, recordChange, withSlotCheck } from './change';
import * as repo from './repo';

/** The next session of a series: same service, type, host, participants and documents unless given. */
export function scheduleNextSession(deps: ManagementDeps, actor: Actor, previousId: string, input: NextSession): Promise<CreatedSession> {
  const sessionId = randomUUID();
  return withSlotCheck(() =>
    deps.db.transaction().execute(async (trx) => {
      const previous = await requireSessionAccess(trx, actor, previousId, 'manage', { lock: true });
      const documents = await assignedTemplates(trx, previousId);
      const participants = input.participants ?? (await repo.sessionParticipants(trx, previousId)).map((p) => ({ participantId: p.participant_id, invitationType: p.invitation_type }));
      const created = await bookSession(
        trx,
        deps,
        actor,
        {
          ...input,
          serviceId: input.serviceId ?? previous.service_id,
          sessionTypeId: input.sessionTypeId ?? previous.session_type_id,
          hostId: input.hostId ?? previous.host_id,
          documentTemplateIds: input.documentTemplateIds ?? documents.map((t) => t.id),
          participants,
        },
        sessionId,
        { previousSessionId: previousId },
      );
      await recordChange(trx, deps.clock, actor, previous, { type: 'next_scheduled', data: { sessionId, start: created.start } });
      await recordChange(trx, deps.clock, actor, { ...previous, id: sessionId }, {
        type: 'next_scheduled',
        data: { previousSessionId: previousId, previousStart: previous.starts_at.toISOString() },
      });
      return created;
    }),
  );
}
