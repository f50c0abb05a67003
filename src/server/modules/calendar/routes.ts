import { z } from 'zod';
import type { Clock } from '../../clock';
import type { Config } from '../../config';
import { staffOf } from '../../http/session-cookie';
import type { App } from '../../http/types';
import type { SessionsService } from '../sessions/service';
import type { CalendarFeed } from './feed';
import { calendarFile } from './ics';

export function calendarRoutes(app: App, sessions: SessionsService, feed: CalendarFeed, config: Config, clock: Clock): void {
  app.get('/sessions/:id/calendar.ics', { schema: { params: z.object({ id: z.uuid() }) } }, async (request, reply) => {
    const actor = staffOf(request);
    const session = await sessions.get(actor, request.params.id);
    const url = new URL(`/sessions/${session.id}`, config.publicUrl).toString();
    const body = calendarFile({
      name: actor.organization.name,
      method: 'publish',
      stamp: clock.now(),
      events: [
        {
          sessionId: session.id,
          version: session.version,
          start: session.start,
          end: session.end,
          summary: `${session.service.name} with ${session.host.name}`,
          description: `${session.sessionType.name} · ${actor.organization.name}\n${url}`,
          url,
          canceled: session.status === 'canceled',
        },
      ],
    });
    return reply
      .type('text/calendar; charset=utf-8')
      .header('content-disposition', `attachment; filename="carebeam-session-${session.start.slice(0, 10)}.ics"`)
      .send(body);
  });

  app.post('/me/calendar-feed', (request) => feed.regenerate(staffOf(request)));
  app.delete('/me/calendar-feed', async (request, reply) => {
    await feed.revoke(staffOf(request));
    return reply.code(204).send();
  });
  // Fetched by calendar apps, which carry no cookie: the token in the path is the credential.
  app.get('/calendar/feed/:file', { schema: { params: z.object({ file: z.string().regex(/^[A-Za-z0-9_-]{43}\.ics$/) }) } }, async (request, reply) =>
    reply.type('text/calendar; charset=utf-8').send(await feed.render(request.params.file.slice(0, -4))),
  );
}
