import type { Kysely } from 'kysely';
import type { Database, Modality } from '../db/schema';
import type { DocumentField } from '../../shared/documents';
import type { WorkHours } from '../../shared/work-hours';
import { insertTemplate } from '../modules/documents/repo';

let counter = 0;

export async function createSessionType(
  db: Kysely<Database>,
  organizationId: string,
  overrides: Partial<{ name: string; modality: Modality; active: boolean }> = {},
) {
  return db
    .insertInto('session_types')
    .values({
      organization_id: organizationId,
      name: overrides.name ?? `Type ${++counter}`,
      modality: overrides.modality ?? 'video',
      active: overrides.active ?? true,
    })
    .returning(['id', 'name', 'modality'])
    .executeTakeFirstOrThrow();
}

export async function createService(
  db: Kysely<Database>,
  organizationId: string,
  overrides: Partial<{ name: string; durationMinutes: number; active: boolean; sessionTypeIds: string[] }> = {},
) {
  const sessionTypeIds = overrides.sessionTypeIds ?? [(await createSessionType(db, organizationId)).id];
  const service = await db
    .insertInto('services')
    .values({
      organization_id: organizationId,
      name: overrides.name ?? `Service ${++counter}`,
      duration_minutes: overrides.durationMinutes ?? 30,
      active: overrides.active ?? true,
    })
    .returning(['id', 'name', 'duration_minutes'])
    .executeTakeFirstOrThrow();
  await db
    .insertInto('service_session_types')
    .values(sessionTypeIds.map((id) => ({ organization_id: organizationId, service_id: service.id, session_type_id: id })))
    .execute();
  return { ...service, sessionTypeIds };
}

export async function createDocumentTemplate(
  db: Kysely<Database>,
  organizationId: string,
  overrides: Partial<{ name: string; audience: 'participant' | 'host'; fields: DocumentField[] }> = {},
) {
  const name = overrides.name ?? `Document ${++counter}`;
  const audience = overrides.audience ?? 'participant';
  const fields = overrides.fields ?? [{ id: 'agree', label: 'I agree', type: 'yes_no' as const, required: true }];
  const id = await insertTemplate(db, organizationId, { name, audience, kind: 'form', fields, fileId: null, at: new Date(), by: null });
  return { id, name, audience };
}

export async function setWorkHours(db: Kysely<Database>, organizationId: string, userId: string, hours: WorkHours) {
  await db
    .insertInto('work_hours')
    .values({
      user_id: userId,
      organization_id: organizationId,
      time_zone: hours.timeZone,
      weekly: JSON.stringify(hours.weekly),
      overrides: JSON.stringify(hours.overrides),
      updated_at: new Date(),
    })
    .onConflict((oc) =>
      oc.column('user_id').doUpdateSet({
        time_zone: hours.timeZone,
        weekly: JSON.stringify(hours.weekly),
        overrides: JSON.stringify(hours.overrides),
      }),
    )
    .execute();
}

/** A session row written directly, for tests of what reads sessions. */
export async function insertSession(
  db: Kysely<Database>,
  row: { organizationId: string; serviceId: string; sessionTypeId: string; hostId: string; start: string; end: string; status?: 'scheduled' | 'canceled' },
) {
  return db
    .insertInto('sessions')
    .values({
      organization_id: row.organizationId,
      service_id: row.serviceId,
      session_type_id: row.sessionTypeId,
      host_id: row.hostId,
      created_by: row.hostId,
      starts_at: new Date(row.start),
      ends_at: new Date(row.end),
      status: row.status ?? 'scheduled',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
}
