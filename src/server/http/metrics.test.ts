import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertReminders } from '../modules/messaging';
import { type TestApp, startTestApp } from '../testing/harness';
import { sessionWorld } from '../testing/session-world';

const TOKEN = 'metrics-token-for-tests-0123456789';
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ config: { metricsToken: TOKEN } });
});
afterAll(() => t.close());

const scrape = (token = TOKEN) => t.request({ url: '/metrics', headers: { authorization: `Bearer ${token}` } });
const sample = (text: string, series: string) => {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
};

describe('GET /metrics', () => {
  it('answers 401 problem+json without the bearer token or with a wrong one', async () => {
    for (const headers of [{}, { authorization: `Bearer ${TOKEN}x` }, { authorization: TOKEN }, { authorization: 'Bearer ' }] as Record<string, string>[]) {
      const response = await t.request({ url: '/metrics', headers });
      expect(response.status).toBe(401);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.text).not.toContain('carebeam_');
    }
  });

  it('counts and times requests by method, route pattern (never the address with its ids) and status class', async () => {
    await t.request({ url: '/api/health' });
    await t.request({ url: '/api/health' });
    const id = '6f1c2a57-0d6c-4c3e-9a57-2f51cbb1e2a4';
    await t.request({ url: `/api/sessions/${id}` });
    const response = await scrape();
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toContain('text/plain; version=0.0.4');
    expect(sample(response.text, 'carebeam_http_requests_total{method="GET",route="/api/health",status="2xx"}')).toBe(2);
    expect(sample(response.text, 'carebeam_http_requests_total{method="GET",route="/api/sessions/:id",status="4xx"}')).toBe(1);
    expect(response.text).not.toContain(id);
    expect(sample(response.text, 'carebeam_http_request_duration_seconds_bucket{method="GET",route="/api/health",status="2xx",le="+Inf"}')).toBe(2);
    expect(sample(response.text, 'carebeam_http_request_duration_seconds_count{method="GET",route="/api/health",status="2xx"}')).toBe(2);
    expect(response.text).toContain('# TYPE carebeam_http_request_duration_seconds histogram');
  });

  it('reports the outbox backlog and failures by channel, the reminder lag and live connections', async () => {
    const before = (await scrape()).text;
    expect(sample(before, 'carebeam_outbox_failed_messages{channel="sms"}')).toBe(0);
    expect(sample(before, 'carebeam_reminder_lag_seconds')).toBe(0);
    expect(sample(before, 'carebeam_live_connections')).toBe(0);
    const queuedBefore = sample(before, 'carebeam_outbox_queued_messages{channel="email"}')!;

    const world = await sessionWorld(t);
    const booked = await world.book(); // invites Ana by email
    const afterBooking = (await scrape()).text;
    expect(sample(afterBooking, 'carebeam_outbox_queued_messages{channel="email"}')).toBe(queuedBefore + 1);

    await t.db.updateTable('outbox_messages').set({ status: 'failed' }).where('organization_id', '=', world.host.organizationId).execute();
    // A reminder due 90 s ago that no worker has sent yet.
    await insertReminders(t.db, [
      { organization_id: world.host.organizationId, session_id: booked.id, participant_id: booked.ana.id, offset_minutes: 4321, due_at: new Date(t.clock.now().getTime() - 90_000) },
    ]);
    const later = (await scrape()).text;
    expect(sample(later, 'carebeam_outbox_failed_messages{channel="email"}')).toBe(1);
    expect(sample(later, 'carebeam_reminder_lag_seconds')).toBe(90);
  });
});

describe('without METRICS_TOKEN', () => {
  it('has no /metrics (404)', async () => {
    const plain = await startTestApp();
    try {
      const response = await plain.request({ url: '/metrics', headers: { authorization: `Bearer ${TOKEN}` } });
      expect(response.status).toBe(404);
    } finally {
      await plain.close();
    }
  });
});
