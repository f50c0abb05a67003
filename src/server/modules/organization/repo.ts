import type { Kysely } from 'kysely';
import type { OrganizationSettings } from '../../../shared/organization';
import type { Database } from '../../db/schema';

export async function findOrganization(db: Kysely<Database>, id: string): Promise<OrganizationSettings> {
  const row = await db
    .selectFrom('organizations')
    .select(['id', 'name', 'time_zone', 'slot_step_minutes', 'minimum_notice_minutes', 'reminder_offsets_minutes'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  return {
    id: row.id,
    name: row.name,
    timeZone: row.time_zone,
    slotStepMinutes: row.slot_step_minutes,
    minimumNoticeMinutes: row.minimum_notice_minutes,
    reminderOffsetsMinutes: row.reminder_offsets_minutes,
  };
}

export async function updateOrganization(
  db: Kysely<Database>,
  id: string,
  patch: { name?: string; time_zone?: string; slot_step_minutes?: number; minimum_notice_minutes?: number; reminder_offsets_minutes?: number[] },
): Promise<void> {
  await db.updateTable('organizations').set(patch).where('id', '=', id).execute();
}
