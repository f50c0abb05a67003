import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // The notice to a participant's former address that their invitations now go elsewhere.
  await sql`ALTER TABLE outbox_messages DROP CONSTRAINT outbox_messages_kind_check`.execute(db);
  await sql`
    ALTER TABLE outbox_messages ADD CONSTRAINT outbox_messages_kind_check
    CHECK (kind IN ('invitation', 'update', 'cancellation', 'reminder', 'new_message', 'contact_changed'))`.execute(db);
}
