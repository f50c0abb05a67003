import type { Actor } from '../auth';
import { cancelReminders, dropQueuedMessages, queueSessionMessages } from '../messaging';
import { changeSession, type ManagementDeps, recordChange, requirePlanned } from './change';
import * as repo from './repo';

/** Cancel with a reason: the time becomes free, reminders are dropped, participants are told. */
export function cancelSession(deps: ManagementDeps, actor: Actor, id: string, reason: string): Promise<void> {
  const { clock, organizerEmail } = deps;
  return changeSession(deps, actor, id, async (trx, row) => {
    requirePlanned(row);
    const now = clock.now();
    await repo.markCanceled(trx, id, reason, now);
    await cancelReminders(trx, id);
    await dropQueuedMessages(trx, id, 'Not sent: the session was canceled first');
    await recordChange(trx, clock, actor, row, { type: 'canceled', data: { reason } });
    await queueSessionMessages(trx, id, 'cancellation', { organizerEmail, at: now, reason });
  });
}
