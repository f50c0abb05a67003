import { type Kysely, sql } from 'kysely';
import type { Role } from '../../shared/roles';
import type { Clock } from '../clock';
import type { Database } from '../db/schema';
import { hashPassword } from '../modules/auth/passwords';
import { seedDemoCatalog } from './demo-catalog';

export const DEMO_USERS: { email: string; name: string; roles: Role[]; timeZone: string }[] = [
  { email: 'admin@demo.carebeam.test', name: 'Alex Admin', roles: ['admin'], timeZone: 'America/New_York' },
  { email: 'dispatcher@demo.carebeam.test', name: 'Dana Dispatcher', roles: ['dispatcher'], timeZone: 'America/New_York' },
  { email: 'provider@demo.carebeam.test', name: 'Dr. Priya Patel', roles: ['provider'], timeZone: 'America/New_York' },
  { email: 'provider2@demo.carebeam.test', name: 'Dr. Lukas Becker', roles: ['provider'], timeZone: 'Europe/Berlin' },
];

/**
 * Seeds the demo clinic (its staff, catalogue and Work Hours) into an empty database and reports whether it did. Never touches a
 * database that already holds an organization; an advisory lock keeps concurrent starts apart.
 */
export async function seedDemo(db: Kysely<Database>, options: { password: string; clock: Clock }): Promise<boolean> {
  const passwordHash = await hashPassword(options.password);
  const now = options.clock.now();
  return db.transaction().execute(async (trx) => {
    await sql`SELECT pg_advisory_xact_lock(hashtext('carebeam.seed-demo'))`.execute(trx);
    const existing = await trx.selectFrom('organizations').select('id').limit(1).executeTakeFirst();
    if (existing) return false;
    const organization = await trx
      .insertInto('organizations')
      .values({ name: 'Demo Clinic', time_zone: 'America/New_York', created_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    const users = await trx
      .insertInto('users')
      .values(
        DEMO_USERS.map((user) => ({
          organization_id: organization.id,
          name: user.name,
          email: user.email,
          roles: user.roles,
          time_zone: user.timeZone,
          password_hash: passwordHash,
          created_at: now,
          updated_at: now,
        })),
      )
      .returning(['id', 'email', 'roles', 'time_zone'])
      .execute();
    const providers = users
      .filter((user) => user.roles.includes('provider'))
      .map((user) => ({ id: user.id, timeZone: user.time_zone, lunchBreak: user.email.startsWith('provider2@') }));
    await seedDemoCatalog(trx, organization.id, providers, now);
    return true;
  });
}

export async function hasDemoClinic(db: Kysely<Database>): Promise<boolean> {
  const row = await db.selectFrom('users').select('id').where('email', '=', DEMO_USERS[0]!.email).executeTakeFirst();
  return row !== undefined;
}
