import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildServer } from '../scripts/build-server';
import { type DatabaseHandle, openDatabase } from '../src/server/db/connect';
import { signInOver } from '../src/server/faults/server-process';
import { refreshStatistics } from '../src/server/jobs/statistics';
import { BENCH_PASSWORD } from './lib/bench-app';
import { type BookingContext, bookingContext, bookings, insertPastSessions, readAllPages, readUrls } from './lib/memory-load';
import { requestsFromWorker } from './lib/worker-load';
import { SMOKE, sized } from './lib/profile';
import type { Figure } from './lib/report';
import { type BuiltServer, type FloorKind, onOwnDatabase, rssMb, startBuiltServer, startFloor, stopProcess } from './lib/server-process';

// The production server's resident memory (VmRSS of its own process: node, the app and, on the
// embedded database, PGlite's WASM memory, which lives in the process) idle, under booking load,
// with many sessions, and over a steady load; each beside bare node holding the same database
// open the same way after one query.

const SETTLE_MS = sized(5_000, 5_000, 1_000);
const BOOKINGS = sized(300, 2_000, 50);
const CONNECTIONS = 10;
const SESSIONS = sized(10_000, 100_000, 1_000);
const READ_SECONDS = sized(15, 60, 2);
const SOAK_SECONDS = sized(60, 600, 6);
const SAMPLE_SECONDS = sized(5, 10, 2);
/** The steady load: a booking and a week's sessions every 100 ms, a month of availability every second. */
const SOAK_TICK_MS = 100;
const BENCH_DB = 'carebeam_bench_memory';
const HOURS_PER_WEEK = 7 * 24;

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const load = () => `load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`;
const mb = (value: number) => `${Math.round(value)} MB`;

interface Target {
  name: string;
  kind: FloorKind;
  /** The server's and the floor's environment: which database. */
  env: Record<string, string>;
  /** The database, opened by the bench itself (PGlite: only while no process holds it). */
  open(): Promise<DatabaseHandle>;
}

interface Sample {
  seconds: number;
  mb: number;
}

/** Samples the process's RSS every `everyMs` until stopped (a sample after the process ended is skipped). */
function sampleRss(pid: number, everyMs: number, onSample: (sample: Sample) => void = () => undefined) {
  const samples: Sample[] = [];
  const started = performance.now();
  const timer = setInterval(() => {
    try {
      const sample = { seconds: (performance.now() - started) / 1000, mb: rssMb(pid) };
      samples.push(sample);
      onSample(sample);
    } catch {
      // gone: its exit is reported by whoever waits for it
    }
  }, everyMs);
  return { samples, stop: () => clearInterval(timer) };
}

/** Least-squares slope of RSS over time and its standard error, in MB per minute. */
function slopePerMinute(samples: Sample[]): { slope: number; error: number } {
  const n = samples.length;
  const mx = samples.reduce((s, p) => s + p.seconds, 0) / n;
  const my = samples.reduce((s, p) => s + p.mb, 0) / n;
  const sxx = samples.reduce((s, p) => s + (p.seconds - mx) ** 2, 0);
  if (n < 3 || sxx === 0) return { slope: 0, error: Infinity };
  const slope = samples.reduce((s, p) => s + (p.seconds - mx) * (p.mb - my), 0) / sxx;
  const residuals = samples.reduce((s, p) => s + (p.mb - my - slope * (p.seconds - mx)) ** 2, 0);
  return { slope: slope * 60, error: Math.sqrt(residuals / (n - 2) / sxx) * 60 };
}

/** RSS of the floor: bare node with the database open after one query, once it settled. */
async function floorRss(target: Target): Promise<number> {
  const floor = await startFloor(target.kind, target.env, { hold: true });
  try {
    await pause(SETTLE_MS);
    return rssMb(floor.child.pid!);
  } finally {
    await stopProcess(floor.child);
  }
}

async function withServer<T>(target: Target, env: Record<string, string>, use: (server: BuiltServer) => Promise<T>): Promise<T> {
  const server = await startBuiltServer({ ...target.env, ...env });
  try {
    return await use(server);
  } finally {
    await server.stop();
  }
}

