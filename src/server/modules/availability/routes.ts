import { z } from 'zod';
import { staffOf } from '../../http/session-cookie';
import type { App } from '../../http/types';
import type { AvailabilityService } from './service';

const query = z.object({
  hostId: z.uuid({ message: 'Use a user id' }),
  serviceId: z.uuid({ message: 'Use a service id' }),
  from: z.string().min(1).max(40),
  to: z.string().min(1).max(40),
});

export function availabilityRoutes(app: App, availability: AvailabilityService): void {
  app.get('/availability', { schema: { querystring: query } }, (request) =>
    availability.freeSlots(staffOf(request), request.query),
  );
}
