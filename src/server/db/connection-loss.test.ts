import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { adminQuery } from '../testing/databases';
import { type ApiResponse, type SignedIn, startTestApp, type TestApp } from '../testing/harness';

// PostgreSQL ends connections on its own (a restart, a failover, an idle timeout,
// pg_terminate_backend). The process must outlive that: requests caught in it may fail with 503,
// and the pool and the LISTEN connection come back without a restart. PGlite is in-process and
// never drops a connection, so this runs only against a PostgreSQL server.
const serverUrl = process.env.TEST_DATABASE_URL;

describe.skipIf(!serverUrl)('a PostgreSQL server ending the app’s connections', () => {
  let t: TestApp;
  let admin: SignedIn;
  let database: string;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.staff(['admin']);
    database = (await t.db.selectNoFrom((eb) => eb.fn<string>('current_database').as('name')).executeTakeFirstOrThrow()).name;
  });
  afterAll(() => t?.close());

  /** Ends every connection of this app (its pool and its LISTEN), as an operator or a failover would. */
  const terminateBackends = async () =>
    (
      await adminQuery(
        serverUrl!,
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
         WHERE datname = '${database}' AND pid <> pg_backend_pid() AND application_name LIKE 'carebeam%'`,
      )
    ).rowCount ?? 0;

  const listenerIsBack = async () =>
    (await adminQuery(serverUrl!, `SELECT 1 FROM pg_stat_activity WHERE datname = '${database}' AND application_name = 'carebeam-listen' AND query LIKE 'LISTEN%'`))
      .rowCount === 1;

  /** Reads and writes (a search, a new participant in a transaction), each also signing the caller in. */
  const load = (round: number, count: number) =>
    Array.from({ length: count }, (_, i) =>
      i % 2 === 0
        ? t.request({ url: '/api/participants?query=p', cookie: admin.cookie })
        : t.request({
            method: 'POST',
            url: '/api/participants',
            cookie: admin.cookie,
            body: { name: `Load ${round}-${i}`, timeZone: 'UTC', invitationType: 'none' },
          }),
    );

  it('answers 503 at worst while connections die, then serves every request and listens again', async () => {
    const caught: ApiResponse[] = [];
    let terminated = 0;
    for (let round = 0; round < 6; round++) {
      const [count, ...responses] = await Promise.all([terminateBackends(), ...load(round, 20)]);
      terminated += count;
      caught.push(...responses);
    }
    expect(terminated).toBeGreaterThan(0);
    for (const response of caught) {
      expect([200, 201, 503], response.text).toContain(response.status);
      if (response.status === 503) expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    }

    const after = await Promise.all(load(99, 20));
    expect(after.map((r) => r.status)).toEqual(after.map((_, i) => (i % 2 === 0 ? 200 : 201)));
    await vi.waitFor(async () => expect(await listenerIsBack()).toBe(true), { timeout: 15_000, interval: 100 });
  });
});
