import type { Insertable, Kysely, Selectable } from 'kysely';
import type { Reading } from '../../../shared/medcart';
import { KINDS } from '../../../shared/vitals';
import type { Database, ReadingsTable } from '../../db/schema';

type Db = Kysely<Database>;

/** Readings with the names a person reads beside them (cart, staff member). */
function readingQuery(db: Db) {
  return db
    .selectFrom('readings as r')
    .leftJoin('carts as c', 'c.id', 'r.cart_id')
    .leftJoin('users as u', 'u.id', 'r.entered_by')
    .selectAll('r')
    .select(['c.name as cart_name', 'u.name as entered_by_name']);
}

type Row = Selectable<ReadingsTable> & { cart_name: string | null; entered_by_name: string | null };

const pair = (systolic: number | null, diastolic: number | null) => (systolic !== null && diastolic !== null ? { systolic, diastolic } : null);

export function toReading(row: Row): Reading {
  return {
    id: row.id,
    sessionId: row.session_id,
    participantId: row.participant_id,
    kind: row.kind,
    loinc: KINDS[row.kind].loinc,
    value: row.value,
    components: pair(row.systolic, row.diastolic),
    unit: row.unit,
    originalValue: row.original_value,
    originalComponents: pair(row.original_systolic, row.original_diastolic),
    originalUnit: row.original_unit,
    effectiveAt: row.effective_at.toISOString(),
    recordedAt: row.recorded_at.toISOString(),
    source: row.source,
    deviceLabel: row.device_label,
    cart: row.cart_id && row.cart_name ? { id: row.cart_id, name: row.cart_name } : null,
    enteredBy: row.entered_by && row.entered_by_name ? { id: row.entered_by, name: row.entered_by_name } : null,
    flag: row.flag,
    status: row.status,
    corrects: row.corrects,
    correctedBy: row.corrected_by,
  };
}

/** Stores a reading; `names` are the cart's and the staff member's, which the answer shows. */
export async function insertReading(db: Db, reading: Insertable<ReadingsTable>, names: { cart: string | null; enteredBy: string | null }): Promise<Reading> {
  const row = await db.insertInto('readings').values(reading).returningAll().executeTakeFirstOrThrow();
  return toReading({ ...row, cart_name: names.cart, entered_by_name: names.enteredBy });
}

export async function findReading(db: Db, sessionId: string, readingId: string): Promise<Reading | undefined> {
  const row = await readingQuery(db).where('r.session_id', '=', sessionId).where('r.id', '=', readingId).executeTakeFirst();
  return row && toReading(row);
}

/** The reading a cart already posted with this id, whichever session it went to. */
export async function findCartReading(db: Db, cartId: string, clientReadingId: string): Promise<Reading | undefined> {
  const row = await readingQuery(db).where('r.cart_id', '=', cartId).where('r.client_reading_id', '=', clientReadingId).executeTakeFirst();
  return row && toReading(row);
}

/** The one change a reading allows: replaced by a correction. False when it was replaced already. */
export async function markEnteredInError(db: Db, readingId: string, correctedBy: string): Promise<boolean> {
  const result = await db
    .updateTable('readings')
    .set({ status: 'entered-in-error', corrected_by: correctedBy })
    .where('id', '=', readingId)
    .where('status', '=', 'final')
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export async function sessionReadings(db: Db, sessionId: string): Promise<Reading[]> {
  const rows = await readingQuery(db).where('r.session_id', '=', sessionId).orderBy('r.effective_at').orderBy('r.recorded_at').execute();
  return rows.map(toReading);
}

/**
 * Final readings of these participants from the organization's sessions that began before
 * `before`: the latest `limit` of them, oldest first. With `hostId`, only sessions that host ran (a
 * provider sees no other's).
 */
export async function earlierReadings(
  db: Db,
  options: { organizationId: string; participantIds: string[]; before: Date; hostId: string | null; limit: number },
): Promise<Reading[]> {
  if (options.participantIds.length === 0) return [];
  let query = readingQuery(db)
    .innerJoin('sessions as s', 's.id', 'r.session_id')
    .where('r.organization_id', '=', options.organizationId)
    .where('r.participant_id', 'in', options.participantIds)
    .where('r.status', '=', 'final')
    .where('s.starts_at', '<', options.before);
  if (options.hostId) query = query.where('s.host_id', '=', options.hostId);
  const rows = await query.orderBy('r.effective_at', 'desc').limit(options.limit).execute();
  return rows.reverse().map(toReading);
}
