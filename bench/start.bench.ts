import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { buildServer } from '../scripts/build-server';
import { sized } from './lib/profile';
import type { Figure } from './lib/report';

// Time from `node dist/server/main.js` to its first `/api/health` 200 on an existing database
// (migrated, no demo), against the floor of bare node opening the same database and running one
// query. Each side runs RUNS times; the median counts (the machine is shared: spread is printed).

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const MAIN = join(ROOT, 'dist', 'server', 'main.js');
const RUNS = sized(3, 5);
const BENCH_DB = 'carebeam_bench_start';

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

const freePort = () =>
  new Promise<number>((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  await exited;
}

/** Spawns the production server and times it to its first healthy answer; then stops it. */
async function timeToListen(env: Record<string, string>): Promise<number> {
  const port = await freePort();
  const { NODE_OPTIONS: _ignored, ...inherited } = process.env;
  const started = performance.now();
  const server = spawn(process.execPath, [MAIN], { env: { ...inherited, ...env, PORT: String(port), HOST: '127.0.0.1', SEED_DEMO: 'false', LOG_LEVEL: 'warn' }, stdio: ['ignore', 'ignore', 'pipe'] });
  let errors = '';
  server.stderr!.on('data', (chunk: Buffer) => (errors += chunk.toString()));
  try {
    for (;;) {
      if (server.exitCode !== null) throw new Error(`the server exited (${server.exitCode}): ${errors}`);
      const health = await fetch(`http://127.0.0.1:${port}/api/health`).catch(() => undefined);
      if (health?.status === 200) return performance.now() - started;
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  } finally {
    await stop(server);
  }
}

/** The floor: a bare node process that opens the database and runs one query, timed to its answer. */
async function floorTime(script: string, env: Record<string, string>): Promise<number> {
  const started = performance.now();
  const child = spawn(process.execPath, ['--input-type=module', '-e', script], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  const [line] = (await once(child.stdout!, 'data')) as [Buffer];
  const took = performance.now() - started;
  if (line.toString().trim() !== 'ready') throw new Error(`floor said: ${line.toString()}`);
  await once(child, 'exit');
  return took;
}

const PGLITE_FLOOR = `
  import { PGlite } from '@electric-sql/pglite';
  import { btree_gist } from '@electric-sql/pglite/contrib/btree_gist';
  const db = new PGlite(process.env.DATA_DIR, { extensions: { btree_gist } });
  await db.query('SELECT count(*) FROM organizations');
  process.stdout.write('ready\\n');
  await db.close();`;

const POSTGRES_FLOOR = `
  import pg from 'pg';
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  await client.query('SELECT count(*) FROM organizations');
  process.stdout.write('ready\\n');
  await client.end();`;

async function measure(name: string, env: Record<string, string>, floorScript: string): Promise<Figure> {
  await timeToListen(env); // the first start migrates (and on a new data directory runs initdb): not counted
  const starts: number[] = [];
  const floors: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    starts.push(await timeToListen(env));
    floors.push(await floorTime(floorScript, env));
  }
  const list = (values: number[]) => values.map((v) => Math.round(v)).join(', ');
  console.log(`  ${name}: starts ${list(starts)} ms; floors ${list(floors)} ms; load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  return { name: `start to listening (${name})`, value: median(starts), unit: 'ms', floor: median(floors), floorName: 'node + open the database + 1 query', higherIsBetter: false, target: 'median < 2,000 ms' };
}

export async function benchStart(): Promise<Figure[]> {
  await buildServer();
  const figures: Figure[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'carebeam-bench-start-'));
  const files = { FILES_DIR: join(dir, 'files') };
  try {
    figures.push(await measure('PGlite, existing data directory', { ...files, DATA_DIR: join(dir, 'data') }, PGLITE_FLOOR));
    const url = process.env.BENCH_DATABASE_URL;
    if (url) figures.push(await onOwnDatabase(url, (database) => measure('PostgreSQL', { ...files, DATABASE_URL: database }, POSTGRES_FLOOR)));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return figures;
}

/** Runs `use` on a database of the bench's own on that server, dropped after. */
async function onOwnDatabase<T>(url: string, use: (database: string) => Promise<T>): Promise<T> {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${BENCH_DB} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${BENCH_DB}`);
  try {
    const database = new URL(url);
    database.pathname = `/${BENCH_DB}`;
    return await use(database.toString());
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${BENCH_DB} WITH (FORCE)`);
    await admin.end();
  }
}
