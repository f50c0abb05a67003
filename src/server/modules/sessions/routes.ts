import { z } from 'zod';
import { createSessionSchema, listSessionsQuerySchema } from '../../../shared/sessions';
import { staffOf } from '../../http/session-cookie';
import type { App } from '../../http/types';
import type { SessionsService } from './service';

const idParams = z.object({ id: z.uuid() });
const createHeaders = z.object({ 'idempotency-key': z.string().min(1).max(200).optional() });

export function sessionsRoutes(app: App, sessions: SessionsService): void {
  app.post('/sessions', { schema: { body: createSessionSchema, headers: createHeaders } }, async (request, reply) =>
    reply.code(201).send(await sessions.create(staffOf(request), request.body, request.headers['idempotency-key'])),
  );
  app.get('/sessions', { schema: { querystring: listSessionsQuerySchema } }, (request) => sessions.list(staffOf(request), request.query));
  app.get('/sessions/:id', { schema: { params: idParams } }, (request) => sessions.get(staffOf(request), request.params.id));
}
