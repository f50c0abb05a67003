import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // An operator deactivates a whole organization (`carebeam org deactivate`): its staff can no
  // longer sign in and its participants' links stop working; its rows stay.
  await sql`ALTER TABLE organizations ADD COLUMN deactivated_at timestamptz`.execute(db);
  // The same lookup as before (see 0007), which now also ends the sign-ins of a deactivated organization.
  await sql`
    CREATE OR REPLACE FUNCTION sign_in_actor(p_token_hash text)
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
        WHERE s.token_hash = p_token_hash AND u.deactivated_at IS NULL AND o.deactivated_at IS NULL;
    END
    $$`.execute(db);
}
