import { type Kysely, sql } from 'kysely';
import type { Channel, Database } from '../../db/schema';

export interface DeliveryBacklog {
  /** Messages waiting to go (queued), and messages given up on (failed), by channel. */
  queued: Record<Channel, number>;
  failed: Record<Channel, number>;
  /** Seconds since the oldest reminder that is due and still pending was due; 0 when none is. */
  reminderLagSeconds: number;
}

/** What an operator's monitoring watches of delivery (GET /metrics). */
export async function deliveryBacklog(db: Kysely<Database>, now: Date): Promise<DeliveryBacklog> {
  const counts = await db
    .selectFrom('outbox_messages')
    .select(['channel', 'status', sql<number>`count(*)::int`.as('n')])
    .where('status', 'in', ['queued', 'failed'])
    .groupBy(['channel', 'status'])
    .execute();
  const oldest = await db
    .selectFrom('reminder_queue')
    .select((eb) => eb.fn.min('due_at').as('due_at'))
    .where('due_at', '<=', now)
    .executeTakeFirst();
  const backlog: DeliveryBacklog = { queued: { email: 0, sms: 0 }, failed: { email: 0, sms: 0 }, reminderLagSeconds: 0 };
  for (const row of counts) backlog[row.status as 'queued' | 'failed'][row.channel] = row.n;
  const due = oldest?.due_at ? new Date(oldest.due_at) : null;
  if (due) backlog.reminderLagSeconds = Math.max(0, (now.getTime() - due.getTime()) / 1000);
  return backlog;
}
