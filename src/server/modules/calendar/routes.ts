import { z } from 'zod';
import { calendarFeedSchema } from '../../../shared/calendar-feed';
import { file, json, noContent, problems } from '../../http/responses';
import { staffOf } from '../auth';
import type { App } from '../../http/types';
import type { CalendarFeed } from './feed';

const tags = ['Calendar'];
const icsFile = file('text/calendar', 'An iCalendar (RFC 5545) file');

/** A staff member's private calendar feed: made, revoked, and fetched by calendar apps. */
export function calendarRoutes(app: App, feed: CalendarFeed): void {
  app.post('/me/calendar-feed', {
    schema: {
      tags,
      summary: 'Make a private calendar feed of the sessions I host',
      description: 'Any earlier feed address stops working. The address is shown once: it cannot be shown again.',
      response: { 200: json(calendarFeedSchema), ...problems(401, 403) },
    },
  }, (request) => feed.regenerate(staffOf(request)));
  app.delete('/me/calendar-feed', {
    schema: { tags, summary: 'Turn off my calendar feed', response: { 204: noContent, ...problems(401, 403) } },
  }, async (request, reply) => {
    await feed.revoke(staffOf(request));
    return reply.code(204).send();
  });
  // Fetched by calendar apps, which carry no cookie: the token in the path is the credential.
  app.get('/calendar/feed/:file', {
    schema: {
      tags,
      summary: 'A calendar feed',
      description: 'The sessions its owner hosts, from 30 days back to 180 days ahead. For calendar apps, which carry no cookie: the secret token in the address is the credential.',
      security: [],
      params: z.object({ file: z.string().regex(/^[A-Za-z0-9_-]{43}\.ics$/) }),
      response: { 200: icsFile, ...problems(404) },
    },
  }, async (request, reply) =>
    reply.type('text/calendar; charset=utf-8').send(await feed.render(request.params.file.slice(0, -4))),
  );
}
