import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestClock } from '../testing/clock';
import { startTestApp, type TestApp } from '../testing/harness';
import { DEMO_USERS, seedDemo } from './demo';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

describe('seedDemo', () => {
  it('seeds the demo clinic once, whose users sign in with the demo password', async () => {
    const clock = createTestClock();
    const results = await Promise.all([
      seedDemo(t.db, { password: 'demo password 123', clock }),
      seedDemo(t.db, { password: 'demo password 123', clock }),
    ]);
    expect(results.sort()).toEqual([false, true]);

    const organizations = await t.db.selectFrom('organizations').select(['name', 'time_zone']).execute();
    expect(organizations).toEqual([{ name: 'Demo Clinic', time_zone: 'America/New_York' }]);
    const byEmail = (a: { email: string }, b: { email: string }) => (a.email < b.email ? -1 : 1);
    const users = (await t.db.selectFrom('users').select(['email', 'roles', 'time_zone']).execute()).sort(byEmail);
    expect(users).toEqual(DEMO_USERS.map((u) => ({ email: u.email, roles: u.roles, time_zone: u.timeZone })).sort(byEmail));
    const provider2 = users.find((u) => u.email === 'provider2@demo.carebeam.test');
    expect(provider2?.time_zone).toBe('Europe/Berlin');
    await expect(t.signIn('dispatcher@demo.carebeam.test', 'demo password 123')).resolves.toBeTruthy();
  });

  it('dates what it seeds by the clock it is given (TEST_CLOCK_START in browser tests)', async () => {
    // The first test seeded with a test clock standing at 2026-03-02T15:00Z, not today.
    const stamps = await t.db.selectFrom('users').select(['created_at', 'updated_at']).execute();
    const hours = await t.db.selectFrom('work_hours').select('updated_at').execute();
    for (const at of [...stamps.flatMap((row) => [row.created_at, row.updated_at]), ...hours.map((row) => row.updated_at)]) {
      expect(at.toISOString()).toBe('2026-03-02T15:00:00.000Z');
    }
  });

  it('never seeds into a database that has data', async () => {
    expect(await seedDemo(t.db, { password: 'demo password 123', clock: createTestClock() })).toBe(false);
    const count = await t.db.selectFrom('organizations').select(t.db.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(count.n).toBe(1);
  });
});
