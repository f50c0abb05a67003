import type { Kysely } from 'kysely';
import type { Audience, DocumentField, DocumentKind, DocumentTemplate } from '../../../shared/documents';
import type { Database } from '../../db/schema';

type Db = Kysely<Database>;

/** Templates with their current version, newest fields and file; retired ones on request. */
export async function listTemplates(
  db: Db,
  organizationId: string,
  options: { ids?: string[]; includeRetired?: boolean } = {},
): Promise<(DocumentTemplate & { versionId: string; fileId: string | null })[]> {
  if (options.ids && options.ids.length === 0) return [];
  let query = db
    .selectFrom('document_templates as t')
    .innerJoin('document_template_versions as v', (join) => join.onRef('v.template_id', '=', 't.id').onRef('v.version', '=', 't.current_version'))
    .leftJoin('files as f', 'f.id', 'v.file_id')
    .select(['t.id', 't.name', 't.audience', 't.kind', 't.current_version', 't.active', 'v.id as version_id', 'v.fields', 'v.file_id', 'f.filename', 'f.size'])
    .where('t.organization_id', '=', organizationId);
  if (!options.includeRetired) query = query.where('t.active', '=', true);
  if (options.ids) query = query.where('t.id', 'in', options.ids);
  const rows = await query.orderBy('t.name').execute();
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    audience: row.audience,
    kind: row.kind,
    version: row.current_version,
    fields: row.fields,
    active: row.active,
    file: row.filename && row.size ? { filename: row.filename, size: row.size } : null,
    versionId: row.version_id,
    fileId: row.file_id,
  }));
}

/** Active templates among `ids`, with just what assigning them needs (no fields, no file). */
/**
 * Active templates of the organization, current version, by name: those among `ids`, or a
 * service's defaults (`{ defaultsOf: serviceId }`, for a merged read that has no ids yet).
 */
export function assignableTemplatesQuery(db: Db, organizationId: string, ids: string[] | { defaultsOf: string }) {
  return db
    .selectFrom('document_templates as t')
    .innerJoin('document_template_versions as v', (join) => join.onRef('v.template_id', '=', 't.id').onRef('v.version', '=', 't.current_version'))
    .select(['t.id', 't.name', 't.audience', 'v.id as versionId'])
    .where('t.organization_id', '=', organizationId)
    .where('t.active', '=', true)
    .where((eb) =>
      Array.isArray(ids)
        ? ids.length > 0
          ? eb('t.id', 'in', ids)
          : eb.lit(false)
        : eb('t.id', 'in', eb.selectFrom('service_document_templates').select('template_id').where('service_id', '=', ids.defaultsOf)),
    )
    .orderBy('t.name');
}

export async function findAssignableTemplates(db: Db, organizationId: string, ids: string[]): Promise<{ id: string; name: string; audience: Audience; versionId: string }[]> {
  if (ids.length === 0) return [];
  return assignableTemplatesQuery(db, organizationId, ids).execute();
}

export interface NewVersion {
  name: string;
  audience: Audience;
  kind: DocumentKind;
  fields: DocumentField[];
  fileId: string | null;
  at: Date;
  /** Who made it; null for the demo seed. */
  by: string | null;
}

/** A new template and its version 1. */
export async function insertTemplate(db: Db, organizationId: string, first: NewVersion): Promise<string> {
  const { id } = await db
    .insertInto('document_templates')
    .values({ organization_id: organizationId, name: first.name, audience: first.audience, kind: first.kind, current_version: 1, created_at: first.at, updated_at: first.at })
    .returning('id')
    .executeTakeFirstOrThrow();
  await insertVersion(db, organizationId, id, 1, first);
  return id;
}

export async function insertVersion(db: Db, organizationId: string, templateId: string, version: number, v: NewVersion): Promise<void> {
  await db
    .insertInto('document_template_versions')
    .values({
      organization_id: organizationId,
      template_id: templateId,
      version,
      name: v.name,
      audience: v.audience,
      kind: v.kind,
      fields: JSON.stringify(v.fields),
      file_id: v.fileId,
      created_at: v.at,
      created_by: v.by,
    })
    .execute();
}

export async function setCurrentVersion(db: Db, templateId: string, update: { version: number; name: string; audience: Audience; at: Date }) {
  await db
    .updateTable('document_templates')
    .set({ current_version: update.version, name: update.name, audience: update.audience, updated_at: update.at })
    .where('id', '=', templateId)
    .execute();
}

export async function setActive(db: Db, templateId: string, active: boolean, at: Date): Promise<void> {
  await db.updateTable('document_templates').set({ active, updated_at: at }).where('id', '=', templateId).execute();
}

/** Whether any session was ever given this template (then it can be retired, not deleted). */
export async function isUsed(db: Db, templateId: string): Promise<boolean> {
  const row = await db.selectFrom('session_documents').select('id').where('template_id', '=', templateId).limit(1).executeTakeFirst();
  const defaulted = await db.selectFrom('service_document_templates').select('template_id').where('template_id', '=', templateId).limit(1).executeTakeFirst();
  return row !== undefined || defaulted !== undefined;
}

/** Deletes a never-used template; its versions go with it. */
export async function deleteUnusedTemplate(db: Db, templateId: string): Promise<void> {
  await db.deleteFrom('document_templates').where('id', '=', templateId).execute();
}

export async function replaceServiceDefaults(db: Db, organizationId: string, serviceId: string, templateIds: string[]): Promise<void> {
  await db.deleteFrom('service_document_templates').where('service_id', '=', serviceId).execute();
  if (templateIds.length === 0) return;
  await db
    .insertInto('service_document_templates')
    .values(templateIds.map((id) => ({ organization_id: organizationId, service_id: serviceId, template_id: id })))
    .execute();
}
