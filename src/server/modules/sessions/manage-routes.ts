import { z } from 'zod';
import { historyEntrySchema } from '../../../shared/history';
import { participantSchema } from '../../../shared/participants';
import {
  cancelSchema,
  documentsSchema,
  nextSessionSchema,
  rescheduleSchema,
  updateSessionSchema,
} from '../../../shared/session-management';
import { createdSessionSchema, sessionDetailsSchema, sessionParticipantSchema } from '../../../shared/sessions';
import { json, noContent, problems } from '../../http/responses';
import { staffOf } from '../auth';
import type { App } from '../../http/types';
import type { SessionManagement } from './manage';
import type { SessionsService } from './service';
import { sessionRead } from '../audit';

const params = z.object({ id: z.uuid() });
const tags = ['Sessions'];
const changed = json(sessionDetailsSchema, 'The session as changed');
/** Every change is for the host, dispatchers and administrators, on a session still open. */
const changeErrors = problems(400, 401, 403, 404, 409);

export function sessionManagementRoutes(app: App, manage: SessionManagement, sessions: SessionsService): void {
  app.patch(
    '/sessions/:id',
    {
      schema: {
        tags,
        summary: 'Change the service, session type, host or documents',
        description: 'Send the `version` you read: a session changed since answers 409 `version_conflict`. Participants are told when the host, service or session type changes.',
        params,
        body: updateSessionSchema,
        response: { 200: changed, ...changeErrors },
      },
    },
    (request) => manage.update(staffOf(request), request.params.id, request.body),
  );
  app.post(
    '/sessions/:id/reschedule',
    {
      schema: {
        tags,
        summary: 'Move a session to another time',
        description: 'The new time is checked like a booking; participants get an update.',
        params,
        body: rescheduleSchema,
        response: { 200: changed, ...changeErrors },
      },
    },
    (request) => manage.reschedule(staffOf(request), request.params.id, request.body),
  );
  app.post(
    '/sessions/:id/cancel',
    { schema: { tags, summary: 'Cancel a session', description: 'Participants are told, with the reason.', params, body: cancelSchema, response: { 200: changed, ...changeErrors } } },
    (request) => manage.cancel(staffOf(request), request.params.id, request.body.reason),
  );
  const lifecycle = [
    ['start', 'start', 'Start a session', 'From the start of its join window (the organization’s setting, 15 minutes before by default); joining the call as host starts it too.'],
    ['end', 'end', 'End a session', 'Only a session in progress; for a video session this is "End session for all".'],
    ['no-show', 'no_show', 'Mark a session a no-show', 'Once it was due to start, while it is still scheduled.'],
  ] as const;
  for (const [path, action, summary, description] of lifecycle) {
    app.post(
      `/sessions/:id/${path}`,
      { schema: { tags, summary, description: `${description} A state that forbids it answers 409 \`invalid_state\` saying why.`, params, response: { 200: changed, ...changeErrors } } },
      (request) => manage.transition(staffOf(request), request.params.id, action),
    );
  }
  app.put(
    '/sessions/:id/documents',
    {
      schema: {
        tags,
        summary: "Set a session's documents",
        description: 'A completed document stays: removing it answers 409 `document_completed`.',
        params,
        body: documentsSchema,
        response: { 200: changed, ...changeErrors },
      },
    },
    (request) => manage.setDocuments(staffOf(request), request.params.id, request.body.documentTemplateIds),
  );
  app.post(
    '/sessions/:id/participants',
    {
      schema: {
        tags,
        summary: 'Add a participant to a session',
        description: 'From the directory (`participantId`) or a new one given inline; they are invited.',
        params,
        body: sessionParticipantSchema,
        response: { 201: json(participantSchema, 'The participant added'), ...changeErrors },
      },
    },
    async (request, reply) => reply.code(201).send(await manage.addParticipant(staffOf(request), request.params.id, request.body)),
  );
  app.delete(
    '/sessions/:id/participants/:participantId',
    {
      schema: {
        tags,
        summary: 'Remove a participant from a session',
        description: 'Their link stops working and nothing more is sent to them; their pending documents go.',
        params: params.extend({ participantId: z.uuid() }),
        response: { 204: noContent, ...problems(401, 403, 404) },
      },
    },
    async (request, reply) => {
      await manage.removeParticipant(staffOf(request), request.params.id, request.params.participantId);
      return reply.code(204).send();
    },
  );
  app.post(
    '/sessions/:id/next',
    {
      schema: {
        tags,
        summary: 'Schedule the next session of a series',
        description: "Everything not given is the previous session's, except the time.",
        params,
        body: nextSessionSchema,
        response: { 201: json(createdSessionSchema, 'The next session'), ...changeErrors },
      },
    },
    async (request, reply) => reply.code(201).send(await manage.scheduleNext(staffOf(request), request.params.id, request.body)),
  );
  app.get(
    '/sessions/:id/history',
    {
      config: { audit: sessionRead('session.history_read') },
      schema: {
        tags,
        summary: "A session's history",
        description: 'Everything that happened to it, oldest first.',
        params,
        response: { 200: json(z.array(historyEntrySchema), 'The history, oldest first'), ...problems(401, 404) },
      },
    },
    (request) => sessions.history(staffOf(request), request.params.id),
  );
}
