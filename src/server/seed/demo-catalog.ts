import type { Kysely } from 'kysely';
import type { Database, Modality } from '../db/schema';

const SESSION_TYPES: { name: string; modality: Modality }[] = [
  { name: 'Video visit', modality: 'video' },
  { name: 'Phone call', modality: 'phone' },
  { name: 'In-person visit', modality: 'in_person' },
];

const SERVICES: { name: string; description: string; durationMinutes: number; types: Modality[] }[] = [
  { name: 'Follow-up visit', description: 'Review progress since the last visit.', durationMinutes: 30, types: ['video', 'phone', 'in_person'] },
  { name: 'New patient consultation', description: 'First visit: history, exam and care plan.', durationMinutes: 60, types: ['video', 'in_person'] },
  { name: 'Therapy session', description: 'Individual counselling or psychotherapy.', durationMinutes: 50, types: ['video', 'in_person'] },
  { name: 'Urgent care', description: 'Same-day care for a new, non-emergency problem.', durationMinutes: 15, types: ['video', 'phone'] },
  { name: 'Medication review', description: 'Check doses, side effects and interactions.', durationMinutes: 20, types: ['video', 'phone'] },
  { name: 'Pre-operative assessment', description: 'Fitness for surgery and anaesthesia.', durationMinutes: 45, types: ['video', 'in_person'] },
];

const WEEKDAYS = [1, 2, 3, 4, 5];

/** Session types, services, and Monday–Friday Work Hours for the demo providers. */
export async function seedDemoCatalog(
  trx: Kysely<Database>,
  organizationId: string,
  providers: { id: string; timeZone: string; lunchBreak: boolean }[],
  now: Date,
): Promise<void> {
  const types = await trx
    .insertInto('session_types')
    .values(SESSION_TYPES.map((t) => ({ organization_id: organizationId, ...t, created_at: now, updated_at: now })))
    .returning(['id', 'modality'])
    .execute();
  const typeId = new Map(types.map((t) => [t.modality, t.id]));

  for (const service of SERVICES) {
    const { id } = await trx
      .insertInto('services')
      .values({
        organization_id: organizationId,
        name: service.name,
        description: service.description,
        duration_minutes: service.durationMinutes,
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('service_session_types')
      .values(service.types.map((m) => ({ organization_id: organizationId, service_id: id, session_type_id: typeId.get(m)! })))
      .execute();
  }

  for (const provider of providers) {
    const day = provider.lunchBreak
      ? [{ start: '09:00', end: '12:00' }, { start: '13:00', end: '17:00' }]
      : [{ start: '09:00', end: '17:00' }];
    await trx
      .insertInto('work_hours')
      .values({
        user_id: provider.id,
        organization_id: organizationId,
        time_zone: provider.timeZone,
        weekly: JSON.stringify(WEEKDAYS.flatMap((weekday) => day.map((range) => ({ weekday, ...range })))),
        overrides: '[]',
        updated_at: now,
      })
      .execute();
  }
}
