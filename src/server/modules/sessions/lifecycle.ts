import { type LifecycleAction, refusal } from '../../../shared/lifecycle';
import { notify } from '../../db/notify';
import { conflict } from '../../errors';
import type { Actor } from '../auth';
import { recordHistory } from '../history';
import { changeSession, type Db, type ManagementDeps, recordChange } from './change';
import * as repo from './repo';

const NEXT_STATUS = { start: 'in_progress', end: 'completed', no_show: 'no_show' } as const;

/**
 * Start, end or mark a no-show, by the rules of shared/lifecycle.ts (409 `invalid_state` with the
 * reason otherwise). Starting stamps the actual start, ending the actual end: the Encounter's
 * period and the attendance are read from them.
 */
export function transitionSession(deps: ManagementDeps, actor: Actor, id: string, action: LifecycleAction): Promise<void> {
  return changeSession(deps, actor, id, async (trx, row) => {
    const now = deps.clock.now();
    const joinWindowMinutes = await repo.joinWindowMinutes(trx, row.organization_id);
    const why = refusal(action, { status: row.status, start: row.starts_at, end: row.ends_at }, now.getTime(), joinWindowMinutes);
    if (why) throw conflict('invalid_state', why);
    await repo.setStatus(trx, id, NEXT_STATUS[action], now, {
      ...(action === 'start' ? { startedAt: now } : {}),
      ...(action === 'end' ? { endedAt: now } : {}),
    });
    await recordChange(trx, deps.clock, actor, row, action === 'end' ? { type: 'ended', data: { automatic: false } } : { type: action === 'start' ? 'started' : 'no_show', data: {} });
  });
}

/**
 * Sessions left in progress complete by themselves a while after their end (the organization's
 * `auto_complete_minutes`); each gets its history line and its open pages are told.
 */
export async function completeOverdueSessions(db: Db, now: Date): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const completed = await repo.completeOverdue(trx, now);
    for (const session of completed) {
      await recordHistory(trx, {
        organizationId: session.organization_id,
        sessionId: session.id,
        at: now,
        actor: { kind: 'system', id: null, name: 'Carebeam' },
        type: 'ended',
        data: { automatic: true },
      });
      await notify(trx, { kind: 'session', sessionId: session.id });
    }
    return completed.length;
  });
}
