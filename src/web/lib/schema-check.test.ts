import { describe, expect, it } from 'vitest';
import { personNameSchema } from '../../shared/users';
import { checkWith } from './schema-check';

describe('checkWith', () => {
  const checkName = checkWith(personNameSchema);

  it('answers null for what the server accepts and the server’s message for what it refuses', () => {
    expect(checkName('Ana Alvarez')).toBeNull();
    expect(checkName('   ')).toBe('Enter a name');
    expect(checkName('A'.repeat(400))).toBe('Use at most 200 characters');
    expect(checkName('A'.repeat(200))).toBeNull();
  });
});