async function withDatabase<T>(target: Target, use: (database: DatabaseHandle) => Promise<T>): Promise<T> {
  const database = await target.open();
  try {
    return await use(database);
  } finally {
    await database.close();
  }
}

/** Bookings from 10 connections (a worker thread); the highest RSS sampled while they ran. */
async function bookingLoad(server: BuiltServer, next: ReturnType<typeof bookings>): Promise<number> {
  const sampler = sampleRss(server.child.pid!, 200);
  const run = await requestsFromWorker({ origin: server.origin, path: '/api/sessions', warmup: next(50), requests: next(BOOKINGS), connections: CONNECTIONS, okStatuses: [201] });
  sampler.stop();
  if (run.failures.length > 0) throw new Error(`${run.failures.length} bookings failed, e.g. ${run.failures[0]!.status} ${run.failures[0]!.text}`);
  const max = Math.max(...sampler.samples.map((s) => s.mb), rssMb(server.child.pid!));
  console.log(`    ${BOOKINGS} bookings in ${(run.elapsedMs / 1000).toFixed(1)} s; RSS max ${mb(max)}; ${load()}`);
  return max;
}

/** The steady load for SOAK_SECONDS, paced (a slow answer delays the next tick, it never piles up); RSS every SAMPLE_SECONDS. */
async function soak(server: BuiltServer, cookie: string, next: ReturnType<typeof bookings>, urls: ReturnType<typeof readUrls>) {
  const sampler = sampleRss(server.child.pid!, SAMPLE_SECONDS * 1000, (s) => console.log(`    ${s.seconds.toFixed(0).padStart(4)} s  ${mb(s.mb)}`));
  const started = performance.now();
  let tick = 0;
  try {
    for (; performance.now() - started < SOAK_SECONDS * 1000; tick++) {
      await pause(started + tick * SOAK_TICK_MS - performance.now());
      const [booking] = next(1);
      const work = [
        fetch(`${server.origin}/api/sessions`, { method: 'POST', headers: { ...booking!.headers, 'content-type': 'application/json' }, body: booking!.body }).then(async (response) => {
          if (response.status !== 201) throw new Error(`booking during the steady load: ${response.status} ${await response.text()}`);
        }),
        readAllPages(urls.sessionsWeek(), cookie),
      ];
      if (tick % 10 === 0) work.push(readAllPages(urls.availabilityMonth(), cookie));
      await Promise.all(work);
    }
  } finally {
    sampler.stop();
  }
  const { samples } = sampler;
  const secondHalf = samples.filter((s) => s.seconds >= SOAK_SECONDS / 2);
  const firstHalf = samples.filter((s) => s.seconds < SOAK_SECONDS / 2);
  const { slope, error } = slopePerMinute(secondHalf);
  // The lowest sample of each half is RSS just after a garbage collection: the saw's bottom, which rises if something is kept.
  const lowest = (half: Sample[]) => mb(Math.min(...half.map((s) => s.mb)));
  const rate = tick / ((performance.now() - started) / 1000);
  console.log(
    `    steady load: ${tick} ticks (${rate.toFixed(1)}/s of the 10/s asked); RSS first ${mb(samples[0]!.mb)}, last ${mb(samples.at(-1)!.mb)}, max ${mb(Math.max(...samples.map((s) => s.mb)))}; second half slope ${slope >= 0 ? '+' : ''}${slope.toFixed(1)} ± ${error.toFixed(1)} MB/min (standard error); lowest ${lowest(firstHalf)} in the first half, ${lowest(secondHalf)} in the second; ${load()}`,
  );
  return samples.at(-1)!.mb;
}

