import { z } from 'zod';
import { createdSessionSchema, createSessionSchema, listSessionsQuerySchema, sessionDetailsSchema, sessionPageSchema } from '../../../shared/sessions';
import { file, json, problems } from '../../http/responses';
import { staffOf } from '../auth';
import type { App } from '../../http/types';
import type { SessionsService } from './service';
import { listRead, noteAuditSubject, sessionRead } from '../audit';

const idParams = z.object({ id: z.uuid() });
const createHeaders = z.object({ 'idempotency-key': z.string().min(1).max(200).optional() });
const tags = ['Sessions'];

export function sessionsRoutes(app: App, sessions: SessionsService): void {
  app.post(
    '/sessions',
    {
      schema: {
        tags,
        summary: 'Schedule a session',
        description:
          'At a free time of the host (or Meet Now), with its participants and documents; invitations are queued in the same transaction. ' +
          'Providers schedule their own. A repeated `Idempotency-Key` answers the session it made; with a different body, 422. ' +
          'A taken time answers 409 `slot_unavailable`; outside Work Hours `outside_work_hours`; too soon `too_soon`.',
        body: createSessionSchema,
        headers: createHeaders,
        response: { 201: json(createdSessionSchema), ...problems(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request, reply) => reply.code(201).send(await sessions.create(staffOf(request), request.body, request.headers['idempotency-key'])),
  );
  app.get(
    '/sessions',
    {
      schema: {
        tags,
        summary: 'List sessions',
        description: 'By start time, a page at a time. Providers see the sessions they host.',
        querystring: listSessionsQuerySchema,
        response: { 200: json(sessionPageSchema), ...problems(400, 401, 403) },
      },
      // The list names every patient on the page: one event naming them all.
      config: { audit: listRead('session.list_read', 'session') },
    },
    async (request) => {
      const page = await sessions.list(staffOf(request), request.query);
      noteAuditSubject(request, { participantIds: [...new Set(page.items.flatMap((session) => session.participants.map((p) => p.id)))] });
      return page;
    },
  );
  app.get(
    '/sessions/:id',
    {
      config: { audit: sessionRead('session.read') },
      schema: {
        tags,
        summary: 'One session with its details',
        description: "A provider reaches only the sessions they host; another's answers 404.",
        params: idParams,
        response: { 200: json(sessionDetailsSchema), ...problems(401, 404) },
      },
    },
    (request) => sessions.get(staffOf(request), request.params.id),
  );
  app.get(
    '/sessions/:id/calendar.ics',
    {
      config: { audit: sessionRead('session.calendar_downloaded') },
      schema: {
        tags: ['Calendar'],
        summary: 'A session as a calendar file',
        description: 'One event, marked canceled if the session is; its SEQUENCE rises with every change, so calendars take updates.',
        params: idParams,
        response: { 200: file('text/calendar', 'An iCalendar (RFC 5545) file'), ...problems(401, 404) },
      },
    },
    async (request, reply) => {
      const calendar = await sessions.calendarFile(staffOf(request), request.params.id);
      return reply.type('text/calendar; charset=utf-8').header('content-disposition', `attachment; filename="${calendar.filename}"`).send(calendar.body);
    },
  );
}
