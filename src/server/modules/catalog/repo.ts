import { type Kysely, sql } from 'kysely';
import type { Service, SessionType } from '../../../shared/catalog';
import type { Database, Modality } from '../../db/schema';

type Db = Kysely<Database>;

const toSessionType = (row: { id: string; name: string; modality: Modality; active: boolean }): SessionType => ({
  id: row.id,
  name: row.name,
  modality: row.modality,
  active: row.active,
});

export async function listSessionTypes(db: Db, organizationId: string, includeInactive: boolean): Promise<SessionType[]> {
  let query = db
    .selectFrom('session_types')
    .select(['id', 'name', 'modality', 'active'])
    .where('organization_id', '=', organizationId);
  if (!includeInactive) query = query.where('active', '=', true);
  return (await query.orderBy('name').execute()).map(toSessionType);
}

export async function insertSessionType(
  db: Db,
  row: { organizationId: string; name: string; modality: Modality; at: Date },
): Promise<SessionType> {
  const inserted = await db
    .insertInto('session_types')
    .values({ organization_id: row.organizationId, name: row.name, modality: row.modality, created_at: row.at, updated_at: row.at })
    .returning(['id', 'name', 'modality', 'active'])
    .executeTakeFirstOrThrow();
  return toSessionType(inserted);
}

export async function updateSessionType(
  db: Db,
  organizationId: string,
  id: string,
  patch: { name?: string; modality?: Modality; active?: boolean; updated_at: Date },
): Promise<SessionType | undefined> {
  const row = await db
    .updateTable('session_types')
    .set(patch)
    .where('organization_id', '=', organizationId)
    .where('id', '=', id)
    .returning(['id', 'name', 'modality', 'active'])
    .executeTakeFirst();
  return row && toSessionType(row);
}

/** The ids among `ids` that are session types of this organization. */
export async function existingSessionTypeIds(db: Db, organizationId: string, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .selectFrom('session_types')
    .select('id')
    .where('organization_id', '=', organizationId)
    .where('id', 'in', ids)
    .execute();
  return new Set(rows.map((row) => row.id));
}

/** The organization's services with their session types and default documents, a row each. */
export function servicesQuery(db: Db, organizationId: string, filter: { includeInactive: boolean; ids?: string[] }) {
  let query = db
    .selectFrom('services as s')
    .leftJoin('service_session_types as sst', 'sst.service_id', 's.id')
    .select(['s.id', 's.name', 's.description', 's.duration_minutes', 's.active'])
    .select((eb) => eb.fn.agg<string[]>('array_agg', ['sst.session_type_id']).as('session_type_ids'))
    .select((eb) =>
      eb
        .selectFrom('service_document_templates as sdt')
        // A retired document is no longer assigned, by a service's defaults either.
        .innerJoin('document_templates as dt', 'dt.id', 'sdt.template_id')
        .select((inner) => inner.fn.coalesce(inner.fn.agg<string[]>('array_agg', ['sdt.template_id']), sql<string[]>`'{}'::uuid[]`).as('ids'))
        .whereRef('sdt.service_id', '=', 's.id')
        .where('dt.active', '=', true)
        .as('document_template_ids'),
    )
    .where('s.organization_id', '=', organizationId)
    .groupBy('s.id');
  if (!filter.includeInactive) query = query.where('s.active', '=', true);
  if (filter.ids) query = query.where('s.id', 'in', filter.ids);
  return query;
}

export const toService = (row: {
  id: string;
  name: string;
  description: string;
  duration_minutes: number;
  active: boolean;
  session_type_ids: (string | null)[];
  document_template_ids: string[] | null;
}): Service => ({
  id: row.id,
  name: row.name,
  description: row.description,
  durationMinutes: row.duration_minutes,
  sessionTypeIds: row.session_type_ids.filter((id): id is string => id !== null).sort(),
  documentTemplateIds: [...(row.document_template_ids ?? [])].sort(),
  active: row.active,
});

export async function listServices(db: Db, organizationId: string, filter: { includeInactive: boolean; ids?: string[] }): Promise<Service[]> {
  return (await servicesQuery(db, organizationId, filter).execute()).map(toService);
}

export async function findService(db: Db, organizationId: string, id: string): Promise<Service | undefined> {
  return (await listServices(db, organizationId, { includeInactive: true, ids: [id] }))[0];
}

export async function insertService(
  db: Db,
  row: { organizationId: string; name: string; description: string; durationMinutes: number; active: boolean; at: Date },
): Promise<string> {
  const inserted = await db
    .insertInto('services')
    .values({
      organization_id: row.organizationId,
      name: row.name,
      description: row.description,
      duration_minutes: row.durationMinutes,
      active: row.active,
      created_at: row.at,
      updated_at: row.at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return inserted.id;
}

export async function updateService(
  db: Db,
  organizationId: string,
  id: string,
  patch: { name?: string; description?: string; duration_minutes?: number; active?: boolean; updated_at: Date },
): Promise<boolean> {
  const result = await db
    .updateTable('services')
    .set(patch)
    .where('organization_id', '=', organizationId)
    .where('id', '=', id)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export async function replaceServiceSessionTypes(
  db: Db,
  organizationId: string,
  serviceId: string,
  sessionTypeIds: string[],
): Promise<void> {
  await db.deleteFrom('service_session_types').where('service_id', '=', serviceId).execute();
  await db
    .insertInto('service_session_types')
    .values(sessionTypeIds.map((id) => ({ organization_id: organizationId, service_id: serviceId, session_type_id: id })))
    .execute();
}
