import type { UpdateSession } from '../../../shared/session-management';
import { invalid, notFound } from '../../errors';
import type { Actor } from '../auth';
import { findHostContext } from '../availability';
import { findService } from '../catalog';
import { moveHostDocuments } from '../documents';
import { queueSessionMessages } from '../messaging';
import { moveLinkExpiry } from '../portal';
import { hostIdFor } from './booking';
import { checkStart } from './booking-rules';
import { changeSession, type ManagementDeps, recordChange, requireNotOver, requirePlanned, requireVersion } from './change';
import { assignDocuments } from './documents';
import * as repo from './repo';

const MINUTE = 60_000;

/** Edit service, session type, host or documents; a new host or duration is checked again. */
export function updateSession(deps: ManagementDeps, actor: Actor, id: string, patch: UpdateSession): Promise<void> {
  const { clock, organizerEmail } = deps;
  return changeSession(deps, actor, id, async (trx, row) => {
    requireNotOver(row);
    requireVersion(row, patch.version);
    const hostId = patch.hostId ? hostIdFor(actor, patch.hostId) : row.host_id;
    const serviceId = patch.serviceId ?? row.service_id;
    const sessionTypeId = patch.sessionTypeId ?? row.session_type_id;
    const moved = hostId !== row.host_id || serviceId !== row.service_id || sessionTypeId !== row.session_type_id;
    if (moved) {
      requirePlanned(row);
      const host = await findHostContext(trx, actor.organizationId, hostId);
      if (!host || host.deactivated) throw notFound('Host');
      if (!host.roles.includes('provider')) throw invalid([{ path: 'hostId', message: 'This user is not a provider' }]);
      const service = await findService(trx, actor.organizationId, serviceId);
      if (!service || !service.active) throw notFound('Service');
      if (!service.sessionTypeIds.includes(sessionTypeId)) {
        throw invalid([{ path: 'sessionTypeId', message: `${service.name} is not offered as this session type` }]);
      }
      const start = row.starts_at.getTime();
      const end = new Date(start + service.durationMinutes * MINUTE);
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
      await repo.setPlacement(trx, id, { hostId, serviceId, sessionTypeId, end });
      if (hostId !== row.host_id) await moveHostDocuments(trx, id, row.host_id, hostId);
      await recordChange(trx, clock, actor, row, {
        type: 'updated',
        data: { hostId: [row.host_id, hostId], serviceId: [row.service_id, serviceId], sessionTypeId: [row.session_type_id, sessionTypeId] },
      });
      await moveLinkExpiry(trx, id, end);
      await queueSessionMessages(trx, id, 'update', { organizerEmail, at: clock.now() });
    }
    // Host documents newly assigned go to the host the session has now.
    const documentsChanged = patch.documentTemplateIds ? await assignDocuments(trx, clock, actor, { ...row, host_id: hostId }, patch.documentTemplateIds) : false;
    if (moved || documentsChanged) await repo.bumpVersion(trx, id, clock.now());
  });
}
