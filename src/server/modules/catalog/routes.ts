import { z } from 'zod';
import {
  createServiceSchema,
  createSessionTypeSchema,
  updateServiceSchema,
  updateSessionTypeSchema,
} from '../../../shared/catalog';
import { staffOf } from '../../http/session-cookie';
import type { App } from '../../http/types';
import type { CatalogService } from './service';

const booleanParam = z.enum(['true', 'false']).transform((v) => v === 'true');
const idParams = z.object({ id: z.uuid() });

export function catalogRoutes(app: App, catalog: CatalogService): void {
  app.get('/session-types', { schema: { querystring: z.object({ includeInactive: booleanParam.optional() }) } }, (request) =>
    catalog.listSessionTypes(staffOf(request), request.query),
  );
  app.post('/session-types', { schema: { body: createSessionTypeSchema } }, async (request, reply) =>
    reply.code(201).send(await catalog.createSessionType(staffOf(request), request.body)),
  );
  app.patch('/session-types/:id', { schema: { params: idParams, body: updateSessionTypeSchema } }, (request) =>
    catalog.updateSessionType(staffOf(request), request.params.id, request.body),
  );

  app.get(
    '/services',
    { schema: { querystring: z.object({ query: z.string().max(100).optional(), includeInactive: booleanParam.optional() }) } },
    (request) => catalog.listServices(staffOf(request), request.query),
  );
  app.get('/services/:id', { schema: { params: idParams } }, (request) => catalog.getService(staffOf(request), request.params.id));
  app.post('/services', { schema: { body: createServiceSchema } }, async (request, reply) =>
    reply.code(201).send(await catalog.createService(staffOf(request), request.body)),
  );
  app.patch('/services/:id', { schema: { params: idParams, body: updateServiceSchema } }, (request) =>
    catalog.updateService(staffOf(request), request.params.id, request.body),
  );
}
