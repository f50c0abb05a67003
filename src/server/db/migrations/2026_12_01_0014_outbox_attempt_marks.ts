import { randomBytes } from 'node:crypto';
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // When the attempt now under way began: written with the claim, before anything is sent, so an
  // attempt cut short by a crash is still counted and its retry knows it may be a resend.
  await sql`ALTER TABLE outbox_messages ADD COLUMN attempt_started_at timestamptz`.execute(db);
  // Secrets every instance must share and that outlive a restart. `outbox_join_links` derives the
  // join link of an outbox message, so a resend of the message carries the same link.
  await sql`CREATE TABLE server_secrets (name text PRIMARY KEY, value text NOT NULL)`.execute(db);
  await sql`INSERT INTO server_secrets (name, value) VALUES ('outbox_join_links', ${randomBytes(32).toString('base64url')})`.execute(db);
}
