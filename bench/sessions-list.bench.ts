import { randomUUID } from 'node:crypto';
import { type CompiledQuery, DummyDriver, Kysely, PostgresAdapter, PostgresIntrospector, PostgresQueryCompiler } from 'kysely';
import { refreshStatistics } from '../src/server/jobs/statistics';
import type { Database } from '../src/server/db/schema';
import { searchTextOf } from '../src/server/modules/participants/repo';
import { listSessions } from '../src/server/modules/sessions/queries';
import type { BenchApp, BenchDatabase } from './lib/bench-app';
import { measureLatency } from './lib/latency';
import { sized } from './lib/profile';
import type { Figure } from './lib/report';

const HOSTS = 10;
const SESSIONS_PER_HOST = sized(2_000, 5_000, 200);
const PER_DAY = 8; // an hour apart from 13:00 UTC, Monday to Friday: 40 a week, 50 weeks per host (125 with --long)
const WEEKS_BEFORE = sized(40, 100, 4); // history before the week listed; the rest lies after it
const PARTICIPANTS = 1_000;
const LIMIT = 200;
const BATCH = 1_000;
const HOUR = 60 * 60_000;
const DAY = 24 * HOUR;
const WEEK = 7 * DAY;

/** 10 providers × 2,000 sessions (5,000 with --long, one participant each) over ~1 (~2.4) years; returns the hosts. */
async function fill(app: BenchApp, listedWeek: number): Promise<{ organizationId: string; hosts: string[] }> {
  const { db } = app;
  const dispatcher = await db
    .selectFrom('users')
    .select(['id', 'organization_id', 'password_hash'])
    .where('email', '=', 'dispatcher@demo.carebeam.test')
    .executeTakeFirstOrThrow();
  const org = dispatcher.organization_id;
  const demoHosts = await db.selectFrom('users').select('id').where('email', 'like', 'provider%@demo.carebeam.test').orderBy('email').execute();
  const extra = await db
    .insertInto('users')
    .values(
      Array.from({ length: HOSTS - demoHosts.length }, (_, i) => ({
        organization_id: org,
        name: `Dr. Bench ${i + 1}`,
        email: `bench-provider-${i + 1}@demo.carebeam.test`,
        roles: ['provider' as const],
        time_zone: 'America/Chicago',
        password_hash: dispatcher.password_hash,
        deactivated_at: null,
      })),
    )
    .returning('id')
    .execute();
  const hosts = [...demoHosts, ...extra].map((h) => h.id);

  const participants = await db
    .insertInto('participants')
    .values(
      Array.from({ length: PARTICIPANTS }, (_, i) => {
        const p = { name: `Patient ${String(i).padStart(4, '0')}`, email: `patient-${i}@example.test`, phone: null };
        return { organization_id: org, ...p, time_zone: 'America/New_York', invitation_type: 'email' as const, search_text: searchTextOf(p) };
      }),
    )
    .returning(['id', 'invitation_type'])
    .execute();
  const offers = await db
    .selectFrom('service_session_types as sst')
    .innerJoin('services as s', 's.id', 'sst.service_id')
    .select(['s.id as service_id', 'sst.session_type_id', 's.duration_minutes'])
    .orderBy('s.name')
    .orderBy('sst.session_type_id')
    .execute();
  if (offers.some((o) => o.duration_minutes > 60)) throw new Error('sessions an hour apart would overlap');

  const now = Date.now();
  const firstWeek = listedWeek - WEEKS_BEFORE * WEEK;
  const perWeek = 5 * PER_DAY;
  for (let offset = 0; offset < HOSTS * SESSIONS_PER_HOST; offset += BATCH) {
    const sessions = [];
    const links = [];
    for (let n = offset; n < offset + BATCH; n++) {
      const host = n % HOSTS;
      const i = Math.floor(n / HOSTS); // the host's i-th session
      const start = firstWeek + Math.floor(i / perWeek) * WEEK + Math.floor((i % perWeek) / PER_DAY) * DAY + 13 * HOUR + (i % PER_DAY) * HOUR;
      const offer = offers[n % offers.length]!;
      const end = start + offer.duration_minutes * 60_000;
      const id = randomUUID();
      const createdAt = new Date(start - 14 * DAY);
      sessions.push({
        id,
        organization_id: org,
        service_id: offer.service_id,
        session_type_id: offer.session_type_id,
        host_id: hosts[host]!,
        created_by: dispatcher.id,
        starts_at: new Date(start),
        ends_at: new Date(end),
        status: n % 25 === 0 ? ('canceled' as const) : end < now ? ('completed' as const) : ('scheduled' as const),
        created_at: createdAt,
        updated_at: createdAt,
      });
      const participant = participants[(n * 7) % PARTICIPANTS]!;
      links.push({ organization_id: org, session_id: id, participant_id: participant.id, invitation_type: participant.invitation_type, added_at: createdAt });
    }
    await db.insertInto('sessions').values(sessions).execute();
    await db.insertInto('session_participants').values(links).execute();
  }
  // The statistics the app's maintenance job keeps (jobs/statistics.ts); API and floor share them.
  await refreshStatistics(db);
  return { organizationId: org, hosts };
}

