import { createHash } from 'node:crypto';

/** The `prev_hash` of an organization's first row. */
export const GENESIS_HASH = '0'.repeat(64);

/** The fields of an audit row that its hash covers (everything but the surrogate `id`). */
export interface ChainedFields {
  organization_id: string;
  seq: number | string;
  at: Date;
  actor_kind: string;
  actor_user_id: string | null;
  actor_participant_id: string | null;
  action: string;
  entity_type: string;
  entity_id: string | null;
  participant_ids: readonly string[];
  session_id: string | null;
  outcome: string;
  address: string | null;
  data: unknown;
}

/** JSON with object keys sorted at every depth, so jsonb's own key order does not matter. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value);
}

const uuid = (id: string | null) => (id === null ? null : id.toLowerCase());

/**
 * The row's canonical form: a JSON array in a fixed order, timestamps as millisecond ISO strings,
 * uuids lower-case, `data` as it comes back from jsonb. The same bytes whichever database wrote it.
 */
export function canonicalRow(row: ChainedFields, prevHash: string): string {
  return canonicalJson([
    uuid(row.organization_id),
    String(row.seq),
    new Date(row.at).toISOString(),
    row.actor_kind,
    uuid(row.actor_user_id),
    uuid(row.actor_participant_id),
    row.action,
    row.entity_type,
    row.entity_id,
    row.participant_ids.map((id) => id.toLowerCase()),
    uuid(row.session_id),
    row.outcome,
    row.address,
    // What jsonb stores: undefined fields dropped, dates as strings.
    JSON.parse(JSON.stringify(row.data ?? {})),
    prevHash,
  ]);
}

export const rowHash = (row: ChainedFields, prevHash: string) => createHash('sha256').update(canonicalRow(row, prevHash)).digest('hex');

const SEQ_MARK = 'seq\u0000';
const PREV_MARK = 'prev\u0000';

/**
 * The canonical row cut where the chain head's values go, for hashing it in SQL while the head
 * moves: `canonicalRow(row, prevHash) === beforeSeq + seq + betweenSeqAndPrevHash + prevHash + end`.
 * The seq follows the organization id (a uuid) and the previous hash is the last element, so the
 * first and last marks are theirs whatever `data` holds.
 */
export function canonicalRowAround(row: Omit<ChainedFields, 'seq'>): { beforeSeq: string; betweenSeqAndPrevHash: string; end: string } {
  const marked = canonicalRow({ ...row, seq: SEQ_MARK }, PREV_MARK);
  const seqAt = marked.indexOf(JSON.stringify(SEQ_MARK).slice(1, -1));
  const prevAt = marked.lastIndexOf(JSON.stringify(PREV_MARK).slice(1, -1));
  return {
    beforeSeq: marked.slice(0, seqAt),
    betweenSeqAndPrevHash: marked.slice(seqAt + JSON.stringify(SEQ_MARK).length - 2, prevAt),
    end: marked.slice(prevAt + JSON.stringify(PREV_MARK).length - 2),
  };
}
