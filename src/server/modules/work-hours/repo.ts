import type { Kysely } from 'kysely';
import type { WorkHours } from '../../../shared/work-hours';
import type { Database } from '../../db/schema';

type Db = Kysely<Database>;

export async function findWorkHours(db: Db, userId: string): Promise<WorkHours | undefined> {
  const row = await db
    .selectFrom('work_hours')
    .select(['time_zone', 'weekly', 'overrides'])
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return row && { timeZone: row.time_zone, weekly: row.weekly, overrides: row.overrides };
}

export async function saveWorkHours(
  db: Db,
  entry: { userId: string; organizationId: string; hours: WorkHours; at: Date },
): Promise<void> {
  const values = {
    time_zone: entry.hours.timeZone,
    weekly: JSON.stringify(entry.hours.weekly),
    overrides: JSON.stringify(entry.hours.overrides),
    updated_at: entry.at,
  };
  await db
    .insertInto('work_hours')
    .values({ user_id: entry.userId, organization_id: entry.organizationId, ...values })
    .onConflict((oc) => oc.column('user_id').doUpdateSet(values))
    .execute();
}
