import { z } from 'zod';
import { setupSchema } from '../../../shared/setup';
import { json, noContent, problems } from '../../http/responses';
import type { App } from '../../http/types';
import type { SetupService } from './service';

const tags = ['Organization'];
const tokenBody = z.object({ token: z.string().min(1).max(100) });

/** First-run setup through the one-time link the first start printed. */
export function setupRoutes(app: App, setup: SetupService): void {
  app.post(
    '/setup/check',
    { schema: { tags, summary: 'Whether a setup link still works', security: [], body: tokenBody, response: { 204: noContent, ...problems(400, 404) } } },
    async (request, reply) => {
      await setup.check(request.body.token);
      return reply.code(204).send();
    },
  );

  app.post(
    '/setup',
    {
      schema: {
        tags,
        summary: 'Create the organization and its first administrator',
        description: 'With the one-time setup link printed at the first start on an empty database; the link then stops working.',
        security: [],
        body: setupSchema,
        response: { 201: json(z.object({ organizationId: z.uuid() }), 'Set up: the administrator can sign in'), ...problems(400, 404, 409) },
      },
    },
    async (request, reply) => reply.code(201).send(await setup.complete(request.body)),
  );
}
