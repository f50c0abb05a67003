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

export async function replaceServiceDefaults(db: Db, organizationId: string, serviceId: string, templateIds: string[]): Promise<void> {
  await db.deleteFrom('service_document_templates').where('service_id', '=', serviceId).execute();
  if (templateIds.length === 0) return;
  await db
    .insertInto('service_document_templates')
    .values(templateIds.map((id) => ({ organization_id: organizationId, service_id: serviceId, template_id: id })))
    .execute();
}
