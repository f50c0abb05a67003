import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import { buildApp } from '../../src/server/app';
import { systemClock } from '../../src/server/clock';
import { openPglite, pgliteDatabase } from '../../src/server/db/connect';
import { migrateToLatest } from '../../src/server/db/migrate';
import type { Database } from '../../src/server/db/schema';
import { seedDemo } from '../../src/server/seed/demo';
import { localFileStore } from '../../src/server/storage/file-store';
import { testConfig } from '../../src/server/testing/config';

export const BENCH_PASSWORD = 'bench password 1234';

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

/** The real app on a fresh in-memory PGlite with the demo clinic, listening on a free port. */
export async function startBenchApp() {
  const pglite = await openPglite({ dataDir: 'memory://' });
  const database = pgliteDatabase(pglite);
  await migrateToLatest(database.db);
  await seedDemo(database.db, { password: BENCH_PASSWORD, clock: systemClock });
  const filesDir = mkdtempSync(join(tmpdir(), 'carebeam-bench-files-'));
  const app = await buildApp({ config: testConfig(), database, clock: systemClock, storage: localFileStore(filesDir), webRoot: '/nonexistent' });
  const address = await app.listen({ port: 0, host: '127.0.0.1' });

  async function signIn(email: string): Promise<string> {
    const response = await fetch(`${address}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password: BENCH_PASSWORD }),
    });
    if (!response.ok) throw new Error(`bench sign-in failed: ${response.status}`);
    return response.headers.get('set-cookie')!.split(';')[0]!;
  }

  return {
    address,
    pglite,
    db: database.db,
    signIn,
    close: async () => {
      await app.close();
      await database.close();
      rmSync(filesDir, { recursive: true, force: true });
    },
  };
}
