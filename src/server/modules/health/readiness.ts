import { sql } from 'kysely';
import type { Readiness } from '../../../shared/health';
import type { DatabaseHandle } from '../../db/connect';
import { LATEST_MIGRATION, latestAppliedMigration } from '../../db/migrate';

export interface ReadinessDeps {
  database: DatabaseHandle;
  /** Whether the live hub's LISTEN connection is up. */
  listening(): boolean;
  /** A database slower than this counts as down (a load balancer should not wait on it). */
  timeoutMs?: number;
  /** The migration the database must have applied; this code's latest unless a test says otherwise. */
  latestMigration?: string;
}

type Checks = Readiness['checks'];

function within<T>(ms: number, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('timed out')), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/** Each part an instance needs to serve traffic; failures say only which part failed. */
export async function checkReadiness(deps: ReadinessDeps): Promise<{ ready: boolean; checks: Checks }> {
  const latest = deps.latestMigration ?? LATEST_MIGRATION;
  const applied = await within(deps.timeoutMs ?? 2000, sql`SELECT 1`.execute(deps.database.db).then(() => latestAppliedMigration(deps.database.db))).then(
    (name) => ({ database: true, current: name === latest }),
    () => ({ database: false, current: false }),
  );
  const checks: Checks = {
    database: applied.database ? 'ok' : 'failed',
    migrations: applied.current ? 'ok' : 'failed',
    listen: deps.listening() ? 'ok' : 'failed',
  };
  return { ready: Object.values(checks).every((check) => check === 'ok'), checks };
}
