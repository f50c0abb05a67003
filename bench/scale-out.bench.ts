import { benchPostgres } from './lib/bench-app';
import { httpLoad } from './lib/http-load';
import { requestsFromWorker, type WorkerLoadRun, type WorkerRequest } from './lib/worker-load';
import { sized } from './lib/profile';
import type { Figure } from './lib/report';
import { bookingLoad } from './sessions-create.bench';

const BOOKINGS = sized(200, 1_000, 40);
const WARMUP = sized(40, 40, 10);
const CONNECTIONS = 10;
const LIST_SECONDS = sized(3, 10, 1);
const WEEK = 7 * 24 * 60 * 60_000;
const NOTE = '2 cores, one process: contention more than scaling';

type Instance = Awaited<ReturnType<Awaited<ReturnType<typeof benchPostgres>>['start']>>;

/** The requests split evenly over the instances, each posted over its share of the connections at the same time. */
async function postThrough(instances: Instance[], requests: WorkerRequest[]): Promise<number> {
  const share = Math.ceil(requests.length / instances.length);
  const started = performance.now();
  const runs: WorkerLoadRun[] = await Promise.all(
    instances.map((instance, i) =>
      requestsFromWorker({ origin: instance.address, path: '/api/sessions', okStatuses: [201], warmup: [], requests: requests.slice(i * share, (i + 1) * share), connections: CONNECTIONS / instances.length }),
    ),
  );
  const seconds = (performance.now() - started) / 1000;
  const failures = runs.flatMap((run) => run.failures);
  if (failures.length > 0) throw new Error(`POST /api/sessions: ${failures.length} non-201 answers, e.g. ${failures[0]!.status} ${failures[0]!.text}`);
  return requests.length / seconds;
}

/** GET `path` on every instance at once, the connections split between them; requests/s summed. */
async function listThrough(instances: Instance[], path: string, cookie: string): Promise<number> {
  const results = await Promise.all(
    instances.map((instance) => httpLoad(`${instance.address}${path}`, { connections: CONNECTIONS / instances.length, seconds: LIST_SECONDS, headers: { cookie } })),
  );
  const errors = results.reduce((sum, r) => sum + r.errors, 0);
  if (errors > 0) throw new Error(`GET /api/sessions: ${errors} failed requests`);
  return results.reduce((sum, r) => sum + r.requestsPerSecond, 0);
}

/**
 * POST /api/sessions (distinct free slots) and GET /api/sessions (a week's page) through one app
 * instance and through two on the same PostgreSQL database, 10 connections in all: the figure is
 * two instances' throughput, the floor one instance's (ratio 2 : 1). Both instances run in this
 * process, as every bench app does, so they share one event loop and the 2 cores with PostgreSQL:
 * what the ratio shows is what two instances cost each other (pools, the audit chain head), not
 * how they would scale on machines of their own.
 */
export async function benchScaleOut(): Promise<Figure[]> {
  const serverUrl = process.env.BENCH_DATABASE_URL;
  if (!serverUrl) {
    process.stdout.write('  scale-out skipped: it runs on PostgreSQL (set BENCH_DATABASE_URL)\n');
    return [];
  }
  const database = await benchPostgres(serverUrl, 'carebeam_bench_scale_out');
  const instances: Instance[] = [];
  try {
    instances.push(await database.start(), await database.start());
    const [one] = instances as [Instance, Instance];
    const { first, cookie, nextSlots, requestsFor } = await bookingLoad(one, 'dispatcher@demo.carebeam.test');
    await postThrough(instances, requestsFor(nextSlots(WARMUP)));
    const postOne = await postThrough([one], requestsFor(nextSlots(BOOKINGS)));
    const postTwo = await postThrough(instances, requestsFor(nextSlots(BOOKINGS)));

    const week = `/api/sessions?from=${new Date(first).toISOString()}&to=${new Date(first + WEEK).toISOString()}&limit=200`;
    await listThrough(instances, week, cookie);
    const listOne = await listThrough([one], week, cookie);
    const listTwo = await listThrough(instances, week, cookie);

    const figure = (name: string, unit: string, two: number, oneInstance: number): Figure => ({
      name: `${name}, 2 instances, ${CONNECTIONS} connections`,
      value: two,
      unit,
      floor: oneInstance,
      floorName: `1 instance; ${NOTE}`,
      higherIsBetter: true,
      database: 'PostgreSQL',
    });
    return [figure('POST /api/sessions', 'req/s', postTwo, postOne), figure('GET /api/sessions week page', 'req/s', listTwo, listOne)];
  } finally {
    for (const instance of instances) await instance.close();
    await database.drop();
  }
}
