import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { PGLITE_START_PARAMS } from '../../src/server/db/connect';
import { freePort } from '../../src/server/faults/server-process';

// The production server (dist/server/main.js, built by scripts/build-server.ts) as a process of
// its own, so its start time and its memory are its own; and the floors beside it: bare node
// opening the same database the same way.

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const MAIN = join(ROOT, 'dist', 'server', 'main.js');

export interface BuiltServer {
  child: ChildProcess;
  origin: string;
  /** From spawn to the first `/api/health` 200, in ms. */
  startMs: number;
  stop(): Promise<void>;
}

export async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  await exited;
}

/** Spawns the built server with `env` (no demo unless it says so) and waits for its first healthy answer. */
export async function startBuiltServer(env: Record<string, string>): Promise<BuiltServer> {
  const port = await freePort();
  // NODE_OPTIONS of the bench (tsx's loader) is not the server's.
  const { NODE_OPTIONS: _ignored, ...inherited } = process.env;
  const started = performance.now();
  const child = spawn(process.execPath, [MAIN], {
    env: { ...inherited, SEED_DEMO: 'false', LOG_LEVEL: 'warn', ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let errors = '';
  child.stderr!.on('data', (chunk: Buffer) => (errors += chunk.toString()));
  const origin = `http://127.0.0.1:${port}`;
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`the server exited (${child.exitCode}): ${errors}`);
      const health = await fetch(`${origin}/api/health`).catch(() => undefined);
      if (health?.status === 200) return { child, origin, startMs: performance.now() - started, stop: () => stopProcess(child) };
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  } catch (error) {
    await stopProcess(child);
    throw error;
  }
}

/** A process's resident memory (VmRSS), in MB. Includes PGlite's WASM memory, which lives in the process. */
export function rssMb(pid: number): number {
  const kb = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
  if (!kb) throw new Error(`no VmRSS for process ${pid}`);
  return Number(kb) / 1024;
}

export type FloorKind = 'pglite' | 'postgres';

// Opens the database as the app does (PGlite with btree_gist and the app's start parameters on
// DATA_DIR, or a pg Pool on DATABASE_URL), runs FLOOR_SQL, says `ready`; then closes, or with FLOOR_HOLD idles until SIGTERM.
const OPEN: Record<FloorKind, string> = {
  pglite: `
    import { PGlite } from '@electric-sql/pglite';
    import { btree_gist } from '@electric-sql/pglite/contrib/btree_gist';
    const db = new PGlite(process.env.DATA_DIR, { extensions: { btree_gist }, startParams: JSON.parse(process.env.PGLITE_START_PARAMS) });`,
  postgres: `
    import pg from 'pg';
    const db = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 1 });`,
};
const RUN = `
  await db.query(process.env.FLOOR_SQL);
  process.stdout.write('ready\\n');
  if (process.env.FLOOR_HOLD) await new Promise((resolve) => process.once('SIGTERM', resolve));
  await (db.close ?? db.end).call(db);`;

export interface FloorProcess {
  child: ChildProcess;
  /** From spawn to the answer of its query, in ms. */
  readyMs: number;
}

/**
 * The floor: bare node opening the database and running one query (`sql`, by default a count of
 * organizations); with `hold` it then idles until stopped, for its memory.
 */
export async function startFloor(kind: FloorKind, env: Record<string, string>, { hold = false, sql = 'SELECT count(*) FROM organizations' } = {}): Promise<FloorProcess> {
  const { NODE_OPTIONS: _ignored, ...inherited } = process.env;
  const started = performance.now();
  const child = spawn(process.execPath, ['--input-type=module', '-e', OPEN[kind] + RUN], {
    cwd: ROOT,
    env: { ...inherited, ...env, PGLITE_START_PARAMS: JSON.stringify(PGLITE_START_PARAMS), FLOOR_SQL: sql, ...(hold ? { FLOOR_HOLD: '1' } : {}) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const [line] = (await once(child.stdout!, 'data')) as [Buffer];
  const readyMs = performance.now() - started;
  if (line.toString().trim() !== 'ready') throw new Error(`floor said: ${line.toString()}`);
  return { child, readyMs };
}

/** Runs `use` on a database `name` of the bench's own on the server at `url`, dropped after. */
export async function onOwnDatabase<T>(url: string, name: string, use: (database: string) => Promise<T>): Promise<T> {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${name}`);
  try {
    const database = new URL(url);
    database.pathname = `/${name}`;
    return await use(database.toString());
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}