/**
 * The first SQL statement `listSessions` runs for `filter` (the page query), compiled by a Kysely
 * that executes nothing: the same SQL whichever database runs it.
 */
async function capturedQueries(organizationId: string, filter: Parameters<typeof listSessions>[2]): Promise<CompiledQuery[]> {
  const queries: CompiledQuery[] = [];
  const spy = new Kysely<Database>({
    dialect: {
      createAdapter: () => new PostgresAdapter(),
      createDriver: () => new DummyDriver(),
      createIntrospector: (db) => new PostgresIntrospector(db),
      createQueryCompiler: () => new PostgresQueryCompiler(),
    },
    log: (event) => void queries.push(event.query),
  });
  await listSessions(spy, organizationId, filter);
  await spy.destroy();
  return queries;
}

/**
 * GET /api/sessions for one week with 20,000 sessions in the database (50,000 with --long), as the dispatcher, for
 * one host and for all hosts (limit 200), against the page query the endpoint runs, executed
 * raw on the same database; p95 over sequential requests.
 */
export async function benchListSessions(database: BenchDatabase): Promise<Figure[]> {
  const app = await database.start();
  try {
    const today = Math.floor(Date.now() / DAY) * DAY;
    const nextMonday = today + (((8 - new Date(today).getUTCDay()) % 7 || 7) * DAY);
    const { organizationId, hosts } = await fill(app, nextMonday);
    const from = new Date(nextMonday);
    const to = new Date(nextMonday + WEEK);
    const cookie = await app.signIn('dispatcher@demo.carebeam.test');

    const figures: Figure[] = [];
    for (const hostId of [hosts[0]!, undefined]) {
      const url = `${app.address}/api/sessions?${hostId ? `hostId=${hostId}&` : ''}from=${from.toISOString()}&to=${to.toISOString()}&limit=${LIMIT}`;
      const check = await fetch(url, { headers: { cookie } });
      if (!check.ok) throw new Error(`GET /api/sessions failed: ${check.status} ${await check.text()}`);
      const page = (await check.json()) as { items: { participants: unknown[] }[]; nextCursor: string | null };
      if (page.items.length === 0 || page.items.some((s) => s.participants.length !== 1)) throw new Error('unexpected page of sessions');

      const api = await measureLatency(async () => (await fetch(url, { headers: { cookie } })).arrayBuffer());
      // The page query the service runs for this request (limit + 1 tells whether a next page
      // exists); the second statement, the page's participants, is not part of the floor.
      const [pageQuery] = await capturedQueries(organizationId, { from, to, hostId, limit: LIMIT + 1 });
      const parameters = [...pageQuery!.parameters];
      const plan = (await app.raw.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${pageQuery!.sql}`, parameters)).rows.map((r) => r['QUERY PLAN']);
      const scan = plan.find((line) => / on sessions s\b/.test(line))?.match(/(Seq Scan|Bitmap Heap Scan|Index Only Scan|Index Scan)/)?.[1] ?? '?';
      const indexes = [...new Set(plan.flatMap((line) => [...line.matchAll(/(?:Index Scan using|Bitmap Index Scan on) (sessions_\w+)/g)].map((m) => m[1]!)))];
      const expected = hostId ? 'sessions_host_start_idx' : 'sessions_organization_start_idx';
      console.log(`  EXPLAIN, ${hostId ? 'one host' : 'all hosts'} (${indexes.includes(expected) ? 'uses' : 'does NOT use'} ${expected}):`);
      for (const line of plan.filter((l, i) => i === 0 || /sessions|Cond:.*starts_at|Filter:.*ends_at/.test(l))) console.log(`    ${line.trim()}`);
      const bare = await measureLatency(() => app.raw.query(pageQuery!.sql, parameters));
      figures.push({
        name: `GET /api/sessions p95, 1 week, ${hostId ? 'one host' : 'all hosts'}, ${(HOSTS * SESSIONS_PER_HOST) / 1000}k sessions (${page.items.length} items)`,
        value: api.p95,
        unit: 'ms',
        floor: bare.p95,
        floorName: `bare page query p95 (${scan}: ${indexes.join(' + ')})`,
        higherIsBetter: false,
      });
    }
    return figures;
  } finally {
    await app.close();
  }
}
