import { z } from 'zod';
import { workHoursSchema } from '../../../shared/work-hours';
import { staffOf } from '../../http/session-cookie';
import type { App } from '../../http/types';
import type { WorkHoursService } from './service';

const params = z.object({ id: z.uuid() });

export function workHoursRoutes(app: App, workHours: WorkHoursService): void {
  app.get('/users/:id/work-hours', { schema: { params } }, (request) => workHours.get(staffOf(request), request.params.id));
  app.put('/users/:id/work-hours', { schema: { params, body: workHoursSchema } }, (request) =>
    workHours.put(staffOf(request), request.params.id, request.body),
  );
}
