import { type Kysely, sql } from 'kysely';
import type { Role } from '../../../shared/roles';
import type { StaffUser } from '../../../shared/users';
import type { Database, NewUser, UserUpdate } from '../../db/schema';

type Db = Kysely<Database>;

const STAFF_COLUMNS = [
  'id',
  'name',
  'email',
  'roles',
  'time_zone',
  'deactivated_at',
  sql<boolean>`password_hash IS NULL`.as('invited'),
  // The auth module's factor table, read (never written) for the Users page's MFA column.
  sql<boolean>`EXISTS (SELECT 1 FROM staff_mfa m WHERE m.user_id = users.id AND m.enrolled_at IS NOT NULL)`.as('mfa'),
] as const;

export interface StaffRow {
  id: string;
  name: string;
  email: string;
  roles: Role[];
  time_zone: string;
  deactivated_at: Date | null;
  /** No password chosen yet. */
  invited: boolean;
  /** Has an enrolled second factor. */
  mfa: boolean;
}

/** The API's view of a user; `liveInvites` holds the invited users whose link still works. */
export const toStaffUser = (row: StaffRow, liveInvites: ReadonlySet<string>): StaffUser => ({
  id: row.id,
  name: row.name,
  email: row.email,
  roles: row.roles,
  timeZone: row.time_zone,
  deactivated: row.deactivated_at !== null,
  invitation: row.invited ? (liveInvites.has(row.id) ? 'pending' : 'lapsed') : null,
  mfa: row.mfa,
});

export async function listUsers(
  db: Db,
  organizationId: string,
  filter: { role?: Role | undefined; includeDeactivated: boolean },
): Promise<StaffRow[]> {
  let query = db.selectFrom('users').select(STAFF_COLUMNS).where('organization_id', '=', organizationId);
  if (filter.role) query = query.where(sql<boolean>`roles @> ARRAY[${filter.role}]::text[]`);
  if (!filter.includeDeactivated) query = query.where('deactivated_at', 'is', null);
  return query.orderBy('name').orderBy('id').execute();
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

export function insertUser(db: Db, user: NewUser): Promise<StaffRow> {
  return db.insertInto('users').values(user).returning(STAFF_COLUMNS).executeTakeFirstOrThrow();
}

export function updateUser(db: Db, id: string, update: UserUpdate): Promise<StaffRow> {
  return db.updateTable('users').set(update).where('id', '=', id).returning(STAFF_COLUMNS).executeTakeFirstOrThrow();
}

/** An active account by sign-in email, with what its messages need. */
export function findActiveAccountByEmail(db: Db, email: string) {
  return db
    .selectFrom('users')
    .innerJoin('organizations', 'organizations.id', 'users.organization_id')
    .select(['users.id', 'users.name', 'users.email', 'users.time_zone', 'users.organization_id', 'organizations.name as organization_name'])
    .where('users.email', '=', email)
    .where('users.deactivated_at', 'is', null)
    .executeTakeFirst();
}

/** An active account by id, with its organization's name and its password hash. */
export function findActiveAccount(db: Db, id: string, options: { forUpdate?: boolean } = {}) {
  let query = db
    .selectFrom('users')
    .innerJoin('organizations', 'organizations.id', 'users.organization_id')
    .select(['users.id', 'users.name', 'users.email', 'users.time_zone', 'users.organization_id', 'users.password_hash', 'organizations.name as organization_name'])
    .where('users.id', '=', id)
    .where('users.deactivated_at', 'is', null);
  if (options.forUpdate) query = query.forUpdate(['users']);
  return query.executeTakeFirst();
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

/** The hash of a staff member's private calendar-feed token; null turns the feed off. */
export async function setCalendarFeedTokenHash(db: Db, userId: string, tokenHash: string | null): Promise<void> {
  await db.updateTable('users').set({ calendar_feed_token_hash: tokenHash }).where('id', '=', userId).execute();
}

/** An organization's first administrator (first-run setup, `org create`); null password: invited. */
export function insertAdministrator(db: Db, admin: { organizationId: string; name: string; email: string; timeZone: string; passwordHash: string | null; at: Date }) {
  return db
    .insertInto('users')
    .values({
      organization_id: admin.organizationId,
      name: admin.name,
      email: admin.email,
      roles: ['admin'],
      time_zone: admin.timeZone,
      password_hash: admin.passwordHash,
      created_at: admin.at,
      updated_at: admin.at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
}
