import { mkdirSync } from 'node:fs';
import { PGlite, types } from '@electric-sql/pglite';
import { btree_gist } from '@electric-sql/pglite/contrib/btree_gist';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { lockDataDirectory } from './data-dir-lock';
import { type Listening, type ListenHandlers, listenOnPglite, listenOnPostgres } from './listen';
import { PgliteDialect } from './pglite-dialect';
import { PreparingClient } from './prepared-statements';
import type { Database } from './schema';

/** `application_name` of the query pool; the LISTEN connection's is `carebeam-listen`. */
export const APPLICATION_NAME = 'carebeam';

export type DatabaseKind = 'pglite' | 'postgres';

export interface DatabaseHandle {
  kind: DatabaseKind;
  db: Kysely<Database>;
  /** LISTEN on `channel` outside the query pool (live events between instances). */
  listen(channel: string, handlers: ListenHandlers): Promise<Listening>;
  close(): Promise<void>;
  /**
   * PGlite only: runs `work` while no other statement or transaction can run, then dumps the data
   * directory (a gzipped tar) as it stands at that moment. A backup of a running embedded database
   * can only be made this way, by the process that holds it.
   */
  dumpDataDir?<T>(work: (db: Kysely<Database>) => Promise<T>): Promise<{ image: Blob; result: T }>;
}

export type DatabaseTarget =
  | { kind: 'pglite'; dataDir: string }
  /** A PGlite started from a dump of a data directory (tests copy one migrated database). */
  | { kind: 'pglite'; image: Blob }
  | { kind: 'postgres'; url: string; poolSize?: number };

// Both drivers must hand the app the same JavaScript values: bigint as number (ids and counts
// stay far below 2^53) and `date` as the plain "YYYY-MM-DD" string (pg would make it a Date at
// local midnight, which shifts the day in other zones).
const INT8 = 20;
const DATE = 1082;
const parseInt8 = (value: string) => Number(value);
const keepText = (value: string) => value;

export const PGLITE_EXTENSIONS = { btree_gist };

/**
 * PGlite's own start parameters, with shared_buffers at 32 MB instead of initdb's 128 MB. The
 * buffer pool lives in the WASM memory of the server's process and is resident from the start:
 * the idle server went from 393 to 297 MB RSS (bench/memory.bench.ts). A page outside the pool is
 * read from the data directory's files (the OS page cache): listing weeks of 100,000 sessions
 * (79 MB of sessions and participants) took as long as with 128 MB.
 */
export const PGLITE_START_PARAMS = [...PGlite.defaultStartParams, '-c', 'shared_buffers=32MB'];

/** PGlite's data directory for a database that lives only in memory (tests, benchmarks). */
export const IN_MEMORY = 'memory://';

// Only for a real directory (callers check): mkdir of `memory://` would leave a `memory:` folder in the cwd.
function ensureDirectory(dataDir: string): string {
  mkdirSync(dataDir, { recursive: true });
  return dataDir;
}

/**
 * A bare PGlite, without the data directory's lock: for in-memory databases and images; openDatabase
 * for a directory. With both a directory and an image, the image is unpacked into the (new) directory.
 */
export async function openPglite(target: { dataDir: string; image?: Blob } | { image: Blob }): Promise<PGlite> {
  const parsers = { [types.INT8]: parseInt8, [types.DATE]: keepText };
  if ('dataDir' in target && target.dataDir !== IN_MEMORY) ensureDirectory(target.dataDir);
  const options = { extensions: PGLITE_EXTENSIONS, parsers, startParams: PGLITE_START_PARAMS, ...(target.image ? { loadDataDir: target.image } : {}) };
  const pglite = 'dataDir' in target ? new PGlite(target.dataDir, options) : new PGlite(options);
  await pglite.waitReady;
  return pglite;
}

export interface DatabaseOptions {
  /** A pooled connection failed while idle (the server ended it): logged, never fatal. */
  onConnectionError?: (error: Error) => void;
}

export async function openDatabase(target: DatabaseTarget, options: DatabaseOptions = {}): Promise<DatabaseHandle> {
  if (target.kind === 'postgres') {
    const pool = new pg.Pool({
      connectionString: target.url,
      // Names the app's connections in pg_stat_activity (operators, and tests that end them).
      application_name: APPLICATION_NAME,
      max: target.poolSize ?? 10,
      Client: PreparingClient,
      types: {
        getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
          if (oid === INT8) return parseInt8;
          if (oid === DATE) return keepText;
          return pg.types.getTypeParser(oid, format);
        }) as typeof pg.types.getTypeParser,
      },
    });
    // Without a listener, a client's error (57P01 on pg_terminate_backend, a restart, a failover)
    // is an unhandled 'error' event and ends the process. The pool listens only while a client is
    // idle; a client checked out (a transaction between statements, a query in flight) is heard
    // here. The query in flight fails (503 at the edge); the pool drops the dead client on release
    // and opens a new one when needed.
    pool.on('connect', (client) => client.on('error', (error) => options.onConnectionError?.(error)));
    // The pool re-emits an idle client's error, already reported by the listener above.
    pool.on('error', () => undefined);
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return {
      kind: 'postgres',
      db,
      listen: (channel, handlers) => listenOnPostgres(target.url, channel, handlers, `${APPLICATION_NAME}-listen`),
      close: () => db.destroy(),
    };
  }
  // One process per data directory: taken before PGlite touches it, given back when it closes.
  const release = 'dataDir' in target && target.dataDir !== IN_MEMORY ? lockDataDirectory(ensureDirectory(target.dataDir)) : () => undefined;
  try {
    const handle = pgliteDatabase(await openPglite(target));
    return { ...handle, close: () => handle.close().finally(release) };
  } catch (error) {
    release();
    throw error;
  }
}

/** Wraps an open PGlite; closing the handle closes it. */
export function pgliteDatabase(pglite: PGlite): DatabaseHandle {
  const db = new Kysely<Database>({ dialect: new PgliteDialect(pglite) });
  return {
    kind: 'pglite',
    db,
    listen: (channel, handlers) => listenOnPglite(pglite, channel, handlers),
    // The driver's one connection, held throughout: no transaction is half done in the dump.
    dumpDataDir: (work) =>
      db.connection().execute(async (connection) => {
        const result = await work(connection);
        // Writes every dirty page to the files, so the image opens without replaying the WAL.
        await sql`CHECKPOINT`.execute(connection);
        return { image: await pglite.dumpDataDir('gzip'), result };
      }),
    close: async () => {
      await db.destroy();
      await pglite.close();
    },
  };
}
