import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../db/connect';
import { LATEST_MIGRATION } from '../../db/migrate';
import type { Database } from '../../db/schema';
import { type TestApp, startTestApp } from '../../testing/harness';
import { checkReadiness } from './readiness';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

describe('GET /api/ready', () => {
  it('answers 200 when the database answers, is migrated and the LISTEN connection is up', async () => {
    const response = await t.request({ url: '/api/ready' });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ status: 'ready', checks: { database: 'ok', migrations: 'ok', listen: 'ok' } });
  });

  it("answers 503 problem+json naming the migrations when the database lacks this code's latest one", async () => {
    await sql`DELETE FROM kysely_migration WHERE name = ${LATEST_MIGRATION}`.execute(t.db);
    try {
      const response = await t.request({ url: '/api/ready' });
      expect(response.status).toBe(503);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.body).toMatchObject({ status: 503, code: 'not_ready', detail: 'Not ready: migrations', checks: { database: 'ok', migrations: 'failed', listen: 'ok' } });
    } finally {
      await sql`INSERT INTO kysely_migration (name, timestamp) VALUES (${LATEST_MIGRATION}, ${new Date().toISOString()})`.execute(t.db);
    }
    expect((await t.request({ url: '/api/ready' })).status).toBe(200);
  });
});

describe('checkReadiness', () => {
  const database = () => ({ kind: t.kind, db: t.db }) as DatabaseHandle;

  it('fails the listen check while the LISTEN connection is down', async () => {
    expect(await checkReadiness({ database: database(), listening: () => false })).toEqual({ ready: false, checks: { database: 'ok', migrations: 'ok', listen: 'failed' } });
  });

  it('fails the migrations check when the code knows a newer migration than the database', async () => {
    const result = await checkReadiness({ database: database(), listening: () => true, latestMigration: '2099_01_01_9999_future' });
    expect(result.checks.migrations).toBe('failed');
  });

  it('fails the database (and so the migrations) check when the database does not answer', async () => {
    const pool = new pg.Pool({ connectionString: 'postgres://carebeam@127.0.0.1:1/nowhere', connectionTimeoutMillis: 500 });
    const unreachable = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    try {
      const result = await checkReadiness({ database: { kind: 'postgres', db: unreachable } as DatabaseHandle, listening: () => true, timeoutMs: 1000 });
      expect(result).toEqual({ ready: false, checks: { database: 'failed', migrations: 'failed', listen: 'ok' } });
    } finally {
      await unreachable.destroy();
    }
  });
});
