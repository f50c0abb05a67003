import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/schema';
import { recordAudit, verifyAuditChain } from '../modules/audit';
import { createOrganization } from '../testing/factories';
import { startTestApp, type TestApp } from '../testing/harness';
import { auditVerify, parseAuditVerifyArgs } from './audit-verify';
import { CommandError, UsageError } from './command';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

/** Runs the command as the CLI does (errors become exit codes 2 and 1), on the test database. */
async function run(args: string[]) {
  try {
    const lines = await auditVerify(parseAuditVerifyArgs(args), { db: t.db, clock: t.clock });
    return { exit: 0, out: lines.join('\n'), err: '' };
  } catch (error) {
    if (error instanceof UsageError) return { exit: 2, out: '', err: error.message };
    if (error instanceof CommandError) return { exit: 1, out: '', err: error.message };
    throw error;
  }
}

/** An organization with `count` audit rows; answers its id and the rows' ids in chain order. */
async function organizationWithRows(count: number) {
  const organization = await createOrganization(t.db);
  for (let i = 0; i < count; i++) {
    await recordAudit(t.db, { organizationId: organization.id, actorUserId: null, action: 'test.done', entityType: 'test', entityId: String(i), at: t.clock.now(), data: { i, nested: { b: 1, a: [1, 'x'] } } });
  }
  const rows = await t.db.selectFrom('audit_events').select(['id', 'seq']).where('organization_id', '=', organization.id).orderBy('seq').execute();
  return { id: organization.id, name: organization.name, rows };
}

/** What someone with the database owner's rights could do: lift the append-only trigger and edit. */
async function asOwner(db: Kysely<Database>, change: (db: Kysely<Database>) => Promise<unknown>) {
  await sql`ALTER TABLE audit_events DISABLE TRIGGER audit_events_append_only`.execute(db);
  try {
    await change(db);
  } finally {
    await sql`ALTER TABLE audit_events ENABLE TRIGGER audit_events_append_only`.execute(db);
  }
}

describe('carebeam audit verify', () => {
  it('exits 0 and says how many rows it checked when the chain is intact', async () => {
    const organization = await organizationWithRows(5);
    const result = await run(['--organization', organization.id]);
    expect(result).toMatchObject({ exit: 0, err: '' });
    expect(result.out).toContain('intact, 5 row(s)');
    expect(result.out).toContain('Audit chain intact: 5 row(s) checked in 1 organization(s).');
    expect(await verifyAuditChain(t.db, organization.id)).toEqual({ intact: true, rows: 5, firstBroken: null });
    // By name too, and across every organization.
    expect((await run(['--organization', organization.name])).exit).toBe(0);
    expect((await run([])).exit).toBe(0);
  });

  it('names a row changed in the database after it was written', async () => {
    const organization = await organizationWithRows(4);
    const tampered = organization.rows[2]!;
    await asOwner(t.db, (db) => db.updateTable('audit_events').set({ action: 'test.rewritten' }).where('id', '=', tampered.id).execute());
    const result = await run(['--organization', organization.id]);
    expect(result.exit).toBe(1);
    expect(result.err).toContain(`BROKEN at seq 3 (row id ${tampered.id})`);
    expect(result.err).toContain('do not match its hash');
    expect(await verifyAuditChain(t.db, organization.id)).toEqual({ intact: false, rows: 2, firstBroken: { id: String(tampered.id), seq: 3, reason: expect.stringContaining('hash') } });
    // Every organization is checked, and the broken one makes the whole run fail.
    expect((await run([])).exit).toBe(1);
  });

  it('names the gap a deleted row leaves', async () => {
    const organization = await organizationWithRows(4);
    await asOwner(t.db, (db) => db.deleteFrom('audit_events').where('id', '=', organization.rows[1]!.id).execute());
    const result = await run(['--organization', organization.id]);
    expect(result.exit).toBe(1);
    expect(result.err).toContain(`BROKEN at seq 3 (row id ${organization.rows[2]!.id})`);
    expect(result.err).toContain('expected seq 2, found 3');
  });

  it('names the missing end when the last rows are deleted (the head remembers them)', async () => {
    const organization = await organizationWithRows(3);
    await asOwner(t.db, (db) => db.deleteFrom('audit_events').where('id', '=', organization.rows[2]!.id).execute());
    const report = await verifyAuditChain(t.db, organization.id);
    expect(report).toMatchObject({ intact: false, rows: 2, firstBroken: { seq: 3, reason: expect.stringContaining('missing') } });
    expect((await run(['--organization', organization.id])).exit).toBe(1);
  });

  it('names bad arguments (exit 2) and an unknown organization (exit 1)', async () => {
    expect((await run(['--organization'])).exit).toBe(2);
    expect((await run(['--bogus'])).exit).toBe(2);
    await expect(run(['--organization', 'No Such Clinic Anywhere'])).rejects.toThrow(/Organization/);
  });
});
