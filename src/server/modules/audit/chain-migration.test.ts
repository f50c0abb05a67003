import { Migrator, sql } from 'kysely';
import { describe, expect, inject, it } from 'vitest';
import { type DatabaseHandle, IN_MEMORY, openDatabase, openPglite, pgliteDatabase } from '../../db/connect';
import { migrateToLatest } from '../../db/migrate';
import { migrations } from '../../db/migrations/index';
import { adminQuery, databaseUrl } from '../../testing/databases';
import { recordAudit, verifyAuditChain } from './index';

/** An empty database of the kind the run tests (PostgreSQL: a new one, dropped after). */
async function emptyDatabase(): Promise<{ database: DatabaseHandle; drop: () => Promise<void> }> {
  const source = inject('testDatabase');
  if (source.kind !== 'postgres') {
    const database = pgliteDatabase(await openPglite({ dataDir: IN_MEMORY }));
    return { database, drop: () => database.close() };
  }
  const name = `carebeam_chain_${source.runId}`;
  await adminQuery(source.serverUrl, `CREATE DATABASE ${name}`);
  const database = await openDatabase({ kind: 'postgres', url: databaseUrl(source.serverUrl, name), poolSize: 1 });
  return {
    database,
    drop: async () => {
      await database.close();
      await adminQuery(source.serverUrl, `DROP DATABASE ${name} WITH (FORCE)`);
    },
  };
}

describe('migration 0016', () => {
  it('chains the rows written before it, in id order per organization, and later appends follow on', async () => {
    const { database, drop } = await emptyDatabase();
    const db = database.db;
    try {
      const before = await new Migrator({ db, provider: { getMigrations: async () => migrations } }).migrateTo('2026_12_01_0015_audit_subjects');
      expect(before.error).toBeUndefined();
      const organizations = await sql<{ id: string }>`INSERT INTO organizations (name, time_zone) VALUES ('A', 'UTC'), ('B', 'UTC') RETURNING id`.execute(db);
      const [a, b] = organizations.rows.map((r) => r.id) as [string, string];
      // Interleaved across the two organizations, with jsonb data whose key order jsonb changes.
      await sql`
        INSERT INTO audit_events (organization_id, actor_user_id, action, entity_type, entity_id, at, data, participant_ids)
        VALUES (${a}, NULL, 'x.one', 'x', '1', '2026-01-01T10:00:00.123Z', '{"zeta": 1, "a": {"y": 2, "b": [1, "é"]}}', '{}'),
               (${b}, NULL, 'x.one', 'x', '2', '2026-01-01T10:00:01Z', '{}', ARRAY[gen_random_uuid()]),
               (${a}, NULL, 'x.two', 'x', '3', '2026-01-01T10:00:02Z', '{"k": null}', '{}')`.execute(db);

      expect(await migrateToLatest(db)).toContain('2026_12_01_0016_audit_chain');
      const chained = await db.selectFrom('audit_events').select(['organization_id', 'entity_id', 'seq']).orderBy('id').execute();
      expect(chained.map((r) => [r.organization_id === a ? 'a' : 'b', r.entity_id, r.seq])).toEqual([
        ['a', '1', 1],
        ['b', '2', 1],
        ['a', '3', 2],
      ]);
      expect(await verifyAuditChain(db, a)).toEqual({ intact: true, rows: 2, firstBroken: null });
      expect(await verifyAuditChain(db, b)).toEqual({ intact: true, rows: 1, firstBroken: null });

      await recordAudit(db, { organizationId: a, actorUserId: null, action: 'x.three', entityType: 'x', entityId: '4', at: new Date() });
      expect(await verifyAuditChain(db, a)).toEqual({ intact: true, rows: 3, firstBroken: null });
      // The append-only trigger is back after the backfill.
      await expect(db.updateTable('audit_events').set({ action: 'x.rewritten' }).where('organization_id', '=', a).execute()).rejects.toThrow(/append-only/);
    } finally {
      await drop();
    }
  });
});
