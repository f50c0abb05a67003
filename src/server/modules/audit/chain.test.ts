import { describe, expect, it } from 'vitest';
import { canonicalRow, canonicalRowAround, type ChainedFields } from './chain';

const row: Omit<ChainedFields, 'seq'> = {
  organization_id: '6F9619FF-8B86-D011-B42D-00CF4FC964FF',
  at: new Date('2026-03-08T07:30:00.123Z'),
  actor_kind: 'user',
  actor_user_id: null,
  actor_participant_id: null,
  action: 'session.created',
  entity_type: 'session',
  entity_id: 'a',
  participant_ids: ['6F9619FF-8B86-D011-B42D-00CF4FC964FE'],
  session_id: null,
  outcome: 'success',
  address: null,
  // Text that looks like the marks, quotes and non-ASCII must not move the cut.
  data: { note: 'seq\u0000 prev\u0000 "ünïcode" ✓', nested: { b: 1, a: [2, 'x'] } },
};

describe('canonicalRowAround', () => {
  it('cuts the canonical row exactly where the seq and the previous hash go', () => {
    const prevHash = 'f'.repeat(64);
    const { beforeSeq, betweenSeqAndPrevHash, end } = canonicalRowAround(row);
    expect(beforeSeq + '41' + betweenSeqAndPrevHash + prevHash + end).toBe(canonicalRow({ ...row, seq: 41 }, prevHash));
  });
});
