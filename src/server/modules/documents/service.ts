import type { Kysely } from 'kysely';
import { ACKNOWLEDGEMENT_FIELD, type Audience, type CreateFormTemplate, type DocumentTemplate, type UpdateTemplate } from '../../../shared/documents';
import type { Clock } from '../../clock';
import { isUniqueViolation } from '../../db/errors';
import type { Database } from '../../db/schema';
import { conflict, DomainError, invalid, notFound } from '../../errors';
import type { FileStore } from '../../storage/file-store';
import { recordAudit } from '../audit';
import { type Actor, hasRole, requireRole } from '../auth';
import { findFile, insertFile, storeBytes } from '../files';
import { loadPdf } from './pdf-loader';
import * as repo from './repo';

/** Active templates of the organization among `ids`, current version; unknown ones reported at their index. */
export async function requireTemplates(db: Kysely<Database>, organizationId: string, ids: string[], path: string) {
  return checkTemplates(await repo.findAssignableTemplates(db, organizationId, ids), ids, path);
}

/** `found` (the templates read for `ids`) when every id is among them; else 400 naming each unknown one at its index. */
export function checkTemplates<T extends { id: string }>(found: T[], ids: string[], path: string): T[] {
  const known = new Set(found.map((t) => t.id));
  const errors = ids.flatMap((id, index) => (known.has(id) ? [] : [{ path: `${path}.${index}`, message: 'Unknown document' }]));
  if (errors.length > 0) throw invalid(errors);
  return found;
}

const nameTaken = () =>
  new DomainError('conflict', 'name_taken', 'A document with this name already exists', { errors: [{ path: 'name', message: 'Another document already has this name' }] });

const staleVersion = () => conflict('version_conflict', 'Someone saved a newer version of this document since you opened it. Reload to see it.');

/** Refuses an edit made on an older version than the current one. */
function requireBase(current: { version: number }, base: number | undefined) {
  if (base !== undefined && base !== current.version) throw staleVersion();
}

const publicTemplate = ({ versionId: _v, fileId: _f, ...template }: DocumentTemplate & { versionId: string; fileId: string | null }): DocumentTemplate => template;

export interface PdfUpload {
  filename: string;
  bytes: Uint8Array;
}

export interface DocumentsDeps {
  db: Kysely<Database>;
  clock: Clock;
  storage: FileStore;
}

