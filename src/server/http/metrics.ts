import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { DeliveryBacklog } from '../modules/messaging';
import { sendProblem } from './problem';
import { createRequestMetrics, labels } from './request-metrics';

export interface MetricsDeps {
  /** METRICS_TOKEN; null: there is no /metrics. */
  token: string | null;
  backlog(): Promise<DeliveryBacklog>;
  /** Open live channels (WebSockets) on this instance. */
  liveConnections(): number;
}

const digest = (value: string) => createHash('sha256').update(value).digest();

/** Compares digests, so the time taken says nothing about how much of the token was right. */
function tokenMatches(header: string | undefined, token: string): boolean {
  const presented = /^Bearer (.+)$/.exec(header ?? '')?.[1];
  return presented !== undefined && timingSafeEqual(digest(presented), digest(token));
}

function gauge(name: string, help: string, samples: [Record<string, string>, number][]): string[] {
  return [`# HELP ${name} ${help}`, `# TYPE ${name} gauge`, ...samples.map(([pairs, value]) => `${name}${labels(pairs)} ${value}`)];
}

/**
 * GET /metrics in the Prometheus text format, for the operator's monitoring, behind
 * `Authorization: Bearer $METRICS_TOKEN`. Every request is timed (an onResponse hook on the root
 * instance, so it sees every route); the delivery figures are read at each scrape.
 */
export function registerMetrics(app: FastifyInstance, deps: MetricsDeps): void {
  const token = deps.token;
  const requests = createRequestMetrics();
  if (token) {
    app.addHook('onResponse', async (request, reply) => {
      requests.observe({ method: request.method, route: request.routeOptions.url ?? 'unmatched', status: reply.statusCode, seconds: reply.elapsedTime / 1000 });
    });
  }
  // Always a route: otherwise the web app's page fallback would answer this address.
  app.get('/metrics', { schema: { hide: true } }, async (request, reply) => {
    if (!token) return sendProblem(reply, 404, 'not_found', 'Metrics are off: set METRICS_TOKEN to turn them on');
    if (!tokenMatches(request.headers.authorization, token)) {
      return sendProblem(reply.header('www-authenticate', 'Bearer'), 401, 'unauthenticated', 'Send Authorization: Bearer <METRICS_TOKEN>');
    }
    const backlog = await deps.backlog();
    const byChannel = (counts: Record<string, number>) => Object.entries(counts).map(([channel, n]): [Record<string, string>, number] => [{ channel }, n]);
    const lines = [
      ...requests.lines(),
      ...gauge('carebeam_outbox_queued_messages', 'Messages waiting to be sent, by channel.', byChannel(backlog.queued)),
      ...gauge('carebeam_outbox_failed_messages', 'Messages given up on after their retries, by channel.', byChannel(backlog.failed)),
      ...gauge('carebeam_reminder_lag_seconds', 'Age of the oldest due reminder not yet sent (0: none waiting).', [[{}, backlog.reminderLagSeconds]]),
      ...gauge('carebeam_live_connections', 'Open live channels (WebSockets) on this instance.', [[{}, deps.liveConnections()]]),
    ];
    return reply.type('text/plain; version=0.0.4; charset=utf-8').header('cache-control', 'no-store').send(`${lines.join('\n')}\n`);
  });
}
