import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { admitSchema, attendanceSchema, iceConfigSchema, participantRefSchema } from '../../../shared/video';
import { json, noContent, problems } from '../../http/responses';
import type { App } from '../../http/types';
import { type PortalVisitor, staffOf } from '../auth';
import type { VideoService } from './service';

const params = z.object({ id: z.uuid() });
const tags = ['Video'];

/** The call's HTTP side; joining, leaving and signalling ride on the live channel. */
export function videoRoutes(app: App, video: VideoService, visitorOf: (request: FastifyRequest) => Promise<PortalVisitor>): void {
  const doorSchema = <B extends typeof admitSchema | typeof participantRefSchema>(summary: string, description: string, body: B) => ({
    schema: { tags, summary, description: `${description} The session's host, dispatchers and administrators.`, params, body, response: { 204: noContent, ...problems(400, 401, 404) } },
  });
  app.post('/sessions/:id/video/admit', doorSchema('Let into the call', 'One participant waiting (`participantId`), or everyone waiting.', admitSchema), async (request, reply) => {
    await video.admit(staffOf(request), request.params.id, request.body.participantId);
    return reply.code(204).send();
  });
  app.post('/sessions/:id/video/deny', doorSchema('Turn away from the call', 'A participant waiting; they may ask again.', participantRefSchema), async (request, reply) => {
    await video.deny(staffOf(request), request.params.id, request.body.participantId);
    return reply.code(204).send();
  });
  app.post('/sessions/:id/video/remove', doorSchema('Remove from the call', 'At once; they come back only if admitted again.', participantRefSchema), async (request, reply) => {
    await video.remove(staffOf(request), request.params.id, request.body.participantId);
    return reply.code(204).send();
  });
  app.get(
    '/sessions/:id/video/ice',
    { schema: { tags, summary: 'STUN/TURN servers for the call', description: 'With TURN credentials minted for this joiner, valid a few hours.', params, response: { 200: json(iceConfigSchema), ...problems(401, 404) } } },
    (request) => video.iceForStaff(staffOf(request), request.params.id),
  );
  app.get(
    '/portal/video/ice',
    {
      schema: { tags, summary: 'STUN/TURN servers for the call (participant)', description: 'Only once the clinic let the participant in (else 403 `not_admitted`).', security: [{ participantSession: [] }], response: { 200: json(iceConfigSchema), ...problems(401, 403, 404, 409) } },
    },
    async (request) => video.iceForParticipant(await visitorOf(request)),
  );
  app.get(
    '/sessions/:id/attendance',
    { schema: { tags, summary: 'Who was in the call, and for how long', description: 'From the joins and leaves in the history; what a clinic bills telehealth by.', params, response: { 200: json(attendanceSchema), ...problems(401, 404) } } },
    (request) => video.attendance(staffOf(request), request.params.id),
  );
}
