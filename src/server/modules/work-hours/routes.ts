import { z } from 'zod';
import { workHoursSchema } from '../../../shared/work-hours';
import { json, problems } from '../../http/responses';
import { staffOf } from '../auth';
import type { App } from '../../http/types';
import type { WorkHoursService } from './service';

const params = z.object({ id: z.uuid() });
const tags = ['Work Hours'];
const access = "Providers see and change their own; dispatchers and administrators anyone's.";

export function workHoursRoutes(app: App, workHours: WorkHoursService): void {
  app.get(
    '/users/:id/work-hours',
    {
      schema: {
        tags,
        summary: "A provider's Work Hours",
        description: `${access} A provider without any yet has none, in their own zone.`,
        params,
        response: { 200: json(workHoursSchema), ...problems(401, 403, 404) },
      },
    },
    (request) => workHours.get(staffOf(request), request.params.id),
  );
  app.put(
    '/users/:id/work-hours',
    {
      schema: {
        tags,
        summary: "Replace a provider's Work Hours",
        description: access,
        params,
        body: workHoursSchema,
        response: { 200: json(workHoursSchema, 'The Work Hours as saved'), ...problems(400, 401, 403, 404) },
      },
    },
    (request) => workHours.put(staffOf(request), request.params.id, request.body),
  );
}
