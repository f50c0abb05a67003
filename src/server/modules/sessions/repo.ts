import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/schema';

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
