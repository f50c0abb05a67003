import { z } from 'zod';
import { createParticipantSchema, updateParticipantSchema } from '../../../shared/participants';
import { staffOf } from '../../http/session-cookie';
import type { App } from '../../http/types';
import type { ParticipantsService } from './service';

const idParams = z.object({ id: z.uuid() });

export function participantsRoutes(app: App, participants: ParticipantsService): void {
  app.get(
    '/participants',
    { schema: { querystring: z.object({ query: z.string().max(100).default(''), limit: z.coerce.number().int().min(1).max(100).default(25) }) } },
    (request) => participants.search(staffOf(request), request.query.query, request.query.limit),
  );
  app.get('/participants/:id', { schema: { params: idParams } }, (request) => participants.get(staffOf(request), request.params.id));
  app.post('/participants', { schema: { body: createParticipantSchema } }, async (request, reply) =>
    reply.code(201).send(await participants.create(staffOf(request), request.body)),
  );
  app.patch('/participants/:id', { schema: { params: idParams, body: updateParticipantSchema } }, (request) =>
    participants.update(staffOf(request), request.params.id, request.body),
  );
}
