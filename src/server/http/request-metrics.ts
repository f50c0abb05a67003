/** Upper bounds (seconds) of the request latency histogram's buckets. */
export const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

interface Series {
  labels: string;
  count: number;
  sum: number;
  /** Observations at or below each bucket's bound (cumulative, as Prometheus wants them). */
  buckets: number[];
}

const escape = (value: string) => value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');

/** Prometheus text-format labels, e.g. `{method="GET",route="/api/x"}`. */
export function labels(pairs: Record<string, string>): string {
  const body = Object.entries(pairs).map(([name, value]) => `${name}="${escape(value)}"`).join(',');
  return body ? `{${body}}` : '';
}

/**
 * Counts and times requests by method, route pattern (`/api/sessions/:id`, never the address with
 * its ids) and status class. Kept in memory per instance: Prometheus adds instances up.
 */
export function createRequestMetrics() {
  const series = new Map<string, Series>();

  return {
    observe(request: { method: string; route: string; status: number; seconds: number }): void {
      const key = labels({ method: request.method, route: request.route, status: `${Math.floor(request.status / 100)}xx` });
      let entry = series.get(key);
      if (!entry) series.set(key, (entry = { labels: key, count: 0, sum: 0, buckets: LATENCY_BUCKETS.map(() => 0) }));
      entry.count += 1;
      entry.sum += request.seconds;
      LATENCY_BUCKETS.forEach((bound, index) => {
        if (request.seconds <= bound) entry.buckets[index]! += 1;
      });
    },

    lines(): string[] {
      const all = [...series.values()].sort((a, b) => a.labels.localeCompare(b.labels));
      const withLe = (series: Series, le: string) => series.labels.replace(/}$/, `,le="${le}"}`);
      return [
        '# HELP carebeam_http_requests_total HTTP requests answered, by method, route pattern and status class.',
        '# TYPE carebeam_http_requests_total counter',
        ...all.map((s) => `carebeam_http_requests_total${s.labels} ${s.count}`),
        '# HELP carebeam_http_request_duration_seconds Time to answer an HTTP request.',
        '# TYPE carebeam_http_request_duration_seconds histogram',
        ...all.flatMap((s) => [
          ...LATENCY_BUCKETS.map((bound, index) => `carebeam_http_request_duration_seconds_bucket${withLe(s, String(bound))} ${s.buckets[index]}`),
          `carebeam_http_request_duration_seconds_bucket${withLe(s, '+Inf')} ${s.count}`,
          `carebeam_http_request_duration_seconds_sum${s.labels} ${s.sum}`,
          `carebeam_http_request_duration_seconds_count${s.labels} ${s.count}`,
        ]),
      ];
    },
  };
}

export type RequestMetrics = ReturnType<typeof createRequestMetrics>;
