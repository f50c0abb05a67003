import { type Kysely, sql } from 'kysely';
import type { OrganizationSettings } from '../../../shared/organization';
import type { Updateable } from 'kysely';
import type { Database, OrganizationsTable } from '../../db/schema';

export async function findOrganization(db: Kysely<Database>, id: string): Promise<OrganizationSettings> {
  const row = await db
    .selectFrom('organizations')
    .select([
      'id',
      'name',
      'time_zone',
      'slot_step_minutes',
      'minimum_notice_minutes',
      'reminder_offsets_minutes',
      'join_window_minutes',
      'auto_complete_minutes',
      'preferred_units',
      'require_mfa',
      'participant_verification',
    ])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  return {
    id: row.id,
    name: row.name,
    timeZone: row.time_zone,
    slotStepMinutes: row.slot_step_minutes,
    minimumNoticeMinutes: row.minimum_notice_minutes,
    reminderOffsetsMinutes: row.reminder_offsets_minutes,
    joinWindowMinutes: row.join_window_minutes,
    autoCompleteMinutes: row.auto_complete_minutes,
    preferredUnits: row.preferred_units,
    requireMfa: row.require_mfa,
    participantVerification: row.participant_verification,
  };
}

export async function updateOrganization(
  db: Kysely<Database>,
  id: string,
  patch: Updateable<OrganizationsTable>,
): Promise<void> {
  await db.updateTable('organizations').set(patch).where('id', '=', id).execute();
}

// Advisory lock key that serializes creating organizations, so two with one name cannot both pass the check.
const CREATING_ORGANIZATIONS = 7201;

/** A new organization, unless one of that name (in any letter case) exists: then null. */
export async function insertOrganizationUnlessNamed(db: Kysely<Database>, organization: { name: string; timeZone: string; locale: string; at: Date }) {
  await sql`SELECT pg_advisory_xact_lock(${CREATING_ORGANIZATIONS})`.execute(db);
  const existing = await db.selectFrom('organizations').select('id').where(sql<string>`lower(name)`, '=', organization.name.toLowerCase()).executeTakeFirst();
  if (existing) return null;
  return db
    .insertInto('organizations')
    .values({ name: organization.name, time_zone: organization.timeZone, locale: organization.locale, created_at: organization.at })
    .returning(['id', 'name'])
    .executeTakeFirstOrThrow();
}

export async function hasAnyOrganization(db: Kysely<Database>): Promise<boolean> {
  return (await db.selectFrom('organizations').select('id').limit(1).executeTakeFirst()) !== undefined;
}
