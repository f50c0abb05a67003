import { type Kysely, sql } from 'kysely';
import type { Role } from '../../../shared/roles';
import type { StaffUser } from '../../../shared/users';
import type { Database, NewUser, UserUpdate } from '../../db/schema';

type Db = Kysely<Database>;

const STAFF_COLUMNS = ['id', 'name', 'email', 'roles', 'time_zone', 'deactivated_at'] as const;

export const toStaffUser = (row: {
  id: string;
  name: string;
  email: string;
  roles: Role[];
  time_zone: string;
  deactivated_at: Date | null;
}): StaffUser => ({
  id: row.id,
  name: row.name,
  email: row.email,
  roles: row.roles,
  timeZone: row.time_zone,
  deactivated: row.deactivated_at !== null,
});

export async function listUsers(
  db: Db,
  organizationId: string,
  filter: { role?: Role | undefined; includeDeactivated: boolean },
): Promise<StaffUser[]> {
  let query = db.selectFrom('users').select(STAFF_COLUMNS).where('organization_id', '=', organizationId);
  if (filter.role) query = query.where(sql<boolean>`roles @> ARRAY[${filter.role}]::text[]`);
  if (!filter.includeDeactivated) query = query.where('deactivated_at', 'is', null);
  const rows = await query.orderBy('name').orderBy('id').execute();
  return rows.map(toStaffUser);
}

export function findUser(db: Db, organizationId: string, id: string, options: { forUpdate?: boolean } = {}) {
  let query = db
    .selectFrom('users')
    .select(STAFF_COLUMNS)
    .where('organization_id', '=', organizationId)
    .where('id', '=', id);
  if (options.forUpdate) query = query.forUpdate();
  return query.executeTakeFirst();
}

export async function insertUser(db: Db, user: NewUser): Promise<StaffUser> {
  const row = await db.insertInto('users').values(user).returning(STAFF_COLUMNS).executeTakeFirstOrThrow();
  return toStaffUser(row);
}

export async function updateUser(db: Db, id: string, update: UserUpdate): Promise<StaffUser> {
  const row = await db.updateTable('users').set(update).where('id', '=', id).returning(STAFF_COLUMNS).executeTakeFirstOrThrow();
  return toStaffUser(row);
}

/** Locks the organization's active administrators, so two demotions cannot both pass the check. */
export async function lockActiveAdmins(db: Db, organizationId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('users')
    .select('id')
    .where('organization_id', '=', organizationId)
    .where('deactivated_at', 'is', null)
    .where(sql<boolean>`roles @> ARRAY['admin']::text[]`)
    .forUpdate()
    .execute();
  return rows.map((row) => row.id);
}
