import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE sessions ADD CONSTRAINT sessions_organization_id_id_key UNIQUE (organization_id, id)`.execute(db);

  // The organization's directory of patients, relatives, interpreters…: no accounts.
  await sql`
    CREATE TABLE participants (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      organization_id uuid NOT NULL REFERENCES organizations (id),
      name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
      email text CHECK (email = lower(email)),
      phone text CHECK (phone ~ '^\\+[1-9][0-9]{6,14}$'),
      time_zone text NOT NULL,
      invitation_type text NOT NULL CHECK (invitation_type IN ('email', 'sms', 'email_sms', 'none')),
      search_text text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT participants_organization_id_id_key UNIQUE (organization_id, id)
    )`.execute(db);
  // One directory entry per email address and organization: duplicates are offered, not made.
  await sql`CREATE UNIQUE INDEX participants_email_key ON participants (organization_id, email) WHERE email IS NOT NULL`.execute(db);
  await sql`CREATE INDEX participants_organization_name_idx ON participants (organization_id, name)`.execute(db);

  await sql`
    CREATE TABLE session_participants (
      organization_id uuid NOT NULL,
      session_id uuid NOT NULL,
      participant_id uuid NOT NULL,
      invitation_type text NOT NULL CHECK (invitation_type IN ('email', 'sms', 'email_sms', 'none')),
      added_at timestamptz NOT NULL,
      PRIMARY KEY (session_id, participant_id),
      FOREIGN KEY (organization_id, session_id) REFERENCES sessions (organization_id, id),
      FOREIGN KEY (organization_id, participant_id) REFERENCES participants (organization_id, id)
    )`.execute(db);
  await sql`CREATE INDEX session_participants_participant_idx ON session_participants (participant_id)`.execute(db);

  await sql`
    CREATE TABLE document_templates (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      organization_id uuid NOT NULL REFERENCES organizations (id),
      name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
      audience text NOT NULL CHECK (audience IN ('participant', 'host')),
      active boolean NOT NULL DEFAULT true,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT document_templates_organization_id_id_key UNIQUE (organization_id, id)
    )`.execute(db);
  await sql`CREATE UNIQUE INDEX document_templates_name_key ON document_templates (organization_id, lower(name))`.execute(db);

  await sql`
    CREATE TABLE service_document_templates (
      organization_id uuid NOT NULL,
      service_id uuid NOT NULL,
      template_id uuid NOT NULL,
      PRIMARY KEY (service_id, template_id),
      FOREIGN KEY (organization_id, service_id) REFERENCES services (organization_id, id) ON DELETE CASCADE,
      FOREIGN KEY (organization_id, template_id) REFERENCES document_templates (organization_id, id)
    )`.execute(db);

  // One row per document and assignee: a participant-audience template is assigned to each
  // participant, a host-audience one to the host.
  await sql`
    CREATE TABLE session_documents (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      organization_id uuid NOT NULL,
      session_id uuid NOT NULL,
      template_id uuid NOT NULL,
      participant_id uuid,
      host_id uuid,
      status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'completed')),
      created_at timestamptz NOT NULL,
      completed_at timestamptz,
      CONSTRAINT session_documents_one_assignee CHECK ((participant_id IS NULL) <> (host_id IS NULL)),
      FOREIGN KEY (organization_id, session_id) REFERENCES sessions (organization_id, id),
      FOREIGN KEY (organization_id, template_id) REFERENCES document_templates (organization_id, id),
      FOREIGN KEY (organization_id, participant_id) REFERENCES participants (organization_id, id),
      FOREIGN KEY (organization_id, host_id) REFERENCES users (organization_id, id)
    )`.execute(db);
  await sql`
    CREATE UNIQUE INDEX session_documents_assignment_key
    ON session_documents (session_id, template_id, coalesce(participant_id, host_id))`.execute(db);

  // Everything that happened to a session, append-only.
  await sql`
    CREATE TABLE session_history (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      organization_id uuid NOT NULL,
      session_id uuid NOT NULL,
      at timestamptz NOT NULL,
      type text NOT NULL,
      actor_kind text NOT NULL CHECK (actor_kind IN ('user', 'participant', 'system')),
      actor_id uuid,
      actor_name text NOT NULL,
      summary text NOT NULL,
      data jsonb NOT NULL DEFAULT '{}'::jsonb,
      FOREIGN KEY (organization_id, session_id) REFERENCES sessions (organization_id, id)
    )`.execute(db);
  await sql`CREATE INDEX session_history_session_idx ON session_history (session_id, id)`.execute(db);
  await sql`
    CREATE TRIGGER session_history_append_only BEFORE UPDATE OR DELETE ON session_history
    FOR EACH ROW EXECUTE FUNCTION refuse_change()`.execute(db);
  await sql`
    CREATE TRIGGER session_history_no_truncate BEFORE TRUNCATE ON session_history
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_change()`.execute(db);

  // A retried "create session" with the same key returns the session made the first time.
  await sql`
    CREATE TABLE idempotency_keys (
      user_id uuid NOT NULL REFERENCES users (id),
      key text NOT NULL CHECK (length(key) BETWEEN 1 AND 200),
      request_hash text NOT NULL,
      -- Deferred: the key is claimed first, before the session it will name exists.
      session_id uuid NOT NULL REFERENCES sessions (id) DEFERRABLE INITIALLY DEFERRED,
      created_at timestamptz NOT NULL,
      PRIMARY KEY (user_id, key)
    )`.execute(db);
}
