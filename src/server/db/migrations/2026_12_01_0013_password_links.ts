import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // Chosen at first-run setup: the language and formats of the clinic's pages and messages.
  await sql`ALTER TABLE organizations ADD COLUMN locale text NOT NULL DEFAULT 'en-US'`.execute(db);

  // An invited staff member has no password until they choose one through their link.
  await sql`ALTER TABLE users ALTER COLUMN password_hash DROP NOT NULL`.execute(db);

  // Single-use links to choose a password (invite, reset) or to set up the first organization
  // (setup: no organization or user yet). Only the SHA-256 of the token is kept.
  await sql`
    CREATE TABLE password_links (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      purpose text NOT NULL CHECK (purpose IN ('invite', 'reset', 'setup')),
      organization_id uuid REFERENCES organizations (id),
      user_id uuid REFERENCES users (id),
      token_hash text NOT NULL UNIQUE,
      created_at timestamptz NOT NULL,
      expires_at timestamptz NOT NULL,
      used_at timestamptz,
      CHECK ((purpose = 'setup') = (user_id IS NULL))
    )`.execute(db);
  await sql`CREATE INDEX password_links_user_idx ON password_links (user_id, created_at)`.execute(db);

  // Requests for a reset link, counted per address asked for and per client address.
  await sql`
    CREATE TABLE password_reset_requests (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      email text NOT NULL,
      ip text NOT NULL,
      at timestamptz NOT NULL
    )`.execute(db);
  await sql`CREATE INDEX password_reset_requests_at_idx ON password_reset_requests (at)`.execute(db);

  // Staff messages carry a password link, minted at delivery like join links: never stored.
  await sql`ALTER TABLE outbox_messages ADD COLUMN password_link_id uuid REFERENCES password_links (id)`.execute(db);
  await sql`ALTER TABLE outbox_messages DROP CONSTRAINT outbox_messages_kind_check`.execute(db);
  await sql`
    ALTER TABLE outbox_messages ADD CONSTRAINT outbox_messages_kind_check
    CHECK (kind IN ('invitation', 'update', 'cancellation', 'reminder', 'new_message', 'contact_changed', 'staff_invitation', 'password_reset'))`.execute(db);
}
