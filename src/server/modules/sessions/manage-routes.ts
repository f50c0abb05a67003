import { z } from 'zod';
import { cancelSchema, documentsSchema, nextSessionSchema, rescheduleSchema, updateSessionSchema } from '../../../shared/session-management';
import { sessionParticipantSchema } from '../../../shared/sessions';
import { staffOf } from '../../http/session-cookie';
import type { App } from '../../http/types';
import type { SessionManagement } from './manage';
import type { SessionsService } from './service';

const params = z.object({ id: z.uuid() });

export function sessionManagementRoutes(app: App, manage: SessionManagement, sessions: SessionsService): void {
  app.patch('/sessions/:id', { schema: { params, body: updateSessionSchema } }, (request) =>
    manage.update(staffOf(request), request.params.id, request.body),
  );
  app.post('/sessions/:id/reschedule', { schema: { params, body: rescheduleSchema } }, (request) =>
    manage.reschedule(staffOf(request), request.params.id, request.body),
  );
  app.post('/sessions/:id/cancel', { schema: { params, body: cancelSchema } }, (request) =>
    manage.cancel(staffOf(request), request.params.id, request.body.reason),
  );
  app.put('/sessions/:id/documents', { schema: { params, body: documentsSchema } }, (request) =>
    manage.setDocuments(staffOf(request), request.params.id, request.body.documentTemplateIds),
  );
  app.post('/sessions/:id/participants', { schema: { params, body: sessionParticipantSchema } }, async (request, reply) =>
    reply.code(201).send(await manage.addParticipant(staffOf(request), request.params.id, request.body)),
  );
  app.delete('/sessions/:id/participants/:participantId', { schema: { params: params.extend({ participantId: z.uuid() }) } }, async (request, reply) => {
    await manage.removeParticipant(staffOf(request), request.params.id, request.params.participantId);
    return reply.code(204).send();
  });
  app.post('/sessions/:id/next', { schema: { params, body: nextSessionSchema } }, async (request, reply) =>
    reply.code(201).send(await manage.scheduleNext(staffOf(request), request.params.id, request.body)),
  );
  app.get('/sessions/:id/history', { schema: { params } }, (request) => sessions.history(staffOf(request), request.params.id));
}
