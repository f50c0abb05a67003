import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../testing/harness';

// A short idle limit must hold for an active user: last-seen is written often enough (a small
// fraction of the limit) that activity just inside the limit keeps the sign-in alive, and idleness
// just past it ends it. The test clock moves only when the test says so.
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ config: { signInIdleMinutes: 1 } });
});
afterAll(() => t.close());

describe('SESSION_IDLE_MINUTES=1', () => {
  it('keeps an active user signed in, and signs them out a minute after their last request', async () => {
    const me = await t.staff(['provider']);
    const status = async () => (await t.request({ url: '/api/me', cookie: me.cookie })).status;
    // A request every 50 seconds, for five minutes: never 60 seconds idle.
    for (let i = 0; i < 6; i++) {
      t.clock.advance(50_000);
      expect(await status(), `request ${i + 1}, ${(i + 1) * 50} s after sign-in`).toBe(200);
    }
    t.clock.advance(57_000); // 57 s idle: within the limit, give or take the write interval
    expect(await status()).toBe(200);
    t.clock.advance(60_000);
    expect(await status()).toBe(401);
  });
});
