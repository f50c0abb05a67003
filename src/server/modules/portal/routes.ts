import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Clock } from '../../clock';
import type { Config } from '../../config';
import { DomainError } from '../../errors';
import type { SessionCookie } from '../../http/session-cookie';
import type { App } from '../../http/types';
import { completeDocumentSchema } from '../../../shared/documents';
import { calendarFile } from '../calendar/ics';
import type { DocumentCompletion } from '../documents/completion';
import { sendFile } from '../documents/routes';
import type { PortalService, PortalVisitor } from './service';

const signInAgain = () => new DomainError('unauthenticated', 'unauthenticated', 'Open the link from your invitation again');

/** The participant's own page: exchange a join link for a cookie, then read only that session. */
export function portalRoutes(app: App, portal: PortalService, cookie: SessionCookie, completion: DocumentCompletion, config: Config, clock: Clock): void {
  async function visitorOf(request: FastifyRequest): Promise<PortalVisitor> {
    const token = cookie.read(request);
    const visitor = token ? await portal.visitor(token) : null;
    if (!visitor) throw signInAgain();
    return visitor;
  }

  app.post('/portal/exchange', { schema: { body: z.object({ token: z.string().min(16).max(200) }) } }, async (request, reply) => {
    const { sessionId, portalToken } = await portal.exchange(request.body.token);
    cookie.set(reply, portalToken);
    return { sessionId };
  });

  app.get('/portal/session', async (request) => {
    const { version: _, ...view } = await portal.view(await visitorOf(request));
    return view;
  });

  app.get('/portal/calendar.ics', async (request, reply) => {
    const view = await portal.view(await visitorOf(request));
    const { session } = view;
    const url = new URL('/portal', config.publicUrl).toString();
    const body = calendarFile({
      name: session.organization.name,
      method: 'publish',
      stamp: clock.now(),
      events: [
        {
          sessionId: session.id,
          version: view.version,
          start: session.start,
          end: session.end,
          summary: `${session.service.name} with ${session.host.name}`,
          description: `${session.sessionType.name} · ${session.organization.name}\n${url}`,
          url,
          canceled: session.status === 'canceled',
        },
      ],
    });
    return reply
      .type('text/calendar; charset=utf-8')
      .header('content-disposition', `attachment; filename="session-${session.start.slice(0, 10)}.ics"`)
      .send(body);
  });

  const documentParams = z.object({ id: z.uuid() });
  app.get('/portal/documents', async (request) => completion.listForParticipant(await visitorOf(request)));
  app.post('/portal/documents/:id', { schema: { params: documentParams, body: completeDocumentSchema } }, async (request) =>
    completion.completeAsParticipant(await visitorOf(request), request.params.id, request.body.answers),
  );
  app.get('/portal/documents/:id/pdf', { schema: { params: documentParams } }, async (request, reply) =>
    sendFile(reply, await completion.pdfForParticipant(await visitorOf(request), request.params.id), 'attachment'),
  );
  app.get('/portal/documents/:id/file', { schema: { params: documentParams } }, async (request, reply) =>
    sendFile(reply, await completion.fileForParticipant(await visitorOf(request), request.params.id), 'inline'),
  );
}
