import { type Kysely, sql } from 'kysely';
import type { Role } from '../../../shared/roles';
import type { WorkHours } from '../../../shared/work-hours';
import type { Database } from '../../db/schema';

export interface HostContext {
  id: string;
  roles: Role[];
  deactivated: boolean;
  /** The host's Work Hours; none saved yet means no hours, in the host's own zone. */
  workHours: WorkHours;
  slotStepMinutes: number;
  minimumNoticeMinutes: number;
  reminderOffsetsMinutes: number[];
}

/** The host with their Work Hours and the organization's booking terms: one row, or none. */
export const hostContextQuery = (db: Kysely<Database>, organizationId: string, hostId: string) =>
  db
    .selectFrom('users as u')
    .innerJoin('organizations as o', 'o.id', 'u.organization_id')
    .leftJoin('work_hours as w', 'w.user_id', 'u.id')
    .select([
      'u.id',
      'u.roles',
      'u.deactivated_at',
      'u.time_zone',
      'w.time_zone as hours_time_zone',
      'w.weekly',
      'w.overrides',
      'o.slot_step_minutes',
      'o.minimum_notice_minutes',
      'o.reminder_offsets_minutes',
    ])
    .where('u.organization_id', '=', organizationId)
    .where('u.id', '=', hostId);

type HostContextRow = NonNullable<Awaited<ReturnType<ReturnType<typeof hostContextQuery>['executeTakeFirst']>>>;

/** Also takes the row as JSON (a merged read), where `deactivated_at` is a string. */
export const toHostContext = (row: Omit<HostContextRow, 'deactivated_at'> & { deactivated_at: Date | string | null }): HostContext => ({
  id: row.id,
  roles: row.roles,
  deactivated: row.deactivated_at !== null,
  workHours: { timeZone: row.hours_time_zone ?? row.time_zone, weekly: row.weekly ?? [], overrides: row.overrides ?? [] },
  slotStepMinutes: row.slot_step_minutes,
  minimumNoticeMinutes: row.minimum_notice_minutes,
  reminderOffsetsMinutes: row.reminder_offsets_minutes,
});

/** Everything about a host that availability needs, in one query. */
export async function findHostContext(db: Kysely<Database>, organizationId: string, hostId: string): Promise<HostContext | undefined> {
  const row = await hostContextQuery(db, organizationId, hostId).executeTakeFirst();
  return row && toHostContext(row);
}

/** What availability needs of a service: its length, and whether it is offered. */
export interface ServiceTerms {
  durationMinutes: number;
  active: boolean;
}

/**
 * The host's context and the service's terms in one round trip (availability answers on every
 * keystroke of a booking form); `service` is undefined when the organization has no such service.
 */
export async function findHostAndService(
  db: Kysely<Database>,
  organizationId: string,
  hostId: string,
  serviceId: string,
): Promise<{ host: HostContext; service: ServiceTerms | undefined } | undefined> {
  const row = await hostContextQuery(db, organizationId, hostId)
    .leftJoin('services as s', (join) => join.on('s.organization_id', '=', organizationId).on('s.id', '=', serviceId))
    .select(['s.duration_minutes', 's.active'])
    .executeTakeFirst();
  if (!row) return undefined;
  const service = row.duration_minutes === null || row.active === null ? undefined : { durationMinutes: row.duration_minutes, active: row.active };
  return { host: toHostContext(row), service };
}

/**
 * The host's non-canceled sessions overlapping [from, to), as epoch-ms intervals sorted by
 * start: exactly the rows the no-overlap constraint compares a new booking against. Epoch
 * numbers come straight from SQL (date_part is float8, exact for whole milliseconds): building
 * a Date for every row costs more than the query itself on PGlite.
 */
export function busyIntervalsQuery(db: Kysely<Database>, hostId: string, from: Date, to: Date) {
  return db
    .selectFrom('sessions')
    .select([
      sql<number>`date_part('epoch', starts_at) * 1000`.as('start'),
      sql<number>`date_part('epoch', ends_at) * 1000`.as('end'),
    ])
    .where('host_id', '=', hostId)
    .where('status', '<>', 'canceled')
    .where(sql<boolean>`tstzrange(starts_at, ends_at) && tstzrange(${from}, ${to})`)
    .orderBy('starts_at');
}

export const busyIntervals = (db: Kysely<Database>, hostId: string, from: Date, to: Date) =>
  busyIntervalsQuery(db, hostId, from, to).execute();
