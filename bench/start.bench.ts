import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildServer } from '../scripts/build-server';
import { sized } from './lib/profile';
import type { Figure } from './lib/report';
import { type FloorKind, onOwnDatabase, startBuiltServer, startFloor } from './lib/server-process';

// Time from `node dist/server/main.js` to its first `/api/health` 200 on an existing database
// (migrated, no demo) and on a new data directory (initdb + migrations), against the floor of bare
// node opening the same database and running one query. Each side runs RUNS times; the median
// counts (the machine is shared: spread is printed).

const RUNS = sized(3, 5, 1);
/** initdb makes a start on a new data directory (and its floor) ~10 s: once in the quick profile, not in CI's smoke one. */
const NEW_DIRECTORY_RUNS = sized(1, 3, 0);
const BENCH_DB = 'carebeam_bench_start';

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** Starts the production server and times it to its first healthy answer; then stops it. */
async function timeToListen(env: Record<string, string>): Promise<number> {
  const server = await startBuiltServer(env);
  await server.stop();
  return server.startMs;
}

/** The floor, timed from spawn to its query's answer; it closes the database by itself. */
async function floorTime(kind: FloorKind, env: Record<string, string>, sql?: string): Promise<number> {
  const floor = await startFloor(kind, env, { sql });
  await once(floor.child, 'exit');
  return floor.readyMs;
}

async function measure(name: string, runs: { count: number; start: () => Promise<number>; floor: () => Promise<number> }): Promise<Figure> {
  const starts: number[] = [];
  const floors: number[] = [];
  for (let run = 0; run < runs.count; run++) {
    starts.push(await runs.start());
    floors.push(await runs.floor());
  }
  const list = (values: number[]) => values.map((v) => Math.round(v)).join(', ');
  console.log(`  ${name}: starts ${list(starts)} ms; floors ${list(floors)} ms; load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  return { name: `start to listening (${name})`, value: median(starts), unit: 'ms', floor: median(floors), floorName: 'node + open the database + 1 query', higherIsBetter: false, target: 'median < 2,000 ms' };
}

/** On an existing database: the first start migrates it (and on a new data directory runs initdb), and is not counted. */
async function existing(name: string, kind: FloorKind, env: Record<string, string>): Promise<Figure> {
  await timeToListen(env);
  return measure(name, { count: RUNS, start: () => timeToListen(env), floor: () => floorTime(kind, env) });
}

export async function benchStart(): Promise<Figure[]> {
  await buildServer();
  const figures: Figure[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'carebeam-bench-start-'));
  const files = { FILES_DIR: join(dir, 'files') };
  try {
    figures.push(await existing('PGlite, existing data directory', 'pglite', { ...files, DATA_DIR: join(dir, 'data') }));
    // Every run on a directory of its own, never opened before; the floor's initdb has no tables to count.
    let fresh = 0;
    const newDir = () => ({ ...files, DATA_DIR: join(dir, `new-${fresh++}`) });
    if (NEW_DIRECTORY_RUNS > 0) figures.push(
      await measure('PGlite, new data directory: initdb + migrations', {
        count: NEW_DIRECTORY_RUNS,
        start: () => timeToListen(newDir()),
        floor: () => floorTime('pglite', newDir(), 'SELECT count(*) FROM pg_class'),
      }),
    );
    const url = process.env.BENCH_DATABASE_URL;
    if (url) figures.push(await onOwnDatabase(url, BENCH_DB, (database) => existing('PostgreSQL', 'postgres', { ...files, DATABASE_URL: database })));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return figures;
}
