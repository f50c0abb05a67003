import type { Kysely } from 'kysely';
import type { DocumentTemplate } from '../../../shared/documents';
import type { Database } from '../../db/schema';

type Db = Kysely<Database>;

export async function listTemplates(db: Db, organizationId: string, ids?: string[]): Promise<DocumentTemplate[]> {
  if (ids && ids.length === 0) return [];
  let query = db
    .selectFrom('document_templates')
    .select(['id', 'name', 'audience'])
    .where('organization_id', '=', organizationId)
    .where('active', '=', true);
  if (ids) query = query.where('id', 'in', ids);
  return query.orderBy('name').execute();
}

/** The templates a service assigns when scheduling does not name its own set. */
export async function serviceDefaultTemplateIds(db: Db, serviceId: string): Promise<string[]> {
  const rows = await db.selectFrom('service_document_templates').select('template_id').where('service_id', '=', serviceId).execute();
  return rows.map((row) => row.template_id);
}

export async function replaceServiceDefaults(db: Db, organizationId: string, serviceId: string, templateIds: string[]): Promise<void> {
  await db.deleteFrom('service_document_templates').where('service_id', '=', serviceId).execute();
  if (templateIds.length === 0) return;
  await db
    .insertInto('service_document_templates')
    .values(templateIds.map((id) => ({ organization_id: organizationId, service_id: serviceId, template_id: id })))
    .execute();
}
