import { AUTO_SEND_BATCH, queueCompletedSessions } from './ehr-auto-send';
import { type EhrSendDeps, sendDueExports } from './ehr-send';
import { createPoller } from './poller';

export interface EhrWorkerDeps extends EhrSendDeps {
  onError?: (error: unknown) => void;
  batchSize?: number;
}

/** Runs the EHR work on a timer: first the automatic send, then every send that is due. */
export function createEhrWorker(deps: EhrWorkerDeps) {
  const batchSize = deps.batchSize ?? 10;

  async function runOnce(): Promise<number> {
    while ((await queueCompletedSessions(deps)) === AUTO_SEND_BATCH);
    return sendDueExports(deps, batchSize);
  }

  return { runOnce, ...createPoller(runOnce, deps.onError) };
}
