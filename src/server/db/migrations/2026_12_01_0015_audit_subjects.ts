import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // Who acted (a staff member, a participant through their link, the system, or someone not
  // signed in), on which patients and session, with what outcome and from where: what an auditor
  // asks of every read and sign-in, not only of changes (issue 18).
  await sql`
    ALTER TABLE audit_events
      ADD COLUMN actor_kind text NOT NULL DEFAULT 'user'
        CHECK (actor_kind IN ('user', 'participant', 'system', 'anonymous')),
      ADD COLUMN actor_participant_id uuid,
      ADD COLUMN participant_ids uuid[] NOT NULL DEFAULT '{}',
      ADD COLUMN session_id uuid,
      ADD COLUMN outcome text NOT NULL DEFAULT 'success' CHECK (outcome IN ('success', 'denied', 'failed')),
      ADD COLUMN address text`.execute(db);
  // The Audit page lists an organization's events newest first and filters by patient, session
  // and staff member.
  await sql`CREATE INDEX audit_events_recent_idx ON audit_events (organization_id, at DESC, id DESC)`.execute(db);
  await sql`CREATE INDEX audit_events_participants_idx ON audit_events USING gin (participant_ids)`.execute(db);
  await sql`CREATE INDEX audit_events_session_idx ON audit_events (organization_id, session_id, at DESC) WHERE session_id IS NOT NULL`.execute(db);
  await sql`CREATE INDEX audit_events_actor_idx ON audit_events (organization_id, actor_user_id, at DESC) WHERE actor_user_id IS NOT NULL`.execute(db);
}
