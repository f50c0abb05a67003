import { z } from 'zod';
import {
  createServiceSchema,
  createSessionTypeSchema,
  serviceSchema,
  sessionTypeSchema,
  updateServiceSchema,
  updateSessionTypeSchema,
} from '../../../shared/catalog';
import { json, problems } from '../../http/responses';
import { staffOf } from '../auth';
import type { App } from '../../http/types';
import type { CatalogService } from './service';

const booleanParam = z.enum(['true', 'false']).transform((v) => v === 'true');
const idParams = z.object({ id: z.uuid() });
const tags = ['Catalog'];

export function catalogRoutes(app: App, catalog: CatalogService): void {
  app.get(
    '/session-types',
    {
      schema: {
        tags,
        summary: 'List session types',
        description: 'Inactive ones only for administrators who ask for them.',
        querystring: z.object({ includeInactive: booleanParam.optional() }),
        response: { 200: json(z.array(sessionTypeSchema), 'The session types'), ...problems(400, 401) },
      },
    },
    (request) => catalog.listSessionTypes(staffOf(request), request.query),
  );
  app.post(
    '/session-types',
    {
      schema: {
        tags,
        summary: 'Add a session type',
        description: 'Administrators only.',
        body: createSessionTypeSchema,
        response: { 201: json(sessionTypeSchema, 'The new session type'), ...problems(400, 401, 403, 409) },
      },
    },
    async (request, reply) => reply.code(201).send(await catalog.createSessionType(staffOf(request), request.body)),
  );
  app.patch(
    '/session-types/:id',
    {
      schema: {
        tags,
        summary: 'Change a session type',
        description: 'Administrators only.',
        params: idParams,
        body: updateSessionTypeSchema,
        response: { 200: json(sessionTypeSchema, 'The session type as saved'), ...problems(400, 401, 403, 404, 409) },
      },
    },
    (request) => catalog.updateSessionType(staffOf(request), request.params.id, request.body),
  );

  app.get(
    '/services',
    {
      schema: {
        tags,
        summary: 'List or search services',
        description: 'Best name matches first. Inactive ones only for administrators who ask for them.',
        querystring: z.object({ query: z.string().max(100).optional(), includeInactive: booleanParam.optional() }),
        response: { 200: json(z.array(serviceSchema), 'The services'), ...problems(400, 401) },
      },
    },
    (request) => catalog.listServices(staffOf(request), request.query),
  );
  app.get(
    '/services/:id',
    { schema: { tags, summary: 'One service', params: idParams, response: { 200: json(serviceSchema), ...problems(401, 404) } } },
    (request) => catalog.getService(staffOf(request), request.params.id),
  );
  app.post(
    '/services',
    {
      schema: {
        tags,
        summary: 'Add a service',
        description: 'Administrators only.',
        body: createServiceSchema,
        response: { 201: json(serviceSchema, 'The new service'), ...problems(400, 401, 403, 409) },
      },
    },
    async (request, reply) => reply.code(201).send(await catalog.createService(staffOf(request), request.body)),
  );
  app.patch(
    '/services/:id',
    {
      schema: {
        tags,
        summary: 'Change a service',
        description: 'Administrators only.',
        params: idParams,
        body: updateServiceSchema,
        response: { 200: json(serviceSchema, 'The service as saved'), ...problems(400, 401, 403, 404, 409) },
      },
    },
    (request) => catalog.updateService(staffOf(request), request.params.id, request.body),
  );
}
