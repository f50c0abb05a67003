import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    ALTER TABLE sessions
      ADD COLUMN canceled_at timestamptz,
      ADD COLUMN cancel_reason text CHECK (length(cancel_reason) <= 1000),
      ADD COLUMN previous_session_id uuid REFERENCES sessions (id)`.execute(db);

  // Notes are never edited in place: an amendment is a new note pointing at the one it corrects.
  await sql`
    CREATE TABLE session_notes (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      organization_id uuid NOT NULL,
      session_id uuid NOT NULL,
      author_id uuid NOT NULL,
      body text NOT NULL CHECK (length(body) BETWEEN 1 AND 20000),
      amends uuid REFERENCES session_notes (id),
      created_at timestamptz NOT NULL,
      FOREIGN KEY (organization_id, session_id) REFERENCES sessions (organization_id, id),
      FOREIGN KEY (organization_id, author_id) REFERENCES users (organization_id, id)
    )`.execute(db);
  await sql`CREATE INDEX session_notes_session_idx ON session_notes (session_id, created_at)`.execute(db);
  await sql`
    CREATE TRIGGER session_notes_append_only BEFORE UPDATE OR DELETE ON session_notes
    FOR EACH ROW EXECUTE FUNCTION refuse_change()`.execute(db);
}
