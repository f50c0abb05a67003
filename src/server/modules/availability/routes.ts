import type { FastifyRouteSchemaDef } from 'fastify/types/schema';
import { serializerCompiler } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { availabilitySchema } from '../../../shared/availability';
import { json, problems } from '../../http/responses';
import { staffOf } from '../auth';
import type { App } from '../../http/types';
import type { AvailabilityService } from './service';

const query = z.object({
  hostId: z.uuid({ message: 'Use a user id' }),
  serviceId: z.uuid({ message: 'Use a service id' }),
  from: z.string().min(1).max(40).optional(),
  to: z.string().min(1).max(40).optional(),
  limit: z.coerce.number().int().min(1).optional(),
});

/**
 * The 200 answer as JSON.stringify writes it: the service builds it field by field in the schema's
 * type, and zod's encode of its ~460 slots (a regex per instant) cost more than the busy-interval
 * query. Problems are serialized as everywhere. (Fastify passes the status's response schema,
 * where its types say the route's: hence the loose type.)
 */
const plainFor200 = (route: FastifyRouteSchemaDef<any>) => (route.httpStatus === '200' ? (data: unknown) => JSON.stringify(data) : serializerCompiler(route));

export function availabilityRoutes(app: App, availability: AvailabilityService): void {
  app.get(
    '/availability',
    {
      schema: {
        tags: ['Availability'],
        summary: 'Free times of a host for a service',
        description: "From `from` to `to`: dates (YYYY-MM-DD, whole days in the host's zone, `to` included) or ISO instants, at most 62 days. Providers see only their own.",
        querystring: query,
        response: { 200: json(availabilitySchema), ...problems(400, 401, 403, 404) },
      },
      serializerCompiler: plainFor200,
    },
    (request) => availability.freeSlots(staffOf(request), request.query),
  );
}
