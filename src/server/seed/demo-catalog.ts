import type { Kysely } from 'kysely';
import type { Database, Modality } from '../db/schema';
import { insertTemplate } from '../modules/documents/repo';
import { DEMO_DOCUMENTS } from './demo-documents';
import { searchTextOf } from '../modules/participants/repo';

const SESSION_TYPES: { name: string; modality: Modality }[] = [
  { name: 'Video visit', modality: 'video' },
  { name: 'Phone call', modality: 'phone' },
  { name: 'In-person visit', modality: 'in_person' },
];

const SERVICES: { name: string; description: string; durationMinutes: number; types: Modality[]; documents?: string[] }[] = [
  { name: 'Follow-up visit', description: 'Review progress since the last visit.', durationMinutes: 30, types: ['video', 'phone', 'in_person'] },
  {
    name: 'New patient consultation',
    description: 'First visit: history, exam and care plan.',
    durationMinutes: 60,
    types: ['video', 'in_person'],
    documents: ['Consent to telehealth', 'Intake questionnaire', 'Provider visit checklist'],
  },
  {
    name: 'Therapy session',
    description: 'Individual counselling or psychotherapy.',
    durationMinutes: 50,
    types: ['video', 'in_person'],
    documents: ['Consent to telehealth'],
  },
  { name: 'Urgent care', description: 'Same-day care for a new, non-emergency problem.', durationMinutes: 15, types: ['video', 'phone'] },
  { name: 'Medication review', description: 'Check doses, side effects and interactions.', durationMinutes: 20, types: ['video', 'phone'] },
  { name: 'Pre-operative assessment', description: 'Fitness for surgery and anaesthesia.', durationMinutes: 45, types: ['video', 'in_person'] },
];

const PARTICIPANTS = [
  { name: 'Maria Gonzalez', email: 'maria.gonzalez@example.test', phone: '+12125550142', time_zone: 'America/New_York', invitation_type: 'email_sms' as const },
  { name: 'James Whitfield', email: 'james.whitfield@example.test', phone: null, time_zone: 'America/Chicago', invitation_type: 'email' as const },
  { name: 'Aiko Tanaka', email: null, phone: '+81312345678', time_zone: 'Asia/Tokyo', invitation_type: 'sms' as const },
];

const WEEKDAYS = [1, 2, 3, 4, 5];

/** Session types, document templates, services, a few participants, and Monday–Friday Work Hours for the demo providers. */
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
  const templateId = new Map<string, string>();
  for (const document of DEMO_DOCUMENTS) {
    const id = await insertTemplate(trx, organizationId, { ...document, kind: 'form', fileId: null, at: now, by: null });
    templateId.set(document.name, id);
  }

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
    if (service.documents) {
      await trx
        .insertInto('service_document_templates')
        .values(service.documents.map((name) => ({ organization_id: organizationId, service_id: id, template_id: templateId.get(name)! })))
        .execute();
    }
  }

  await trx
    .insertInto('participants')
    .values(PARTICIPANTS.map((p) => ({ organization_id: organizationId, ...p, search_text: searchTextOf(p), created_at: now, updated_at: now })))
    .execute();

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
