import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // Who is joining (issue 18, point 7): an organization may ask a participant opening their link
  // to confirm their date of birth or a one-time code before their page shows anything.
  await sql`
    ALTER TABLE organizations ADD COLUMN participant_verification text NOT NULL DEFAULT 'none'
      CHECK (participant_verification IN ('none', 'date_of_birth', 'one_time_code'))`.execute(db);
  // A calendar date, no time or zone: a birthday is the same day everywhere.
  await sql`ALTER TABLE participants ADD COLUMN date_of_birth date CHECK (date_of_birth >= DATE '1900-01-01')`.execute(db);
  // Verification belongs to the visit (the cookie): a forwarded link opened elsewhere starts unverified.
  await sql`ALTER TABLE portal_sign_ins ADD COLUMN verified_at timestamptz`.execute(db);

  // One-time codes: only a salted SHA-256 is kept; the code itself is derived when the message goes
  // out (like join links), so neither this table nor the outbox holds it.
  await sql`
    CREATE TABLE participant_verification_codes (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      organization_id uuid NOT NULL,
      session_id uuid NOT NULL,
      participant_id uuid NOT NULL,
      outbox_message_id uuid NOT NULL REFERENCES outbox_messages (id) ON DELETE CASCADE,
      code_hash text NOT NULL,
      created_at timestamptz NOT NULL,
      expires_at timestamptz NOT NULL,
      used_at timestamptz,
      FOREIGN KEY (session_id, participant_id) REFERENCES session_participants (session_id, participant_id) ON DELETE CASCADE
    )`.execute(db);
  await sql`CREATE INDEX participant_verification_codes_idx ON participant_verification_codes (session_id, participant_id, created_at)`.execute(db);

  // Every attempt, to limit wrong guesses per participant's link (the audit trail records them too).
  await sql`
    CREATE TABLE participant_verification_attempts (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      organization_id uuid NOT NULL,
      session_id uuid NOT NULL,
      participant_id uuid NOT NULL,
      succeeded boolean NOT NULL,
      at timestamptz NOT NULL
    )`.execute(db);
  await sql`CREATE INDEX participant_verification_attempts_idx ON participant_verification_attempts (session_id, participant_id, at)`.execute(db);

  await sql`ALTER TABLE outbox_messages DROP CONSTRAINT outbox_messages_kind_check`.execute(db);
  await sql`
    ALTER TABLE outbox_messages ADD CONSTRAINT outbox_messages_kind_check
    CHECK (kind IN ('invitation', 'update', 'cancellation', 'reminder', 'new_message', 'contact_changed', 'staff_invitation', 'password_reset', 'verification_code'))`.execute(db);
}
