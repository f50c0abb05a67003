import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // Reminders before each session, per organization: 24 hours and 1 hour by default.
  await sql`
    ALTER TABLE organizations ADD COLUMN reminder_offsets_minutes integer[] NOT NULL DEFAULT '{1440,60}'
      CHECK (cardinality(reminder_offsets_minutes) <= 5
             AND 5 <= ALL (reminder_offsets_minutes) AND 43200 >= ALL (reminder_offsets_minutes))`.execute(db);
  // A staff member's private calendar feed; only the token's hash is kept.
  await sql`ALTER TABLE users ADD COLUMN calendar_feed_token_hash text UNIQUE`.execute(db);

  // Private join links. The token itself exists only in the message that carries it.
  await sql`
    CREATE TABLE join_tokens (
      token_hash text PRIMARY KEY,
      organization_id uuid NOT NULL,
      session_id uuid NOT NULL,
      participant_id uuid NOT NULL,
      created_at timestamptz NOT NULL,
      expires_at timestamptz NOT NULL,
      first_used_at timestamptz,
      FOREIGN KEY (session_id, participant_id) REFERENCES session_participants (session_id, participant_id) ON DELETE CASCADE
    )`.execute(db);
  await sql`CREATE INDEX join_tokens_session_idx ON join_tokens (session_id, participant_id)`.execute(db);

  // A participant's signed-in visit to their page, after a join link was exchanged.
  await sql`
    CREATE TABLE portal_sessions (
      token_hash text PRIMARY KEY,
      organization_id uuid NOT NULL,
      session_id uuid NOT NULL,
      participant_id uuid NOT NULL,
      created_at timestamptz NOT NULL,
      expires_at timestamptz NOT NULL,
      FOREIGN KEY (session_id, participant_id) REFERENCES session_participants (session_id, participant_id) ON DELETE CASCADE
    )`.execute(db);

  // Every outgoing email and SMS, written in the transaction of the change that causes it.
  await sql`
    CREATE TABLE outbox_messages (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      organization_id uuid NOT NULL REFERENCES organizations (id),
      session_id uuid REFERENCES sessions (id),
      participant_id uuid REFERENCES participants (id),
      kind text NOT NULL CHECK (kind IN ('invitation', 'update', 'cancellation', 'reminder')),
      channel text NOT NULL CHECK (channel IN ('email', 'sms')),
      recipient text NOT NULL,
      subject text,
      body_text text NOT NULL,
      body_html text,
      attachments jsonb NOT NULL DEFAULT '[]'::jsonb,
      status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'sent', 'failed')),
      transport text,
      provider_id text,
      attempts integer NOT NULL DEFAULT 0,
      next_attempt_at timestamptz NOT NULL,
      claimed_until timestamptz,
      last_error text,
      created_at timestamptz NOT NULL,
      sent_at timestamptz
    )`.execute(db);
  await sql`CREATE INDEX outbox_messages_due_idx ON outbox_messages (next_attempt_at) WHERE status = 'queued'`.execute(db);
  await sql`CREATE INDEX outbox_messages_session_idx ON outbox_messages (session_id, created_at)`.execute(db);
  await sql`CREATE INDEX outbox_messages_organization_idx ON outbox_messages (organization_id, created_at)`.execute(db);

  await sql`
    CREATE TABLE outbox_attempts (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      message_id uuid NOT NULL REFERENCES outbox_messages (id),
      at timestamptz NOT NULL,
      outcome text NOT NULL CHECK (outcome IN ('sent', 'failed')),
      transport text NOT NULL,
      error text
    )`.execute(db);
  await sql`CREATE INDEX outbox_attempts_message_idx ON outbox_attempts (message_id)`.execute(db);
  await sql`
    CREATE TRIGGER outbox_attempts_append_only BEFORE UPDATE OR DELETE ON outbox_attempts
    FOR EACH ROW EXECUTE FUNCTION refuse_change()`.execute(db);

  // One row per (session, participant, reminder): sent once, moved by a reschedule, dropped by a cancellation.
  await sql`
    CREATE TABLE reminders (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      organization_id uuid NOT NULL,
      session_id uuid NOT NULL,
      participant_id uuid NOT NULL,
      offset_minutes integer NOT NULL,
      due_at timestamptz NOT NULL,
      status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'skipped', 'canceled')),
      processed_at timestamptz,
      UNIQUE (session_id, participant_id, offset_minutes),
      FOREIGN KEY (session_id, participant_id) REFERENCES session_participants (session_id, participant_id) ON DELETE CASCADE
    )`.execute(db);
  await sql`CREATE INDEX reminders_due_idx ON reminders (due_at) WHERE status = 'pending'`.execute(db);
}
