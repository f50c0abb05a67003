import { Migrator, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { recordAudit } from '../modules/audit';
import { createOrganization } from '../testing/factories';
import { startTestApp, type TestApp } from '../testing/harness';
import { adminQuery, databaseUrl } from '../testing/databases';
import { openDatabase } from './connect';
import { migrateToLatest } from './migrate';
import { migrations } from './migrations/index';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

describe('database', () => {
  it('has every migration applied and btree_gist available', async () => {
    const applied = await sql<{ name: string }>`SELECT name FROM kysely_migration ORDER BY name`.execute(t.db);
    expect(applied.rows.map((r) => r.name)).toEqual(Object.keys(migrations));
    const ext = await sql<{ extname: string }>`SELECT extname FROM pg_extension WHERE extname = 'btree_gist'`.execute(t.db);
    expect(ext.rows).toHaveLength(1);
  });

  it('refuses UPDATE and DELETE on audit events', async () => {
    const org = await createOrganization(t.db);
    await recordAudit(t.db, { organizationId: org.id, actorUserId: null, action: 'test.done', entityType: 'test', entityId: null, at: new Date() });
    await expect(t.db.updateTable('audit_events').set({ action: 'test.rewritten' }).where('organization_id', '=', org.id).execute()).rejects.toThrow(/append-only/);
    await expect(t.db.deleteFrom('audit_events').where('organization_id', '=', org.id).execute()).rejects.toThrow(/append-only/);
    const rows = await t.db.selectFrom('audit_events').select('action').where('organization_id', '=', org.id).execute();
    expect(rows).toEqual([{ action: 'test.done' }]);
  });

  it('keeps transactions apart on one connection: a rolled-back one leaves nothing, a concurrent one commits', async () => {
    const results = await Promise.allSettled([
      t.db.transaction().execute(async (trx) => {
        await trx.insertInto('organizations').values({ name: 'Rolled back', time_zone: 'UTC' }).execute();
        await new Promise((resolve) => setTimeout(resolve, 20));
        throw new Error('abort');
      }),
      t.db.transaction().execute(async (trx) => {
        await trx.insertInto('organizations').values({ name: 'Committed', time_zone: 'UTC' }).execute();
      }),
    ]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'fulfilled']);
    const names = await t.db.selectFrom('organizations').select('name').where('name', 'in', ['Rolled back', 'Committed']).execute();
    expect(names).toEqual([{ name: 'Committed' }]);
  });

  it.runIf(inject('testDatabase').kind === 'postgres')('keeps everyone signed in across the rename of auth_sessions to sign_ins', async () => {
    const source = inject('testDatabase');
    if (source.kind !== 'postgres') return;
    const name = `carebeam_rename_${source.runId}`;
    await adminQuery(source.serverUrl, `CREATE DATABASE ${name}`);
    const instance = await openDatabase({ kind: 'postgres', url: databaseUrl(source.serverUrl, name), poolSize: 1 });
    try {
      const before = await new Migrator({ db: instance.db, provider: { getMigrations: async () => migrations } }).migrateTo('2026_11_28_0006_documents');
      expect(before.error).toBeUndefined();
      await sql`
        WITH o AS (INSERT INTO organizations (name, time_zone) VALUES ('Before', 'UTC') RETURNING id),
             u AS (INSERT INTO users (organization_id, name, email, roles, time_zone, password_hash)
                   SELECT id, 'Signed In', 'in@before.test', ARRAY['provider'], 'UTC', 'x' FROM o RETURNING id)
        INSERT INTO auth_sessions (token_hash, user_id, created_at, last_seen_at) SELECT 'kept-hash', id, now(), now() FROM u`.execute(instance.db);

      // The rename first, then whatever later migrations there are.
      expect((await migrateToLatest(instance.db))[0]).toBe('2026_11_30_0007_sign_ins');
      const actor = await sql<{ email: string }>`SELECT email FROM sign_in_actor('kept-hash')`.execute(instance.db);
      expect(actor.rows).toEqual([{ email: 'in@before.test' }]);
    } finally {
      await instance.close();
      await adminQuery(source.serverUrl, `DROP DATABASE ${name} WITH (FORCE)`);
    }
  });

  it.runIf(inject('testDatabase').kind === 'postgres')('migrates once when several instances start at once', async () => {
    const source = inject('testDatabase');
    if (source.kind !== 'postgres') return;
    const name = `carebeam_mig_${source.runId}`;
    await adminQuery(source.serverUrl, `CREATE DATABASE ${name}`);
    const instances = await Promise.all(
      [1, 2, 3].map(() => openDatabase({ kind: 'postgres', url: databaseUrl(source.serverUrl, name), poolSize: 2 })),
    );
    try {
      const applied = await Promise.all(instances.map((instance) => migrateToLatest(instance.db)));
      expect(applied.flat().sort()).toEqual(Object.keys(migrations));
    } finally {
      await Promise.all(instances.map((instance) => instance.close()));
      await adminQuery(source.serverUrl, `DROP DATABASE ${name} WITH (FORCE)`);
    }
  });
});
