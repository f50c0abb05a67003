import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  AUDIENCES,
  baseVersionSchema,
  completeDocumentSchema,
  createFormTemplateSchema,
  documentTemplateSchema,
  documentToCompleteSchema,
  MAX_PDF_BYTES,
  sessionDocumentSchema,
  templateNameSchema,
  updateTemplateSchema,
} from '../../../shared/documents';
import { invalid } from '../../errors';
import { requireUploadName } from '../files';
import { file, json, noContent, problems } from '../../http/responses';
import { sendFile } from '../../http/send-file';
import { staffOf } from '../auth';
import type { App } from '../../http/types';
import type { DocumentCompletion } from './completion';
import type { DocumentsService } from './service';
import { sessionRead } from '../audit';

const idParams = z.object({ id: z.uuid() });
const documentParams = z.object({ id: z.uuid(), documentId: z.uuid() });

const pdfTemplateFields = z.object({ name: templateNameSchema, audience: z.enum(AUDIENCES, { message: 'Choose participant or host' }) });
const pdfReplacementFields = pdfTemplateFields.partial().extend({ version: baseVersionSchema });
/** The multipart uploads as documented: their text fields, then the file. */
const pdfPart = { file: z.file().mime('application/pdf').max(MAX_PDF_BYTES) };

const tags = ['Documents'];
const template = json(documentTemplateSchema);
const pdf = file('application/pdf', 'The PDF');

/** Multipart text fields pass no JSON schema: the same checks, the same 400. */
function parseFields<T extends z.ZodType>(schema: T, values: unknown): z.output<T> {
  const parsed = schema.safeParse(values);
  if (!parsed.success) throw invalid(parsed.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })));
  return parsed.data;
}

/** The one `file` part of a multipart upload, within the PDF size limit, and the text fields sent before it. */
async function readPdfUpload(request: FastifyRequest) {
  const part = await request.file({ limits: { fileSize: MAX_PDF_BYTES, files: 1 } });
  if (!part || part.fieldname !== 'file') throw invalid([{ path: 'file', message: 'Choose a PDF file' }]);
  requireUploadName(part.filename);
  const bytes = new Uint8Array(await part.toBuffer());
  const field = (name: string) => {
    const value = part.fields[name];
    return value && !Array.isArray(value) && value.type === 'field' ? String(value.value) : '';
  };
  return { upload: { filename: part.filename || 'document.pdf', bytes }, field };
}

