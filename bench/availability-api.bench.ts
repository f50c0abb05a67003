import { busyIntervalsQuery } from '../src/server/modules/availability';
import { type BenchDatabase, demoFollowUp } from './lib/bench-app';
import { measureLatency } from './lib/latency';
import type { Figure } from './lib/report';

const DAY = 24 * 60 * 60_000;
const SESSIONS = 2_000;

/**
 * GET /api/availability for a 31-day window with 2,000 sessions of the host in the database,
 * against the bare query that loads those busy intervals (the one query the endpoint cannot
 * avoid), both p95 over sequential requests.
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
    const url = `${app.address}/api/availability?hostId=${host.id}&serviceId=${service.id}&from=${from}&to=${to}`;
    const check = await fetch(url, { headers: { cookie } });
    if (!check.ok) throw new Error(`availability failed: ${check.status} ${await check.text()}`);
    const slotCount = ((await check.json()) as { slots: unknown[] }).slots.length;

    const api = await measureLatency(async () => (await fetch(url, { headers: { cookie } })).arrayBuffer());
    const windowStart = new Date(first - DAY);
    const windowEnd = new Date(first + 32 * DAY);
    // The very SQL the endpoint runs, executed raw on the same database.
    const busySql = busyIntervalsQuery(db, host.id, windowStart, windowEnd).compile();
    const bare = await measureLatency(() => app.raw.query(busySql.sql, [...busySql.parameters]));
    return [
      {
        name: `GET /api/availability p95, 31 days, ${SESSIONS} sessions (${slotCount} slots)`,
        value: api.p95,
        unit: 'ms',
        floor: bare.p95,
        floorName: 'bare busy-interval query p95',
        higherIsBetter: false,
      },
    ];
  } finally {
    await app.close();
  }
}
