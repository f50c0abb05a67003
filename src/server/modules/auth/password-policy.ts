import { invalid } from '../../errors';
import { COMMON_PASSWORDS } from './common-passwords';

const COMMON = new Set(COMMON_PASSWORDS.split('\n').filter(Boolean));
const RUNS = ['12345678901234567890', '09876543210987654321', 'abcdefghijklmnopqrstuvwxyz', 'qwertyuiopasdfghjklzxcvbnm'];

/** "monkeymonkey" → "monkey": the word a password repeats, or the password itself. */
function repeatedUnit(text: string): string {
  for (let size = 1; size <= text.length / 2; size++) {
    if (text.length % size === 0 && text.slice(0, size).repeat(text.length / size) === text) return text.slice(0, size);
  }
  return text;
}

/**
 * Whether a password is one people guess first: a common password as it is, with digits or
 * symbols around it ("password1234!"), repeated ("monkeymonkey"), a keyboard or counting run,
 * or a few characters over and over. Length (≥ 12) is the schema's rule.
 */
export function isGuessable(password: string): boolean {
  const lower = password.toLowerCase();
  const core = lower.replace(/^[^a-z]+|[^a-z]+$/g, '');
  const candidates = [lower, core, repeatedUnit(lower), repeatedUnit(core)];
  if (candidates.some((candidate) => COMMON.has(candidate))) return true;
  if (RUNS.some((run) => run.includes(lower))) return true;
  return new Set(lower).size < 4;
}

/** The rule for every password a person sets or changes (the demo seed's fixed ones excepted). */
export function requireStrongPassword(password: string, path = 'password'): void {
  if (isGuessable(password)) {
    throw invalid([{ path, message: 'This password is too common or too easy to guess. Try a few unrelated words.' }]);
  }
}
