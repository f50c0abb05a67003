import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // Sessions move on: scheduled → in_progress → completed, or no_show; canceled as before.
  await sql`ALTER TABLE sessions DROP CONSTRAINT sessions_status_check`.execute(db);
  await sql`
    ALTER TABLE sessions
      ADD CONSTRAINT sessions_status_check CHECK (status IN ('scheduled', 'in_progress', 'completed', 'no_show', 'canceled')),
      ADD COLUMN started_at timestamptz,
      ADD COLUMN ended_at timestamptz`.execute(db);
  // The automatic end looks for sessions in progress past their end.
  await sql`CREATE INDEX sessions_in_progress_idx ON sessions (ends_at) WHERE status = 'in_progress'`.execute(db);

  // How early a session may start (and participants join its call), and how long after its end
  // a session left in progress completes by itself.
  await sql`
    ALTER TABLE organizations
      ADD COLUMN join_window_minutes integer NOT NULL DEFAULT 15 CHECK (join_window_minutes BETWEEN 0 AND 240),
      ADD COLUMN auto_complete_minutes integer NOT NULL DEFAULT 60 CHECK (auto_complete_minutes BETWEEN 5 AND 1440)`.execute(db);

  // The door of the call: a participant waits until staff admit them; denied or removed, they
  // wait again next time. The server decides this, never the browser.
  await sql`
    CREATE TABLE video_admissions (
      session_id uuid NOT NULL,
      participant_id uuid NOT NULL,
      state text NOT NULL CHECK (state IN ('waiting', 'admitted', 'denied', 'removed')),
      since timestamptz NOT NULL,
      PRIMARY KEY (session_id, participant_id),
      FOREIGN KEY (session_id, participant_id) REFERENCES session_participants (session_id, participant_id) ON DELETE CASCADE
    )`.execute(db);

  // Who is in the call now is who is connected with `in_call` set, on any instance.
  await sql`
    ALTER TABLE live_connections
      ADD COLUMN in_call_since timestamptz,
      ADD COLUMN media jsonb NOT NULL DEFAULT '{"camera":false,"microphone":false,"screen":false}'`.execute(db);

  // Offers, answers and ICE candidates between members on different instances: NOTIFY carries the
  // id, the row carries the signal (an SDP is too big for a NOTIFY payload). Kept briefly.
  await sql`
    CREATE TABLE video_signals (
      id bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY,
      session_id uuid NOT NULL REFERENCES sessions (id),
      from_client uuid NOT NULL,
      to_client uuid NOT NULL,
      signal jsonb NOT NULL,
      created_at timestamptz NOT NULL
    )`.execute(db);
  await sql`CREATE INDEX video_signals_created_idx ON video_signals (created_at)`.execute(db);
}
