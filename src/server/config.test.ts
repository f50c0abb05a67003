import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config';

describe('loadConfig', () => {
  it('defaults to the embedded database on port 3000 with the demo seeded', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 3000,
      database: { kind: 'pglite', dataDir: './data' },
      seedDemo: true,
      demoPassword: 'carebeam-demo',
      sessionIdleMinutes: 30,
      secureCookies: false,
    });
    expect(config.publicUrl.origin).toBe('http://localhost:3000');
  });

  it('switches to PostgreSQL with DATABASE_URL and then seeds only when asked', () => {
    const config = loadConfig({ DATABASE_URL: 'postgres://db.internal/carebeam' });
    expect(config.database).toEqual({ kind: 'postgres', url: 'postgres://db.internal/carebeam' });
    expect(config.seedDemo).toBe(false);
    expect(loadConfig({ DATABASE_URL: 'postgres://x/y', SEED_DEMO: 'true' }).seedDemo).toBe(true);
  });

  it('names every bad variable in one error', () => {
    const attempt = () => loadConfig({ PORT: 'eighty', SESSION_IDLE_MINUTES: '0', SEED_DEMO: 'maybe', DATABASE_URL: 'mysql://x' });
    expect(attempt).toThrow(ConfigError);
    try {
      attempt();
    } catch (error) {
      const message = (error as Error).message;
      for (const name of ['PORT', 'SESSION_IDLE_MINUTES', 'SEED_DEMO', 'DATABASE_URL']) expect(message).toContain(name);
    }
  });

  it('requires https for a public address beyond localhost, and then marks cookies Secure', () => {
    expect(() => loadConfig({ PUBLIC_URL: 'http://clinic.example.org' })).toThrow(/PUBLIC_URL/);
    expect(loadConfig({ PUBLIC_URL: 'https://clinic.example.org' }).secureCookies).toBe(true);
  });
});
