import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { GENESIS_HASH, rowHash } from './chain';

export interface AuditChainReport {
  intact: boolean;
  rows: number;
  firstBroken: { id: string; seq: number; reason: string } | null;
}

const PAGE = 1000;

/**
 * Walks an organization's audit chain from its first row, a page at a time: every row must follow
 * the previous one (seq + 1, its prev_hash), hash to its own hash, and the chain must end at the
 * head. Names the first row where that fails.
 */
export async function verifyAuditChain(db: Kysely<Database>, organizationId: string): Promise<AuditChainReport> {
  let expectedSeq = 1;
  let prevHash = GENESIS_HASH;
  let lastId = '';
  const broken = (id: string | number, seq: number, reason: string, rows: number): AuditChainReport => ({
    intact: false,
    rows,
    firstBroken: { id: String(id), seq, reason },
  });
  for (;;) {
    const page = await db
      .selectFrom('audit_events')
      .selectAll()
      .where('organization_id', '=', organizationId)
      .where('seq', '>=', expectedSeq)
      .orderBy('seq')
      .limit(PAGE)
      .execute();
    for (const row of page) {
      const checked = expectedSeq - 1;
      if (row.seq !== expectedSeq) return broken(row.id, row.seq, `missing row(s) before it: expected seq ${expectedSeq}, found ${row.seq}`, checked);
      if (row.prev_hash !== prevHash) return broken(row.id, row.seq, 'its prev_hash is not the previous row’s hash', checked);
      if (rowHash(row, row.prev_hash) !== row.hash) return broken(row.id, row.seq, 'its contents do not match its hash (changed after it was written)', checked);
      prevHash = row.hash;
      lastId = String(row.id);
      expectedSeq++;
    }
    if (page.length < PAGE) break;
  }
  const rows = expectedSeq - 1;
  const head = await db.selectFrom('audit_chain_heads').select(['seq', 'hash']).where('organization_id', '=', organizationId).executeTakeFirst();
  const headSeq = head?.seq ?? 0;
  if (headSeq !== rows) return broken(lastId, rows + 1, `the chain ends at seq ${rows} but its head is at ${headSeq}: the last row(s) are missing`, rows);
  if (head && head.hash !== prevHash) return broken(lastId, rows, 'the last row’s hash is not the one its head recorded', rows);
  return { intact: true, rows, firstBroken: null };
}
