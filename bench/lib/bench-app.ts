import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import pg from 'pg';
import { buildApp } from '../../src/server/app';
import { systemClock } from '../../src/server/clock';
import type { PGlite } from '@electric-sql/pglite';
import { type DatabaseHandle, IN_MEMORY, openDatabase, openPglite, pgliteDatabase } from '../../src/server/db/connect';
import { migrateToLatest } from '../../src/server/db/migrate';
import { PreparingClient } from '../../src/server/db/prepared-statements';
import type { Database } from '../../src/server/db/schema';
import { seedDemo } from '../../src/server/seed/demo';
import { localFileStore } from '../../src/server/storage/file-store';
import type { Config } from '../../src/server/config';
import { testConfig } from '../../src/server/testing/config';
import { adminQuery, databaseUrl } from '../../src/server/testing/databases';

export const BENCH_PASSWORD = 'bench password 1234';
const HOUR = 60 * 60_000;

/** The demo provider and the demo Follow-up visit service (with one of its session types). */
export async function demoFollowUp(db: Kysely<Database>) {
  const host = await db.selectFrom('users').select(['id', 'organization_id']).where('email', '=', 'provider@demo.carebeam.test').executeTakeFirstOrThrow();
  const service = await db
    .selectFrom('services as s')
    .innerJoin('service_session_types as t', 't.service_id', 's.id')
    .select(['s.id', 't.session_type_id'])
    .where('s.name', '=', 'Follow-up visit')
    .executeTakeFirstOrThrow();
  return { host, service };
}

export type DatabaseLabel = 'PGlite' | 'PostgreSQL';

/** Raw SQL on the benchmark's database, beside the app: what floors are measured with. */
export interface RawSql {
  query<R = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<{ rows: R[] }>;
}
export interface RawDatabase extends RawSql {
  /** `fn` inside BEGIN … COMMIT on one connection (rolled back if it throws). */
  transaction<T>(fn: (tx: RawSql) => Promise<T>): Promise<T>;
}

/** PGlite's one connection, shared with the app (as the app's own queries share it). */
const pgliteRaw = (pglite: PGlite): RawDatabase => ({
  query: async (text, params) => pglite.query(text, params),
  transaction: (fn) => pglite.transaction((tx) => fn({ query: async (text, params) => tx.query(text, params) })),
});

/**
 * A pool of its own on PostgreSQL, as many connections as the app's, so raw load can run as wide as
 * the app's; its connections prepare statements as the app's do (`PreparingClient`), so a floor
 * differs from the app only by the app's own work.
 */
function postgresRaw(url: string): RawDatabase & { end(): Promise<void> } {
  const pool = new pg.Pool({ connectionString: url, max: 10, Client: PreparingClient });
  // pool.end() resolves before its clients' sockets have closed; dropping the database right after
  // ends them from the server's side ("terminating connection"), which without a listener would
  // be an unhandled 'error' that ends the run (it did, in CI's smoke run).
  pool.on('error', () => undefined);
  return {
    query: async <R>(text: string, params?: unknown[]) => ({ rows: (await pool.query(text, params)).rows as R[] }),
    transaction: async (fn) => {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await fn({ query: async <R>(text: string, params?: unknown[]) => ({ rows: (await client.query(text, params)).rows as R[] }) });
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      } finally {
        client.release();
      }
    },
    end: () => pool.end(),
  };
}

interface ServeOptions {
  /** The built web app's folder, to serve it. */
  webRoot?: string;
  auditReads?: boolean;
}

