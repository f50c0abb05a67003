import type { Kysely } from 'kysely';
import type { Clock } from '../clock';
import type { Database } from '../db/schema';
import { claimDueReminders, insertMessages, loadMessageContext, markRemindersCanceled, type MessageContext, messagesFor } from '../modules/messaging';

/** Reminders taken per transaction; a pass keeps going while batches come back full. */
export const REMINDER_BATCH = 200;

/**
 * The reminder job: turns due reminders into outbox messages. Each reminder row is taken once in
 * one transaction, whatever the number of instances; a session that is no longer scheduled, or
 * whose organization was deactivated, gets none (its reminders are canceled). Returns how many
 * reminders it took.
 */
export async function queueDueReminders(deps: { db: Kysely<Database>; clock: Clock; organizerEmail: string }): Promise<number> {
  return deps.db.transaction().execute(async (trx) => {
    const now = deps.clock.now();
    const due = await claimDueReminders(trx, now, REMINDER_BATCH);
    const contexts = new Map<string, MessageContext>();
    for (const reminder of due) {
      let context = contexts.get(reminder.session_id);
      if (!context) {
        context = await loadMessageContext(trx, reminder.session_id);
        contexts.set(reminder.session_id, context);
      }
      if (context.session.status !== 'scheduled' || context.organizationDeactivated) {
        await markRemindersCanceled(trx, [reminder.id]);
        continue;
      }
      await insertMessages(trx, messagesFor('reminder', context, reminder.participant_id, { organizerEmail: deps.organizerEmail, at: now }));
    }
    return due.length;
  });
}
