import { type Kysely, sql } from 'kysely';

// Staff MFA (issue 18, point 5): a TOTP second factor with single-use recovery codes, a
// half-signed-in state between password and code, and an organization policy requiring it.
export async function up(db: Kysely<any>): Promise<void> {
  // One TOTP factor per staff member. A row without enrolled_at is an enrolment in progress (its
  // secret shown once); last_step is the last time step accepted, so no code works twice.
  await sql`
    CREATE TABLE staff_mfa (
      user_id uuid PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
      totp_secret text NOT NULL,
      enrolled_at timestamptz,
      last_step integer,
      created_at timestamptz NOT NULL
    )`.execute(db);
  await sql`
    CREATE TABLE mfa_recovery_codes (
      id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      code_hash text NOT NULL,
      used_at timestamptz,
      UNIQUE (user_id, code_hash)
    )`.execute(db);
  await sql`ALTER TABLE organizations ADD COLUMN require_mfa boolean NOT NULL DEFAULT false`.execute(db);
  // A sign-in made with a password by someone with a second factor waits for it here.
  await sql`ALTER TABLE sign_ins ADD COLUMN mfa_pending boolean NOT NULL DEFAULT false`.execute(db);

  // The lookup every request makes (see 0007, 0012) now also says where the sign-in stands with
  // MFA; the return type changes, so the function is dropped and made again.
  await sql`DROP FUNCTION sign_in_actor(text)`.execute(db);
  await sql`
    CREATE FUNCTION sign_in_actor(p_token_hash text)
    RETURNS TABLE (
      last_seen_at timestamptz, created_at timestamptz, id uuid, organization_id uuid, name text,
      email text, roles text[], time_zone text, organization_name text, organization_time_zone text,
      mfa_pending boolean, mfa_enrolled boolean, mfa_required boolean
    )
    LANGUAGE plpgsql STABLE AS $$
    BEGIN
      RETURN QUERY
        SELECT s.last_seen_at, s.created_at, u.id, u.organization_id, u.name, u.email, u.roles,
               u.time_zone, o.name, o.time_zone, s.mfa_pending,
               EXISTS (SELECT 1 FROM staff_mfa m WHERE m.user_id = u.id AND m.enrolled_at IS NOT NULL),
               o.require_mfa
        FROM sign_ins s
        JOIN users u ON u.id = s.user_id
        JOIN organizations o ON o.id = u.organization_id
        WHERE s.token_hash = p_token_hash AND u.deactivated_at IS NULL AND o.deactivated_at IS NULL;
    END
    $$`.execute(db);
}
