import { z } from 'zod';
import { file, json, problems } from '../../http/responses';
import { sendFile } from '../../http/send-file';
import type { SignInCookie } from '../../http/sign-in-cookie';
import type { App } from '../../http/types';
import { completeDocumentSchema, documentToCompleteSchema } from '../../../shared/documents';
import { joinLinkSchema, portalExchangeSchema, portalViewSchema } from '../../../shared/portal';
import { staffOf } from '../auth';
import type { DocumentCompletion } from '../documents';
import type { PortalService } from './service';
import { verificationRoutes } from './verification-routes';
import { portalVisitorOf } from './visitor';
import { portalRead } from '../audit';

const tags = ['Portal'];
const security = [{ participantSession: [] }];

/**
 * The participant's own page: exchange a join link for a cookie, then read only that session.
 * Where the clinic asks who is joining, every route here answers 403 `verification_required`
 * until the visit confirms (verification-routes.ts).
 */
export function portalRoutes(app: App, portal: PortalService, cookie: SignInCookie, completion: DocumentCompletion): void {
  const visitorOf = portalVisitorOf(portal, cookie);
  verificationRoutes(app, portal.verification, cookie);

  app.post(
    '/sessions/:id/participants/:participantId/link',
    {
      schema: {
        tags,
        summary: "Make a participant's join link to copy",
        description: 'For participants invited "link only", or a lost email. Each request makes a new link.',
        params: z.object({ id: z.uuid(), participantId: z.uuid() }),
        response: { 200: json(joinLinkSchema), ...problems(401, 403, 404) },
      },
    },
    (request) => portal.copyLink(staffOf(request), request.params.id, request.params.participantId),
  );

  app.post('/portal/exchange', {
    schema: {
      tags,
      summary: 'Open a join link',
      description: "Exchanges the invitation's token for the participant cookie, which reaches only that session. A link unknown, expired or canceled answers 404.",
      security: [],
      body: z.object({ token: z.string().min(16).max(200) }),
      response: { 200: json(portalExchangeSchema), ...problems(400, 403, 404) },
    },
  }, async (request, reply) => {
    const { sessionId, portalToken } = await portal.exchange(request.body.token);
    cookie.set(reply, portalToken);
    return { sessionId };
  });

  app.get('/portal/session', {
    config: { audit: portalRead('portal.session_read') },
    schema: { tags, summary: "The participant's session", security, response: { 200: json(portalViewSchema), ...problems(401, 403, 404) } },
  }, async (request) => {
    const { version: _, ...view } = await portal.view(await visitorOf(request));
    return view;
  });

  app.get('/portal/calendar.ics', {
    config: { audit: portalRead('portal.calendar_downloaded') },
    schema: { tags, summary: "The participant's session as a calendar file", security, response: { 200: file('text/calendar', 'An iCalendar (RFC 5545) file'), ...problems(401, 403, 404) } },
  }, async (request, reply) => {
    const calendar = await portal.calendarFile(await visitorOf(request));
    return reply.type('text/calendar; charset=utf-8').header('content-disposition', `attachment; filename="${calendar.filename}"`).send(calendar.body);
  });

  const documentParams = z.object({ id: z.uuid() });
  app.get('/portal/documents', {
    config: { audit: portalRead('portal.documents_read') },
    schema: { tags, summary: "The participant's documents", security, response: { 200: json(z.array(documentToCompleteSchema), 'Their documents, with questions and answers'), ...problems(401, 403) } },
  }, async (request) => completion.listForParticipant(await visitorOf(request)));
  app.post('/portal/documents/:id', {
    schema: {
      tags,
      summary: 'Complete a document',
      description: '`answers` holds one answer per field id; a signature is the typed full name or a drawn PNG data URL.',
      security,
      params: documentParams,
      body: completeDocumentSchema,
      response: { 200: json(documentToCompleteSchema, 'The document as completed'), ...problems(400, 401, 403, 404, 409) },
    },
  }, async (request) =>
    completion.completeAsParticipant(await visitorOf(request), request.params.id, request.body.answers),
  );
  app.get('/portal/documents/:id/pdf', {
    config: { audit: portalRead('portal.document_pdf_downloaded', 'document', 'id') },
    schema: {
      tags,
      summary: 'A completed document as a signed PDF',
      security,
      params: documentParams,
      response: { 200: file('application/pdf', 'The signed PDF'), ...problems(401, 403, 404, 409) },
    },
  }, async (request, reply) =>
    sendFile(reply, await completion.pdfForParticipant(await visitorOf(request), request.params.id), 'attachment'),
  );
  app.get('/portal/documents/:id/file', {
    config: { audit: portalRead('portal.document_file_downloaded', 'document', 'id') },
    schema: { tags, summary: 'The file of a PDF document', description: 'Sent inline, to read.', security, params: documentParams, response: { 200: file('application/pdf', 'The PDF'), ...problems(401, 403, 404) } },
  }, async (request, reply) =>
    sendFile(reply, await completion.fileForParticipant(await visitorOf(request), request.params.id), 'inline'),
  );
}