export function documentsRoutes(app: App, documents: DocumentsService, completion: DocumentCompletion): void {
  app.get('/document-templates', {
    schema: {
      tags,
      summary: 'List document templates',
      description: 'Retired ones only for administrators who ask for them.',
      querystring: z.object({ includeRetired: z.enum(['true', 'false']).optional() }),
      response: { 200: json(z.array(documentTemplateSchema), 'The templates'), ...problems(400, 401) },
    },
  }, (request) =>
    documents.list(staffOf(request), request.query.includeRetired === 'true'),
  );
  app.post('/document-templates', {
    schema: {
      tags,
      summary: 'Add a form',
      description: 'Administrators only. Version 1 of a form built question by question.',
      body: createFormTemplateSchema,
      response: { 201: json(documentTemplateSchema, 'The new template'), ...problems(400, 401, 403, 409) },
    },
  }, async (request, reply) =>
    reply.code(201).send(await documents.createForm(staffOf(request), request.body)),
  );
  // A PDF to read and acknowledge: multipart with `name`, `audience` and the `file`.
  app.post('/document-templates/pdf', {
    schema: {
      tags,
      summary: 'Upload a PDF to read and sign',
      description: 'Administrators only. Multipart: `name` and `audience` before the `file`, a PDF checked by its content, at most 10 MB.',
      multipartBody: pdfTemplateFields.extend(pdfPart),
      response: { 201: json(documentTemplateSchema, 'The new template'), ...problems(400, 401, 403, 409, 413) },
    },
  }, async (request, reply) => {
    const actor = staffOf(request);
    const { upload, field } = await readPdfUpload(request);
    const fields = parseFields(pdfTemplateFields, { name: field('name'), audience: field('audience') });
    return reply.code(201).send(await documents.createPdf(actor, { ...fields, ...upload }));
  });
  // A new file for a PDF document, with its name and audience if they change too: one new version.
  app.post('/document-templates/:id/file', {
    schema: {
      tags,
      summary: "Replace a PDF document's file",
      description: 'Administrators only. Multipart, like the upload; `name`, `audience` and the `version` edited are optional. Makes a new version.',
      params: idParams,
      multipartBody: pdfReplacementFields.extend(pdfPart),
      response: { 200: json(documentTemplateSchema, 'The template in its new version'), ...problems(400, 401, 403, 404, 409, 413) },
    },
  }, async (request) => {
    const actor = staffOf(request);
    const { upload, field } = await readPdfUpload(request);
    const fields = parseFields(pdfReplacementFields, {
      name: field('name') || undefined,
      audience: field('audience') || undefined,
      version: field('version') || undefined,
    });
    return documents.replacePdf(actor, request.params.id, { ...upload, ...fields });
  });
  app.patch('/document-templates/:id', {
    schema: {
      tags,
      summary: 'Edit a document template',
      description: 'Administrators only. Makes a new version; sessions keep the version they were given. Send the `version` edited: a newer one answers 409 `version_conflict`.',
      params: idParams,
      body: updateTemplateSchema,
      response: { 200: json(documentTemplateSchema, 'The template in its new version'), ...problems(400, 401, 403, 404, 409) },
    },
  }, (request) =>
    documents.update(staffOf(request), request.params.id, request.body),
  );
  app.post('/document-templates/:id/retire', {
    schema: { tags, summary: 'Retire a document template', description: 'Administrators only. It can no longer be assigned.', params: idParams, response: { 200: template, ...problems(401, 403, 404) } },
  }, (request) => documents.setActive(staffOf(request), request.params.id, false));
  app.post('/document-templates/:id/restore', {
    schema: { tags, summary: 'Restore a retired document template', description: 'Administrators only.', params: idParams, response: { 200: template, ...problems(401, 403, 404) } },
  }, (request) => documents.setActive(staffOf(request), request.params.id, true));
  app.delete('/document-templates/:id', {
    schema: {
      tags,
      summary: 'Delete a document template',
      description: 'Administrators only. One that sessions have used answers 409 `template_in_use`: retire it instead.',
      params: idParams,
      response: { 204: noContent, ...problems(401, 403, 404, 409) },
    },
  }, async (request, reply) => {
    await documents.remove(staffOf(request), request.params.id);
    return reply.code(204).send();
  });
  app.get('/document-templates/:id/file', {
    schema: { tags, summary: "A PDF document's file", description: 'Sent inline, to read.', params: idParams, response: { 200: pdf, ...problems(401, 404) } },
  }, async (request, reply) =>
    sendFile(reply, await documents.file(staffOf(request), request.params.id), 'inline'),
  );

  app.get('/sessions/:id/documents', {
    config: { audit: sessionRead('document.list_read') },
    schema: { tags, summary: "A session's documents", params: idParams, response: { 200: json(z.array(sessionDocumentSchema), 'The documents'), ...problems(401, 404) } },
  }, (request) => completion.listForStaff(staffOf(request), request.params.id));
  app.get('/sessions/:id/documents/:documentId', {
    config: { audit: sessionRead('document.read', 'document', 'documentId') },
    schema: { tags, summary: 'A document of a session, to complete or read', params: documentParams, response: { 200: json(documentToCompleteSchema), ...problems(401, 404) } },
  }, (request) =>
    completion.getForStaff(staffOf(request), request.params.id, request.params.documentId),
  );
  app.post('/sessions/:id/documents/:documentId', {
    schema: {
      tags,
      summary: 'Complete a host document',
      description: 'Only by the host it is assigned to: a signature is personal. `answers` holds one answer per field id.',
      params: documentParams,
      body: completeDocumentSchema,
      response: { 200: json(documentToCompleteSchema, 'The document as completed'), ...problems(400, 401, 403, 404, 409) },
    },
  }, (request) =>
    completion.completeAsHost(staffOf(request), request.params.id, request.params.documentId, request.body.answers),
  );
  app.get('/sessions/:id/documents/:documentId/pdf', {
    config: { audit: sessionRead('document.pdf_downloaded', 'document', 'documentId') },
    schema: {
      tags,
      summary: 'A completed document as a signed PDF',
      description: 'A download. Not yet completed answers 409 `not_completed`.',
      params: documentParams,
      response: { 200: file('application/pdf', 'The signed PDF'), ...problems(401, 404, 409) },
    },
  }, async (request, reply) =>
    sendFile(reply, await completion.pdfForStaff(staffOf(request), request.params.id, request.params.documentId), 'attachment'),
  );
  app.get('/sessions/:id/documents/:documentId/file', {
    config: { audit: sessionRead('document.file_downloaded', 'document', 'documentId') },
    schema: { tags, summary: "The file of a session's PDF document", description: 'Sent inline, to read.', params: documentParams, response: { 200: pdf, ...problems(401, 404) } },
  }, async (request, reply) =>
    sendFile(reply, await completion.fileForStaff(staffOf(request), request.params.id, request.params.documentId), 'inline'),
  );
}
