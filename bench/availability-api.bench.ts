import { busyIntervalsQuery } from '../src/server/modules/availability';
import { type BenchDatabase, demoFollowUp } from './lib/bench-app';
import { measureLatency } from './lib/latency';
import { sized } from './lib/profile';
import { p95, requestsFromWorker } from './lib/worker-load';
import type { Figure } from './lib/report';

const DAY = 24 * 60 * 60_000;
const SESSIONS = 2_000;
const ROUNDS = sized(5, 5, 1);

/**
 * GET /api/availability for a 31-day window with 2,000 sessions of the host in the database,
 * against the bare query that loads those busy intervals (the one query the endpoint cannot
 * avoid), both p95 over 200 sequential requests (the API's from a worker thread, asking for brotli
 * as browsers do). Five rounds, which of the two goes first alternating: on a shared machine one
 * round's ratio can be far off, so each round is printed and the figure is the round with the
 * median ratio, the spread (min–max) in its name.
 */
export async function benchAvailabilityApi(database: BenchDatabase): Promise<Figure[]> {
  const app = await database.start();
  try {
    const { db } = app;
    const { host, service } = await demoFollowUp(db);

    // 2,000 half-hour sessions, one every ~2 hours over the next ~166 days, so about 370 fall in the window.
    const first = Math.ceil(Date.now() / DAY) * DAY + 14 * 60 * 60_000;
    const rows = Array.from({ length: SESSIONS }, (_, i) => ({
      organization_id: host.organization_id,
      service_id: service.id,
      session_type_id: service.session_type_id,
      host_id: host.id,
      created_by: host.id,
      starts_at: new Date(first + i * 2 * 60 * 60_000),
      ends_at: new Date(first + i * 2 * 60 * 60_000 + 30 * 60_000),
    }));
    for (let i = 0; i < rows.length; i += 500) await db.insertInto('sessions').values(rows.slice(i, i + 500)).execute();

    const cookie = await app.signIn('dispatcher@demo.carebeam.test');
    const from = new Date(first).toISOString().slice(0, 10);
    const to = new Date(first + 30 * DAY).toISOString().slice(0, 10);
    const path = `/api/availability?hostId=${host.id}&serviceId=${service.id}&from=${from}&to=${to}`;
    const check = await fetch(`${app.address}${path}`, { headers: { cookie } });
    if (!check.ok) throw new Error(`availability failed: ${check.status} ${await check.text()}`);
    const slotCount = ((await check.json()) as { slots: unknown[] }).slots.length;

    const windowStart = new Date(first - DAY);
    const windowEnd = new Date(first + 32 * DAY);
    // The very SQL the endpoint runs, executed raw on the same database.
    const busySql = busyIntervalsQuery(db, host.id, windowStart, windowEnd).compile();
    // The API's client runs in a worker thread, as a browser asks (brotli), decompressing each answer.
    const get = { method: 'GET' as const, headers: { cookie, 'accept-encoding': 'br, gzip' } };
    const callApi = async () => {
      const run = await requestsFromWorker({ origin: app.address, path, warmup: Array(20).fill(get), requests: Array(200).fill(get), connections: 1, okStatuses: [200] });
      if (run.failures.length > 0) throw new Error(`availability failed: ${run.failures[0]!.status} ${run.failures[0]!.text}`);
      return p95(run.latencies);
    };
    const callBare = async () => (await measureLatency(() => app.raw.query(busySql.sql, [...busySql.parameters]))).p95;

    const rounds: { api: number; bare: number; ratio: number }[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const apiFirst = round % 2 === 0;
      const earlier = apiFirst ? await callApi() : await callBare();
      const later = apiFirst ? await callBare() : await callApi();
      const [api, bare] = apiFirst ? [earlier, later] : [later, earlier];
      rounds.push({ api, bare, ratio: api / bare });
      process.stdout.write(`  round ${round + 1}: API p95 ${api.toFixed(2)} ms, busy-interval query p95 ${bare.toFixed(2)} ms, ${(api / bare).toFixed(2)}×\n`);
    }
    const byRatio = [...rounds].sort((a, b) => a.ratio - b.ratio);
    const median = byRatio[ROUNDS >> 1]!;
    return [
      {
        name: `GET /api/availability p95, 31 days, ${SESSIONS} sessions (${slotCount} slots), median of ${ROUNDS} rounds (spread ${byRatio[0]!.ratio.toFixed(2)}–${byRatio.at(-1)!.ratio.toFixed(2)}×)`,
        value: median.api,
        unit: 'ms',
        floor: median.bare,
        floorName: 'bare busy-interval query p95',
        higherIsBetter: false,
        target: '≤ 2×',
      },
    ];
  } finally {
    await app.close();
  }
}