/** The real app on an open database (migrated and seeded), listening on a free port. */
async function serve(database: DatabaseHandle, label: DatabaseLabel, raw: RawDatabase, config: Partial<Config>, { webRoot = '/nonexistent', auditReads = true }: ServeOptions = {}) {
  const filesDir = mkdtempSync(join(tmpdir(), 'carebeam-bench-files-'));
  const storage = localFileStore(filesDir);
  const app = await buildApp({ config: testConfig(config), database, clock: systemClock, storage, webRoot, auditReads });
  const address = await app.listen({ port: 0, host: '127.0.0.1' });

  async function call(path: string, init: { method: string; cookie?: string; body?: unknown }) {
    const response = await fetch(`${address}/api${path}`, {
      method: init.method,
      headers: { ...(init.cookie ? { cookie: init.cookie } : {}), ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}) },
      ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
    });
    if (!response.ok) throw new Error(`bench ${init.method} ${path}: ${response.status} ${await response.text()}`);
    return response;
  }

  return {
    address,
    /** Which database it runs on: part of every figure's name. */
    label,
    db: database.db,
    raw,
    storage,
    /** Calls the API as `cookie` (if any) and answers the JSON; a non-2xx answer throws. */
    api: async (path: string, method: string, cookie: string, body?: unknown) => (await call(path, { method, cookie, body })).json(),
    /** A staff member's sign-in cookie. */
    signIn: async (email: string): Promise<string> => (await call('/auth/login', { method: 'POST', body: { email, password: BENCH_PASSWORD } })).headers.get('set-cookie')!.split(';')[0]!,
    /** A participant's portal cookie, as their join link gives it (the link copied by staff, then opened). */
    participantCookie: async (sessionId: string, participantId: string, staffCookie: string): Promise<string> => {
      const link = (await (await call(`/sessions/${sessionId}/participants/${participantId}/link`, { method: 'POST', cookie: staffCookie })).json()) as { url: string };
      const exchanged = await call('/portal/exchange', { method: 'POST', body: { token: /\/join\/(.+)$/.exec(link.url)![1] } });
      return exchanged.headers.get('set-cookie')!.split(';')[0]!;
    },
    /** Writes the queued audit events of reads. */
    flushAudit: () => app.auditBatcher.flush(),
    close: async () => {
      await app.close();
      await database.close();
      rmSync(filesDir, { recursive: true, force: true });
    },
  };
}

export type BenchApp = Awaited<ReturnType<typeof serve>>;

/**
 * The migrated database with the demo clinic, made once per bench run and copied for every app
 * (migrating and seeding each time cost ~20 s per benchmark and database). The demo is seeded
 * relative to the time the image was made: minutes before any benchmark uses it.
 */
let pgliteImage: Promise<Blob> | undefined;
function demoPgliteImage(): Promise<Blob> {
  pgliteImage ??= (async () => {
    const pglite = await openPglite({ dataDir: IN_MEMORY });
    const database = pgliteDatabase(pglite);
    await migrateToLatest(database.db);
    await seedDemo(database.db, { password: BENCH_PASSWORD, clock: systemClock });
    const image = await pglite.dumpDataDir('none');
    await database.close();
    return image;
  })();
  return pgliteImage;
}

/** The real app on a fresh in-memory PGlite with the demo clinic, listening on a free port. */
export async function startBenchApp(config: Partial<Config> = {}, options: ServeOptions = {}) {
  const pglite = await openPglite({ image: await demoPgliteImage() });
  return serve(pgliteDatabase(pglite), 'PGlite', pgliteRaw(pglite), config, options);
}

