import { z } from 'zod';
import type { Clock } from '../../clock';
import type { Config } from '../../config';
import { staffOf } from '../../http/session-cookie';
import type { App } from '../../http/types';
import type { SessionsService } from '../sessions/service';
import { sessionCalendar } from './ics';

export function calendarRoutes(app: App, sessions: SessionsService, config: Config, clock: Clock): void {
  app.get('/sessions/:id/calendar.ics', { schema: { params: z.object({ id: z.uuid() }) } }, async (request, reply) => {
    const actor = staffOf(request);
    const session = await sessions.get(actor, request.params.id);
    const body = sessionCalendar({
      session,
      organizationName: actor.organization.name,
      url: new URL(`/sessions/${session.id}`, config.publicUrl).toString(),
      method: 'publish',
      stamp: clock.now(),
    });
    return reply
      .type('text/calendar; charset=utf-8')
      .header('content-disposition', `attachment; filename="carebeam-session-${session.start.slice(0, 10)}.ics"`)
      .send(body);
  });
}
