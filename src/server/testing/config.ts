import { IN_MEMORY } from '../db/connect';
import type { Config } from '../config';

/** A complete configuration for tests and benchmarks, overridable field by field. */
export function testConfig(overrides: Partial<Config> = {}): Config {
  return {
    port: 0,
    host: '127.0.0.1',
    database: { kind: 'pglite', dataDir: IN_MEMORY },
    migrationDatabase: { kind: 'pglite', dataDir: IN_MEMORY },
    files: { kind: 'local', directory: 'unused: tests pass their own file store' },
    publicUrl: new URL('http://localhost:3000'),
    secureCookies: false,
    seedDemo: false,
    demoPassword: 'carebeam-demo',
    signInIdleMinutes: 30,
    logLevel: 'silent',
    trustProxy: [],
    mail: { kind: 'log', from: 'Carebeam <no-reply@clinic.test>' },
    sms: { kind: 'log' },
    testClockStart: null,
    ice: { urls: [], turnSecret: null, transportPolicy: 'all' },
    ehrKeySecret: 'test secret that encrypts EHR signing keys at rest',
    cartReadingsPerMinute: 120,
    metricsToken: null,
    backups: { directory: null, intervalHours: null, keep: 14 },
    ...overrides,
  };
}