/** PostgreSQL's counterpart of the image above: a template database, named for this process. */
const postgresTemplates = new Map<string, Promise<string>>();
function demoPostgresTemplate(serverUrl: string): Promise<string> {
  let template = postgresTemplates.get(serverUrl);
  if (!template) {
    template = (async () => {
      const name = `carebeam_bench_tpl_${process.pid}`;
      await adminQuery(serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await adminQuery(serverUrl, `CREATE DATABASE ${name}`);
      const setup = await openDatabase({ kind: 'postgres', url: databaseUrl(serverUrl, name), poolSize: 1 });
      await migrateToLatest(setup.db);
      await seedDemo(setup.db, { password: BENCH_PASSWORD, clock: systemClock });
      await setup.close();
      return name;
    })();
    postgresTemplates.set(serverUrl, template);
  }
  return template;
}

/** Drops the template databases this run made (after its last benchmark). */
export async function dropBenchTemplates(): Promise<void> {
  for (const [serverUrl, template] of postgresTemplates) await adminQuery(serverUrl, `DROP DATABASE IF EXISTS ${await template} WITH (FORCE)`);
  postgresTemplates.clear();
}

/**
 * A dedicated PostgreSQL database `name` on the server at `serverUrl` (dropped first if a run
 * left it behind), a copy of the demo template; `start()` starts one more app instance on it,
 * each with its own raw pool; `drop()` after the last one closed.
 */
export async function benchPostgres(serverUrl: string, name: string) {
  const template = await demoPostgresTemplate(serverUrl);
  await adminQuery(serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await adminQuery(serverUrl, `CREATE DATABASE ${name} TEMPLATE ${template}`);
  const url = databaseUrl(serverUrl, name);
  return {
    start: async (config: Partial<Config> = {}, options: ServeOptions = {}) => {
      const raw = postgresRaw(url);
      const app = await serve(await openDatabase({ kind: 'postgres', url }), 'PostgreSQL', raw, config, options);
      return { ...app, close: () => app.close().finally(() => raw.end()) };
    },
    drop: () => adminQuery(serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}

/** Where the server benchmarks run: the embedded PGlite, and PostgreSQL when BENCH_DATABASE_URL names a server. */
export interface BenchDatabase {
  label: DatabaseLabel;
  /** One app on a fresh database of its own with the demo clinic; closing it drops that database. */
  start(config?: Partial<Config>, options?: ServeOptions): Promise<BenchApp>;
}

/**
 * Apps may run side by side (the audited-read bench opens two): each gets a database of its own,
 * named for this process too, so two bench runs at once never drop each other's database.
 */
let postgresApps = 0;

export function benchDatabases(): BenchDatabase[] {
  const serverUrl = process.env.BENCH_DATABASE_URL;
  const postgres: BenchDatabase[] = serverUrl
    ? [
        {
          label: 'PostgreSQL',
          start: async (config, options) => {
            const database = await benchPostgres(serverUrl, `carebeam_bench_${process.pid}_${++postgresApps}`);
            const app = await database.start(config, options);
            return { ...app, close: () => app.close().finally(() => database.drop()) };
          },
        },
      ]
    : [];
  return [{ label: 'PGlite', start: startBenchApp }, ...postgres];
}

/**
 * `count` sessions of the demo provider, each with `participants` participants invited link-only:
 * back to back, an hour apart, from two hours ahead plus `skipHours` (a second call skips the
 * hours of the first); the provider works around the clock.
 */
export async function demoSessions(app: BenchApp, adminCookie: string, options: { count: number; participants: number; skipHours?: number }) {
  const { host, service } = await demoFollowUp(app.db);
  await app.db
    .updateTable('work_hours')
    .set({ weekly: JSON.stringify([1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: '00:00', end: '24:00' }))), overrides: '[]' })
    .where('user_id', '=', host.id)
    .execute();
  const first = Math.ceil(Date.now() / HOUR) * HOUR + (2 + (options.skipHours ?? 0)) * HOUR;
  const sessions: { id: string; participantIds: string[] }[] = [];
  for (let i = 0; i < options.count; i++) {
    const session = (await app.api('/sessions', 'POST', adminCookie, {
      serviceId: service.id,
      sessionTypeId: service.session_type_id,
      hostId: host.id,
      start: new Date(first + i * HOUR).toISOString(),
      participants: Array.from({ length: options.participants }, (_, p) => ({ name: `Bench Patient ${i}-${p}`, timeZone: 'UTC', invitationType: 'none' })),
    })) as { id: string; participants: { id: string }[] };
    sessions.push({ id: session.id, participantIds: session.participants.map((p) => p.id) });
  }
  return sessions;
}
