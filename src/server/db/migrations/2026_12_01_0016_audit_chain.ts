import { type Kysely, sql } from 'kysely';
import { type ChainedFields, GENESIS_HASH, rowHash } from '../../modules/audit/chain';

// Tamper evidence for the audit trail (issue 18): each organization's rows form a hash chain
// (`seq`, `prev_hash`, `hash`), and a head row per organization, locked and updated by every
// append, serializes appends from several app instances so the chain never forks. The hash is
// computed in JavaScript (modules/audit/chain.ts) for rows written by either database.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE audit_chain_heads (
      organization_id uuid PRIMARY KEY REFERENCES organizations (id),
      seq bigint NOT NULL CHECK (seq >= 0),
      hash text NOT NULL
    )`.execute(db);
  await sql`ALTER TABLE audit_events ADD COLUMN seq bigint, ADD COLUMN prev_hash text, ADD COLUMN hash text`.execute(db);

  // Chain the rows written before this migration, in id order per organization. The append-only
  // trigger is lifted for this one backfill, by the owner, inside the migration's transaction.
  await sql`ALTER TABLE audit_events DISABLE TRIGGER audit_events_append_only`.execute(db);
  const rows = (await db.selectFrom('audit_events').selectAll().orderBy('organization_id').orderBy('id').execute()) as (ChainedFields & { id: number })[];
  const heads = new Map<string, { seq: number; hash: string }>();
  for (const row of rows) {
    const head = heads.get(row.organization_id) ?? { seq: 0, hash: GENESIS_HASH };
    const seq = head.seq + 1;
    const hash = rowHash({ ...row, seq }, head.hash);
    await db.updateTable('audit_events').set({ seq, prev_hash: head.hash, hash }).where('id', '=', row.id).execute();
    heads.set(row.organization_id, { seq, hash });
  }
  for (const [organizationId, head] of heads) {
    await db.insertInto('audit_chain_heads').values({ organization_id: organizationId, seq: head.seq, hash: head.hash }).execute();
  }
  await sql`ALTER TABLE audit_events ENABLE TRIGGER audit_events_append_only`.execute(db);

  await sql`
    ALTER TABLE audit_events
      ALTER COLUMN seq SET NOT NULL,
      ALTER COLUMN prev_hash SET NOT NULL,
      ALTER COLUMN hash SET NOT NULL,
      ADD CONSTRAINT audit_events_chain_seq UNIQUE (organization_id, seq)`.execute(db);
}
