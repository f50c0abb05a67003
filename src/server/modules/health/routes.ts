import { sql } from 'kysely';
import { healthSchema, readinessSchema } from '../../../shared/health';
import { sendProblem } from '../../http/problem';
import { json, problems } from '../../http/responses';
import type { App } from '../../http/types';
import { checkReadiness, type ReadinessDeps } from './readiness';

export function healthRoutes(app: App, deps: ReadinessDeps): void {
  const { database } = deps;
  app.get(
    '/health',
    { schema: { tags: ['Health'], summary: 'Health check', security: [], response: { 200: json(healthSchema), ...problems() } } },
    async () => {
      await sql`SELECT 1`.execute(database.db);
      return { status: 'ok', database: database.kind };
    },
  );

  app.get(
    '/ready',
    {
      schema: {
        tags: ['Health'],
        summary: 'Readiness for a load balancer: database answers, migrations applied, live events arrive',
        security: [],
        response: { 200: json(readinessSchema), ...problems(503) },
      },
    },
    async (_request, reply) => {
      const { ready, checks } = await checkReadiness(deps);
      if (ready) return { status: 'ready' as const, checks };
      const failed = Object.entries(checks).filter(([, check]) => check === 'failed').map(([name]) => name);
      return sendProblem(reply.header('cache-control', 'no-store'), 503, 'not_ready', `Not ready: ${failed.join(', ')}`, undefined, { checks });
    },
  );
}
