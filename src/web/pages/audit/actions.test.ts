import { describe, expect, it } from 'vitest';
import { HISTORY_KINDS } from '../../../shared/history';
import { ACTION_WORDS } from './actions';

describe('ACTION_WORDS', () => {
  it('has words for every kind of session history, each recorded in the audit trail as session.<kind>', () => {
    expect(HISTORY_KINDS.filter((kind) => !ACTION_WORDS[`session.${kind}`])).toEqual([]);
  });
});
