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
    },
    (request) => availability.freeSlots(staffOf(request), request.query),
  );
}
