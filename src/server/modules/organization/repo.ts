import { type Kysely, sql } from 'kysely';
import type { OrganizationSettings } from '../../../shared/organization';
import type { Updateable } from 'kysely';
import type { Database, OrganizationsTable } from '../../db/schema';
import { organizationLogo } from './logo';

export async function findOrganization(db: Kysely<Database>, id: string): Promise<OrganizationSettings> {
  const row = await db
    .selectFrom('organizations as o')
    .leftJoin('files as logo', 'logo.id', 'o.logo_file_id')
    .select([
      'o.id',
      'o.name',
      'o.time_zone',
      'o.slot_step_minutes',
      'o.minimum_notice_minutes',
      'o.reminder_offsets_minutes',
      'o.join_window_minutes',
      'o.auto_complete_minutes',
      'o.preferred_units',
      'o.require_mfa',
      'o.participant_verification',
    ])
    .select(['logo.sha256 as logo_sha256', 'o.logo_width', 'o.logo_height'])
    .where('o.id', '=', id)
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
    logo: organizationLogo({ sha256: row.logo_sha256, width: row.logo_width, height: row.logo_height }),
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