async function measure(target: Target): Promise<Figure[]> {
  const log = (line: string) => console.log(`  ${target.name}: ${line}`);
  const demo = { SEED_DEMO: 'true', DEMO_PASSWORD: BENCH_PASSWORD };
  // The first start creates the database (PGlite: initdb), migrates and seeds the demo; printed, not a figure.
  await withServer(target, demo, async (server) => {
    await pause(SETTLE_MS);
    log(`first start (new database, demo seeded) took ${Math.round(server.startMs)} ms; RSS ${mb(rssMb(server.child.pid!))} after ${SETTLE_MS / 1000} s; ${load()}`);
  });
  const context: BookingContext = await withDatabase(target, (database) => bookingContext(database.db));

  const idleFloor = await floorRss(target);
  const { idle, underLoad } = await withServer(target, {}, async (server) => {
    await pause(SETTLE_MS);
    const idle = rssMb(server.child.pid!);
    log(`restart took ${Math.round(server.startMs)} ms; RSS idle ${mb(idle)} (floor ${mb(idleFloor)}); ${load()}`);
    const cookie = await signInOver(server.origin, 'dispatcher@demo.carebeam.test', BENCH_PASSWORD);
    return { idle, underLoad: await bookingLoad(server, bookings(context, cookie)) };
  });

  const insertStarted = performance.now();
  await withDatabase(target, async (database) => {
    await insertPastSessions(database.db, context, SESSIONS);
    await refreshStatistics(database.db);
  });
  log(`${SESSIONS.toLocaleString('en-US')} past sessions inserted in ${((performance.now() - insertStarted) / 1000).toFixed(1)} s`);
  const dataFloor = await floorRss(target);
  const { afterReads, soakLast } = await withServer(target, {}, async (server) => {
    const cookie = await signInOver(server.origin, 'dispatcher@demo.carebeam.test', BENCH_PASSWORD);
    const urls = readUrls(server.origin, context, Math.ceil(SESSIONS / context.hosts.length / HOURS_PER_WEEK));
    let reads = 0;
    for (const started = performance.now(); performance.now() - started < READ_SECONDS * 1000; reads++) {
      await readAllPages(reads % 5 === 4 ? urls.availabilityMonth() : urls.sessionsWeek(), cookie);
    }
    const afterReads = rssMb(server.child.pid!);
    log(`${reads} reads in ${READ_SECONDS} s; RSS ${mb(afterReads)} (floor ${mb(dataFloor)}); ${load()}`);
    log(`steady load for ${SOAK_SECONDS} s, RSS every ${SAMPLE_SECONDS} s:`);
    // The bookings go on after the ones of the booking load (a new sequence would collide with them).
    const next = bookings(context, cookie);
    next(50 + BOOKINGS);
    return { afterReads, soakLast: await soak(server, cookie, next, urls) };
  });

  const idleFloorName = 'node + the database open after 1 query, idle';
  const dataFloorName = `${idleFloorName}, with the sessions`;
  const thousands = `${SESSIONS / 1000}k`;
  return [
    { name: `RSS idle after start (${target.name})`, value: idle, unit: 'MB', floor: idleFloor, floorName: idleFloorName, higherIsBetter: false },
    { name: `RSS under booking load, max (${target.name}, ${CONNECTIONS} connections)`, value: underLoad, unit: 'MB', floor: idleFloor, floorName: idleFloorName, higherIsBetter: false },
    { name: `RSS with ${thousands} sessions after ${READ_SECONDS} s of reads (${target.name})`, value: afterReads, unit: 'MB', floor: dataFloor, floorName: dataFloorName, higherIsBetter: false },
    { name: `RSS after ${SOAK_SECONDS} s of steady load (${target.name}, ${thousands} sessions)`, value: soakLast, unit: 'MB', floor: dataFloor, floorName: dataFloorName, higherIsBetter: false },
  ];
}

export async function benchMemory(): Promise<Figure[]> {
  await buildServer();
  const dir = mkdtempSync(join(tmpdir(), 'carebeam-bench-memory-'));
  const files = { FILES_DIR: join(dir, 'files') };
  try {
    const dataDir = join(dir, 'data');
    const figures = await measure({ name: 'PGlite', kind: 'pglite', env: { ...files, DATA_DIR: dataDir }, open: () => openDatabase({ kind: 'pglite', dataDir }) });
    // The same measurement with another server environment: the smoke profile (CI) runs it on PGlite only.
    const url = SMOKE ? undefined : process.env.BENCH_DATABASE_URL;
    if (url) {
      const onPostgres = (database: string) =>
        measure({ name: 'PostgreSQL', kind: 'postgres', env: { ...files, DATABASE_URL: database }, open: () => openDatabase({ kind: 'postgres', url: database, poolSize: 1 }) });
      figures.push(...(await onOwnDatabase(url, BENCH_DB, onPostgres)));
    }
    return figures;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
