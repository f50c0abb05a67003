import type { Actor } from '../auth';
import { findHostContext } from '../availability';
import { moveReminders, queueSessionMessages } from '../messaging';
import { moveLinkExpiry } from '../portal';
import { checkStart } from './booking-rules';
import { changeSession, type ManagementDeps, recordChange, requirePlanned, requireVersion } from './change';
import * as repo from './repo';

const MINUTE = 60_000;

/** Move to another free time of the host; participants get an updated invitation. */
export function rescheduleSession(deps: ManagementDeps, actor: Actor, id: string, input: { start: string; version?: number | undefined }): Promise<void> {
  const { clock, organizerEmail } = deps;
  return changeSession(deps, actor, id, async (trx, row) => {
    requirePlanned(row);
    requireVersion(row, input.version);
    const host = (await findHostContext(trx, actor.organizationId, row.host_id))!;
    const duration = row.ends_at.getTime() - row.starts_at.getTime();
    const start = Date.parse(input.start);
    const now = clock.now();
    checkStart({
      start,
      durationMinutes: duration / MINUTE,
      workHours: host.workHours,
      stepMinutes: host.slotStepMinutes,
      minimumNoticeMinutes: host.minimumNoticeMinutes,
      now: now.getTime(),
      meetNow: false,
      allowOutsideWorkHours: false,
    });
    const end = new Date(start + duration);
    await repo.moveSession(trx, id, new Date(start), end, now);
    await moveReminders(trx, id, new Date(start), now);
    await moveLinkExpiry(trx, id, end);
    await recordChange(trx, clock, actor, row, {
      type: 'rescheduled',
      data: { from: { start: row.starts_at.toISOString(), end: row.ends_at.toISOString() }, to: { start: new Date(start).toISOString(), end: end.toISOString() } },
    });
    await queueSessionMessages(trx, id, 'update', { organizerEmail, at: now });
  });
}
