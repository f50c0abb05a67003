import type { Kysely } from 'kysely';
import type { Clock } from '../clock';
import { notify } from '../db/notify';
import type { Database } from '../db/schema';
import { completedSessionsToSend, insertExport } from '../modules/ehr';

/** Sessions looked at per pass; a pass keeps going while batches come back full. */
export const AUTO_SEND_BATCH = 100;

/**
 * The automatic send: queues each completed session of an organization that sends automatically
 * and was never sent. A unique index allows one automatic send per session, so instances racing
 * for the same session queue it once. Returns how many sessions it looked at.
 */
export async function queueCompletedSessions(deps: { db: Kysely<Database>; clock: Clock }): Promise<number> {
  const sessions = await completedSessionsToSend(deps.db, AUTO_SEND_BATCH);
  for (const session of sessions) {
    await deps.db.transaction().execute(async (trx) => {
      const id = await insertExport(trx, { organizationId: session.organization_id, sessionId: session.id, trigger: 'auto', requestedBy: null, at: deps.clock.now() });
      if (id) await notify(trx, { kind: 'medcart', sessionId: session.id, change: 'ehr' });
    });
  }
  return sessions.length;
}
