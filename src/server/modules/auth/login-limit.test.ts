import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrganization, createUser, TEST_PASSWORD } from '../../testing/factories';
import { startTestApp, type TestApp } from '../../testing/harness';

// Ten wrong passwords a minute per account and per address, counted before the password is
// checked, so parallel guesses cannot slip past the count. The clock stands still: every attempt
// falls in the same minute.
let t: TestApp;
/** An app behind a proxy at 127.0.0.1 it trusts (TRUST_PROXY=127.0.0.1). */
let proxied: TestApp;
beforeAll(async () => {
  t = await startTestApp();
  proxied = await startTestApp({ config: { trustProxy: ['127.0.0.1'] } });
});
afterAll(async () => {
  await proxied.close();
  await t.close();
});

const login = (app: TestApp, email: string, password: string, remoteAddress: string, headers: Record<string, string> = {}) =>
  app.request({ method: 'POST', url: '/api/auth/login', body: { email, password }, remoteAddress, headers });

async function account(app = t) {
  const org = await createOrganization(app.db);
  return createUser(app.db, org.id, { roles: ['provider'] });
}

describe('the sign-in rate limit', () => {
  it('checks at most 10 of 40 parallel wrong passwords for one account; the rest are 429', async () => {
    const user = await account();
    const responses = await Promise.all(Array.from({ length: 40 }, (_, i) => login(t, user.email, `wrong password ${i}`, `10.1.0.${i + 1}`)));
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 401)).toHaveLength(10);
    expect(statuses.filter((s) => s === 429)).toHaveLength(30);
    expect(responses.find((r) => r.status === 429)!.headers['retry-after']).toBe('60');
  });

  it('checks at most 10 of 40 parallel wrong passwords from one address over many accounts', async () => {
    const users = await Promise.all(Array.from({ length: 4 }, () => account()));
    const responses = await Promise.all(Array.from({ length: 40 }, (_, i) => login(t, users[i % 4]!.email, 'wrong password', '10.2.0.1')));
    expect(responses.filter((r) => r.status === 401)).toHaveLength(10);
    expect(responses.filter((r) => r.status === 429)).toHaveLength(30);
  });

  it('does not lock an account out because an address is blocked', async () => {
    const user = await account();
    for (let i = 0; i < 10; i++) await login(t, `nobody-${i}@example.test`, 'wrong password', '10.3.0.1');
    for (let i = 0; i < 20; i++) expect((await login(t, user.email, 'wrong password', '10.3.0.1')).status).toBe(429);
    expect((await login(t, user.email, TEST_PASSWORD, '10.3.0.2')).status).toBe(200);
  });

  it('behind a trusted proxy, limits each client address, not the proxy’s', async () => {
    const user = await account(proxied);
    for (let i = 0; i < 10; i++) await login(proxied, `nobody-${i}@example.test`, 'wrong password', '127.0.0.1', { 'x-forwarded-for': '203.0.113.7' });
    expect((await login(proxied, 'someone@example.test', 'wrong password', '127.0.0.1', { 'x-forwarded-for': '203.0.113.7' })).status).toBe(429);
    expect((await login(proxied, user.email, TEST_PASSWORD, '127.0.0.1', { 'x-forwarded-for': '203.0.113.8' })).status).toBe(200);
  });

  it('ignores X-Forwarded-For from an untrusted peer (TRUST_PROXY off)', async () => {
    const user = await account();
    for (let i = 0; i < 10; i++) await login(t, `nobody-${i}@example.test`, 'wrong password', '10.4.0.1', { 'x-forwarded-for': `198.51.100.${i}` });
    expect((await login(t, user.email, TEST_PASSWORD, '10.4.0.1', { 'x-forwarded-for': '198.51.100.200' })).status).toBe(429);
  });
});
