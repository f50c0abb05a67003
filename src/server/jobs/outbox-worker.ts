import { deliverDueMessages, type DeliveryDeps } from './outbox-delivery';
import { createPoller } from './poller';
import { queueDueReminders, REMINDER_BATCH } from './reminder-job';

export interface OutboxWorkerDeps extends DeliveryDeps {
  organizerEmail: string;
  onError?: (error: unknown) => void;
  batchSize?: number;
}

/** Runs the background messaging work on a timer: first the reminder job, then outbox delivery. */
export function createOutboxWorker(deps: OutboxWorkerDeps) {
  const batchSize = deps.batchSize ?? 25;

  /** One pass: turn due reminders into messages, then send everything due. Returns messages handled. */
  async function runOnce(): Promise<number> {
    while ((await queueDueReminders(deps)) === REMINDER_BATCH);
    return deliverDueMessages(deps, batchSize);
  }

  return { runOnce, ...createPoller(runOnce, deps.onError) };
}

export type OutboxWorker = ReturnType<typeof createOutboxWorker>;
