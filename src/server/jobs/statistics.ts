import { type Kysely, sql } from 'kysely';
import type { DatabaseHandle } from '../db/connect';

const EVERY = 6 * 60 * 60_000;
/**
 * The first refresh waits this long after start: ANALYZE holds the embedded database's one
 * connection for about a second, and the first requests after a (re)start should not queue
 * behind it.
 */
const FIRST_AFTER = 30_000;

/** Updates the planner's statistics, so queries keep using their indexes as tables grow. */
export async function refreshStatistics(db: Kysely<any>): Promise<void> {
  await sql`ANALYZE`.execute(db);
}

/**
 * PGlite runs no autovacuum daemon: without this its planner keeps the statistics of an empty
 * database and picks sequential scans on large tables. PostgreSQL servers do it themselves.
 * Returns the function that stops it.
 */
export function keepStatisticsFresh(database: DatabaseHandle, onError: (error: unknown) => void): () => void {
  if (database.kind !== 'pglite') return () => undefined;
  const run = () => refreshStatistics(database.db).catch(onError);
  let timer = setTimeout(() => {
    void run();
    timer = setInterval(run, EVERY);
    timer.unref();
  }, FIRST_AFTER);
  timer.unref();
  return () => clearTimeout(timer);
}
