import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Role } from '../../shared/roles';
import type { Database } from '../db/schema';
import { hashPassword } from '../modules/auth/passwords';

export const TEST_PASSWORD = 'correct horse battery staple';
let passwordHash: Promise<string> | undefined;
const unique = () => randomBytes(4).toString('hex');

export async function createOrganization(
  db: Kysely<Database>,
  overrides: Partial<{ name: string; timeZone: string }> = {},
) {
  return db
    .insertInto('organizations')
    .values({ name: overrides.name ?? `Clinic ${unique()}`, time_zone: overrides.timeZone ?? 'America/New_York' })
    .returning(['id', 'name', 'time_zone'])
    .executeTakeFirstOrThrow();
}

export interface TestUser {
  id: string;
  organizationId: string;
  email: string;
  name: string;
  roles: Role[];
}

export async function createUser(
  db: Kysely<Database>,
  organizationId: string,
  overrides: Partial<{ name: string; email: string; roles: Role[]; timeZone: string; deactivated: boolean }> = {},
): Promise<TestUser> {
  passwordHash ??= hashPassword(TEST_PASSWORD);
  const id = unique();
  const row = await db
    .insertInto('users')
    .values({
      organization_id: organizationId,
      name: overrides.name ?? `User ${id}`,
      email: overrides.email ?? `user-${id}@clinic.test`,
      roles: overrides.roles ?? ['provider'],
      time_zone: overrides.timeZone ?? 'America/New_York',
      password_hash: await passwordHash,
      deactivated_at: overrides.deactivated ? new Date() : null,
    })
    .returning(['id', 'organization_id', 'email', 'name', 'roles'])
    .executeTakeFirstOrThrow();
  return { id: row.id, organizationId: row.organization_id, email: row.email, name: row.name, roles: row.roles };
}