/** The document catalogue: administrators build forms and upload PDFs; everyone reads them. */
export function createDocumentsService({ db, clock, storage }: DocumentsDeps) {
  const audit = (trx: Kysely<Database>, actor: Actor, action: string, id: string, data = {}) =>
    recordAudit(trx, { organizationId: actor.organizationId, actorUserId: actor.id, action, entityType: 'document_template', entityId: id, at: clock.now(), data });

  async function template(trx: Kysely<Database>, actor: Actor, id: string) {
    const [found] = await repo.listTemplates(trx, actor.organizationId, { ids: [id], includeRetired: true });
    if (!found) throw notFound('Document');
    return found;
  }

  /** Checked by content, then stored before the transaction: an orphan file is harmless, a row without its file is not. */
  async function storePdf({ filename, bytes }: PdfUpload) {
    const { checkPdfUpload, PdfRejected } = await loadPdf();
    try {
      await checkPdfUpload(bytes);
    } catch (error) {
      if (error instanceof PdfRejected) throw invalid([{ path: 'file', message: error.message }]);
      throw error;
    }
    return { ...(await storeBytes(storage, bytes)), filename, contentType: 'application/pdf' };
  }

  const unique = async <T>(work: () => Promise<T>) => {
    try {
      return await work();
    } catch (error) {
      if (isUniqueViolation(error, 'document_templates_name_key')) throw nameTaken();
      // Two edits of the same version at once: the second did not see the first.
      if (isUniqueViolation(error, 'document_template_versions_template_id_version_key')) throw staleVersion();
      throw error;
    }
  };

  return {
    async list(actor: Actor, includeRetired: boolean): Promise<DocumentTemplate[]> {
      const rows = await repo.listTemplates(db, actor.organizationId, { includeRetired: includeRetired && hasRole(actor, 'admin') });
      return rows.map(publicTemplate);
    },

    createForm: (actor: Actor, input: CreateFormTemplate): Promise<DocumentTemplate> =>
      unique(() =>
        db.transaction().execute(async (trx) => {
          requireRole(actor, 'admin');
          const id = await repo.insertTemplate(trx, actor.organizationId, { ...input, kind: 'form', fileId: null, at: clock.now(), by: actor.id });
          await audit(trx, actor, 'document_template.created', id, { name: input.name });
          return publicTemplate(await template(trx, actor, id));
        }),
      ),

    /** A PDF to read and acknowledge: checked by its content, stored, version 1. */
    async createPdf(actor: Actor, input: { name: string; audience: Audience } & PdfUpload): Promise<DocumentTemplate> {
      requireRole(actor, 'admin');
      const stored = await storePdf(input);
      return unique(() =>
        db.transaction().execute(async (trx) => {
          const at = clock.now();
          const fileId = await insertFile(trx, { ...stored, organizationId: actor.organizationId, by: actor.id, at });
          const id = await repo.insertTemplate(trx, actor.organizationId, {
            name: input.name,
            audience: input.audience,
            kind: 'pdf',
            fields: [ACKNOWLEDGEMENT_FIELD],
            fileId,
            at,
            by: actor.id,
          });
          await audit(trx, actor, 'document_template.created', id, { name: input.name, kind: 'pdf' });
          return publicTemplate(await template(trx, actor, id));
        }),
      );
    },

    /** A new PDF for a PDF document (and maybe a new name or audience): a new version; sessions keep the file they were given. */
    async replacePdf(
      actor: Actor,
      id: string,
      upload: PdfUpload & { name?: string | undefined; audience?: Audience | undefined; version?: number | undefined },
    ): Promise<DocumentTemplate> {
      requireRole(actor, 'admin');
      const current = await template(db, actor, id);
      if (current.kind !== 'pdf') throw invalid([{ path: 'file', message: 'This document is a form: edit its fields instead' }]);
      const stored = await storePdf(upload);
      return unique(() =>
        db.transaction().execute(async (trx) => {
          const at = clock.now();
          const latest = await template(trx, actor, id);
          requireBase(latest, upload.version);
          const fileId = await insertFile(trx, { ...stored, organizationId: actor.organizationId, by: actor.id, at });
          const version = latest.version + 1;
          const name = upload.name ?? latest.name;
          const audience = upload.audience ?? latest.audience;
          await repo.insertVersion(trx, actor.organizationId, id, version, { ...latest, name, audience, fileId, at, by: actor.id });
          await repo.setCurrentVersion(trx, id, { version, name, audience, at });
          const changed = ['file', ...(name !== latest.name ? ['name'] : []), ...(audience !== latest.audience ? ['audience'] : [])];
          await audit(trx, actor, 'document_template.updated', id, { version, changed });
          return publicTemplate(await template(trx, actor, id));
        }),
      );
    },

    /** Any change makes a new version; sessions keep the version they were given. */
    update: (actor: Actor, id: string, patch: UpdateTemplate): Promise<DocumentTemplate> =>
      unique(() =>
        db.transaction().execute(async (trx) => {
          requireRole(actor, 'admin');
          const current = await template(trx, actor, id);
          requireBase(current, patch.version);
          if (patch.fields && current.kind === 'pdf') throw invalid([{ path: 'fields', message: 'A PDF document asks only for a signature' }]);
          const next = { name: patch.name ?? current.name, audience: patch.audience ?? current.audience, fields: patch.fields ?? current.fields };
          const version = current.version + 1;
          const at = clock.now();
          await repo.insertVersion(trx, actor.organizationId, id, version, { ...next, kind: current.kind, fileId: current.fileId, at, by: actor.id });
          await repo.setCurrentVersion(trx, id, { version, name: next.name, audience: next.audience, at });
          const changed = Object.keys(patch).filter((key) => key !== 'version');
          await audit(trx, actor, 'document_template.updated', id, { version, changed });
          return publicTemplate(await template(trx, actor, id));
        }),
      ),

    /** Retired documents can no longer be assigned; those already assigned stay. */
    async setActive(actor: Actor, id: string, active: boolean): Promise<DocumentTemplate> {
      requireRole(actor, 'admin');
      return db.transaction().execute(async (trx) => {
        await template(trx, actor, id);
        await repo.setActive(trx, id, active, clock.now());
        await audit(trx, actor, active ? 'document_template.restored' : 'document_template.retired', id);
        return publicTemplate(await template(trx, actor, id));
      });
    },

    async remove(actor: Actor, id: string): Promise<void> {
      requireRole(actor, 'admin');
      await db.transaction().execute(async (trx) => {
        await template(trx, actor, id);
        if (await repo.isUsed(trx, id)) throw conflict('template_in_use', 'This document has been used: retire it instead of deleting it');
        await repo.deleteUnusedTemplate(trx, id);
        await audit(trx, actor, 'document_template.deleted', id);
      });
    },

    /** The PDF of a PDF document, for staff to read. */
    async file(actor: Actor, id: string): Promise<{ filename: string; bytes: Uint8Array }> {
      const found = await template(db, actor, id);
      const file = found.fileId ? await findFile(db, actor.organizationId, found.fileId) : undefined;
      if (!file) throw notFound('File');
      return { filename: file.filename, bytes: await storage.get(file.storage_key) };
    },
  };
}

export type DocumentsService = ReturnType<typeof createDocumentsService>;
