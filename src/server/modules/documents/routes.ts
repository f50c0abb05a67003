import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AUDIENCES, baseVersionSchema, completeDocumentSchema, MAX_PDF_BYTES, createFormTemplateSchema, templateNameSchema, updateTemplateSchema } from '../../../shared/documents';
import { invalid } from '../../errors';
import { staffOf } from '../../http/session-cookie';
import type { App } from '../../http/types';
import type { DocumentCompletion } from './completion';
import type { DocumentsService } from './service';

const idParams = z.object({ id: z.uuid() });
const documentParams = z.object({ id: z.uuid(), documentId: z.uuid() });

/** A file goes out as a download, never rendered inline from our origin unless asked for reading. */
export function sendFile(reply: FastifyReply, file: { filename: string; bytes: Uint8Array }, disposition: 'attachment' | 'inline') {
  const name = encodeURIComponent(file.filename);
  return reply
    .type('application/pdf')
    .header('content-disposition', `${disposition}; filename="${name.replace(/%20/g, ' ')}"; filename*=UTF-8''${name}`)
    .header('content-security-policy', "default-src 'none'; frame-ancestors 'self'")
    // Our own pages may show a PDF to read in a frame; nobody else's.
    .header('x-frame-options', 'SAMEORIGIN')
    .send(Buffer.from(file.bytes));
}

const pdfTemplateFields = z.object({ name: templateNameSchema, audience: z.enum(AUDIENCES, { message: 'Choose participant or host' }) });

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
  const bytes = new Uint8Array(await part.toBuffer());
  const field = (name: string) => {
    const value = part.fields[name];
    return value && !Array.isArray(value) && value.type === 'field' ? String(value.value) : '';
  };
  return { upload: { filename: part.filename || 'document.pdf', bytes }, field };
}

export function documentsRoutes(app: App, documents: DocumentsService, completion: DocumentCompletion): void {
  app.get('/document-templates', { schema: { querystring: z.object({ includeRetired: z.enum(['true', 'false']).optional() }) } }, (request) =>
    documents.list(staffOf(request), request.query.includeRetired === 'true'),
  );
  app.post('/document-templates', { schema: { body: createFormTemplateSchema } }, async (request, reply) =>
    reply.code(201).send(await documents.createForm(staffOf(request), request.body)),
  );
  // A PDF to read and acknowledge: multipart with `name`, `audience` and the `file`.
  app.post('/document-templates/pdf', async (request, reply) => {
    const actor = staffOf(request);
    const { upload, field } = await readPdfUpload(request);
    const fields = parseFields(pdfTemplateFields, { name: field('name'), audience: field('audience') });
    return reply.code(201).send(await documents.createPdf(actor, { ...fields, ...upload }));
  });
  // A new file for a PDF document, with its name and audience if they change too: one new version.
  app.post('/document-templates/:id/file', { schema: { params: idParams } }, async (request) => {
    const actor = staffOf(request);
    const { upload, field } = await readPdfUpload(request);
    const fields = parseFields(pdfTemplateFields.partial().extend({ version: baseVersionSchema }), {
      name: field('name') || undefined,
      audience: field('audience') || undefined,
      version: field('version') || undefined,
    });
    return documents.replacePdf(actor, request.params.id, { ...upload, ...fields });
  });
  app.patch('/document-templates/:id', { schema: { params: idParams, body: updateTemplateSchema } }, (request) =>
    documents.update(staffOf(request), request.params.id, request.body),
  );
  app.post('/document-templates/:id/retire', { schema: { params: idParams } }, (request) => documents.setActive(staffOf(request), request.params.id, false));
  app.post('/document-templates/:id/restore', { schema: { params: idParams } }, (request) => documents.setActive(staffOf(request), request.params.id, true));
  app.delete('/document-templates/:id', { schema: { params: idParams } }, async (request, reply) => {
    await documents.remove(staffOf(request), request.params.id);
    return reply.code(204).send();
  });
  app.get('/document-templates/:id/file', { schema: { params: idParams } }, async (request, reply) =>
    sendFile(reply, await documents.file(staffOf(request), request.params.id), 'inline'),
  );

  app.get('/sessions/:id/documents', { schema: { params: idParams } }, (request) => completion.listForStaff(staffOf(request), request.params.id));
  app.get('/sessions/:id/documents/:documentId', { schema: { params: documentParams } }, (request) =>
    completion.getForStaff(staffOf(request), request.params.id, request.params.documentId),
  );
  app.post('/sessions/:id/documents/:documentId', { schema: { params: documentParams, body: completeDocumentSchema } }, (request) =>
    completion.completeAsHost(staffOf(request), request.params.id, request.params.documentId, request.body.answers),
  );
  app.get('/sessions/:id/documents/:documentId/pdf', { schema: { params: documentParams } }, async (request, reply) =>
    sendFile(reply, await completion.pdfForStaff(staffOf(request), request.params.id, request.params.documentId), 'attachment'),
  );
  app.get('/sessions/:id/documents/:documentId/file', { schema: { params: documentParams } }, async (request, reply) =>
    sendFile(reply, await completion.fileForStaff(staffOf(request), request.params.id, request.params.documentId), 'inline'),
  );
}
