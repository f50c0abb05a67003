import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // Chat: append-only like notes. `seq` numbers a session's messages without gaps, in commit
  // order (chat_sequences is locked by each sender's transaction until it commits).
  await sql`
    CREATE TABLE chat_sequences (
      session_id uuid PRIMARY KEY REFERENCES sessions (id),
      last_seq bigint NOT NULL
    )`.execute(db);
  await sql`
    CREATE TABLE chat_messages (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      organization_id uuid NOT NULL,
      session_id uuid NOT NULL,
      seq bigint NOT NULL,
      sender_kind text NOT NULL CHECK (sender_kind IN ('staff', 'participant')),
      sender_user_id uuid,
      sender_participant_id uuid,
      sender_name text NOT NULL,
      thread_participant_id uuid,
      body text NOT NULL CHECK (length(body) BETWEEN 1 AND 4000),
      client_message_id text NOT NULL CHECK (length(client_message_id) BETWEEN 1 AND 100),
      created_at timestamptz NOT NULL,
      CONSTRAINT chat_messages_seq_key UNIQUE (session_id, seq),
      CONSTRAINT chat_messages_organization_id_id_key UNIQUE (organization_id, id),
      CHECK ((sender_kind = 'staff') = (sender_user_id IS NOT NULL)),
      CHECK ((sender_kind = 'participant') = (sender_participant_id IS NOT NULL)),
      FOREIGN KEY (organization_id, session_id) REFERENCES sessions (organization_id, id),
      FOREIGN KEY (organization_id, sender_user_id) REFERENCES users (organization_id, id),
      FOREIGN KEY (organization_id, sender_participant_id) REFERENCES participants (organization_id, id),
      FOREIGN KEY (organization_id, thread_participant_id) REFERENCES participants (organization_id, id)
    )`.execute(db);
  // A resend with the same client id returns the first message instead of a second one.
  await sql`
    CREATE UNIQUE INDEX chat_messages_client_key
    ON chat_messages (session_id, sender_kind, coalesce(sender_user_id, sender_participant_id), client_message_id)`.execute(db);
  await sql`
    CREATE TRIGGER chat_messages_append_only BEFORE UPDATE OR DELETE ON chat_messages
    FOR EACH ROW EXECUTE FUNCTION refuse_change()`.execute(db);

  // Uploaded before the message that carries them; `message_id` is set once, when it is sent.
  await sql`
    CREATE TABLE chat_attachments (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      organization_id uuid NOT NULL,
      session_id uuid NOT NULL,
      file_id uuid NOT NULL,
      uploader_kind text NOT NULL CHECK (uploader_kind IN ('staff', 'participant')),
      uploader_id uuid NOT NULL,
      message_id uuid,
      created_at timestamptz NOT NULL,
      FOREIGN KEY (organization_id, session_id) REFERENCES sessions (organization_id, id),
      FOREIGN KEY (organization_id, file_id) REFERENCES files (organization_id, id),
      FOREIGN KEY (organization_id, message_id) REFERENCES chat_messages (organization_id, id)
    )`.execute(db);
  await sql`CREATE INDEX chat_attachments_message_idx ON chat_attachments (message_id)`.execute(db);

  // How far each reader has read each thread ('session', or a participant's private thread).
  await sql`
    CREATE TABLE chat_reads (
      session_id uuid NOT NULL REFERENCES sessions (id),
      reader_kind text NOT NULL CHECK (reader_kind IN ('staff', 'participant')),
      reader_id uuid NOT NULL,
      thread text NOT NULL,
      last_read_seq bigint NOT NULL,
      PRIMARY KEY (session_id, reader_kind, reader_id, thread)
    )`.execute(db);

  // Who is connected now, on every instance: each instance refreshes its own rows and removes
  // them when a socket closes; rows of an instance that died go stale and are swept.
  await sql`
    CREATE TABLE live_connections (
      id uuid PRIMARY KEY,
      instance_id text NOT NULL,
      organization_id uuid NOT NULL REFERENCES organizations (id),
      session_id uuid REFERENCES sessions (id),
      member_kind text NOT NULL CHECK (member_kind IN ('staff', 'participant')),
      member_id uuid NOT NULL,
      connected_at timestamptz NOT NULL,
      seen_at timestamptz NOT NULL
    )`.execute(db);
  await sql`CREATE INDEX live_connections_session_idx ON live_connections (session_id, member_kind, member_id)`.execute(db);
  await sql`CREATE INDEX live_connections_instance_idx ON live_connections (instance_id)`.execute(db);

  // "You have a new message" notices for participants who are away from their page.
  await sql`ALTER TABLE outbox_messages DROP CONSTRAINT outbox_messages_kind_check`.execute(db);
  await sql`
    ALTER TABLE outbox_messages ADD CONSTRAINT outbox_messages_kind_check
    CHECK (kind IN ('invitation', 'update', 'cancellation', 'reminder', 'new_message'))`.execute(db);
}
