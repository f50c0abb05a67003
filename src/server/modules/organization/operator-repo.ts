import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/schema';

type Db = Kysely<Database>;

export interface OrganizationSummary {
  id: string;
  name: string;
  timeZone: string;
  active: boolean;
  deactivatedAt: Date | null;
  /** Staff accounts not deactivated. */
  staffCount: number;
}

function summaries(db: Db) {
  return db
    .selectFrom('organizations as o')
    .select(['o.id', 'o.name', 'o.time_zone', 'o.deactivated_at'])
    .select((eb) =>
      eb
        .selectFrom('users as u')
        .select(sql<number>`count(*)::int`.as('n'))
        .whereRef('u.organization_id', '=', 'o.id')
        .where('u.deactivated_at', 'is', null)
        .as('staff_count'),
    );
}

type SummaryRow = { id: string; name: string; time_zone: string; deactivated_at: Date | null; staff_count: number | null };

const toSummary = (row: SummaryRow): OrganizationSummary => ({
  id: row.id,
  name: row.name,
  timeZone: row.time_zone,
  active: row.deactivated_at === null,
  deactivatedAt: row.deactivated_at,
  staffCount: row.staff_count ?? 0,
});

export async function listOrganizations(db: Db): Promise<OrganizationSummary[]> {
  return (await summaries(db).orderBy('o.name').orderBy('o.id').execute()).map(toSummary);
}

export async function findOrganizationsByReference(db: Db, reference: { id: string } | { name: string }): Promise<OrganizationSummary[]> {
  const query = 'id' in reference ? summaries(db).where('o.id', '=', reference.id) : summaries(db).where('o.name', '=', reference.name);
  return (await query.orderBy('o.id').execute()).map(toSummary);
}

export async function markDeactivated(db: Db, id: string, at: Date): Promise<void> {
  await db.updateTable('organizations').set({ deactivated_at: at }).where('id', '=', id).where('deactivated_at', 'is', null).execute();
}
