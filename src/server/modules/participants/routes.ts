import { z } from 'zod';
import { createParticipantSchema, participantSchema, updateParticipantSchema } from '../../../shared/participants';
import { json, problems } from '../../http/responses';
import { staffOf } from '../auth';
import type { App } from '../../http/types';
import type { ParticipantsService } from './service';
import { listRead, noteAuditSubject, participantRead } from '../audit';

const idParams = z.object({ id: z.uuid() });
const tags = ['Participants'];
const emailTaken = 'An email already in the directory answers 409 `participant_exists` with the `existing` participant.';

export function participantsRoutes(app: App, participants: ParticipantsService): void {
  app.get(
    '/participants',
    {
      config: { audit: listRead('participant.searched', 'participant') },
      schema: {
        tags,
        summary: 'Search the participant directory',
        description: 'By name, email or phone, accents and case ignored; names starting with the query first.',
        querystring: z.object({ query: z.string().max(100).default(''), limit: z.coerce.number().int().min(1).max(100).default(25) }),
        response: { 200: json(z.array(participantSchema), 'The participants found'), ...problems(400, 401) },
      },
    },
    async (request) => {
      const found = await participants.search(staffOf(request), request.query.query, request.query.limit);
      noteAuditSubject(request, { participantIds: found.map((p) => p.id) });
      return found;
    },
  );
  app.get(
    '/participants/:id',
    { config: { audit: participantRead('participant.read') }, schema: { tags, summary: 'One participant', params: idParams, response: { 200: json(participantSchema), ...problems(401, 404) } } },
    (request) => participants.get(staffOf(request), request.params.id),
  );
  app.post(
    '/participants',
    {
      schema: {
        tags,
        summary: 'Add a participant to the directory',
        description: emailTaken,
        body: createParticipantSchema,
        response: { 201: json(participantSchema, 'The new participant'), ...problems(400, 401, 403, 409) },
      },
    },
    async (request, reply) => reply.code(201).send(await participants.create(staffOf(request), request.body)),
  );
  app.patch(
    '/participants/:id',
    {
      schema: {
        tags,
        summary: 'Change a participant',
        description: emailTaken,
        params: idParams,
        body: updateParticipantSchema,
        response: { 200: json(participantSchema, 'The participant as saved'), ...problems(400, 401, 403, 404, 409) },
      },
    },
    (request) => participants.update(staffOf(request), request.params.id, request.body),
  );
}
