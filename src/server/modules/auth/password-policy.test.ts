import { describe, expect, it } from 'vitest';
import { isGuessable, requireStrongPassword } from './password-policy';

describe('isGuessable', () => {
  it.each(['password1234', 'PASSWORD1234', '!!password!!', 'monkeymonkey', 'iloveyou2026', '123456789012', 'qwertyuiopas', 'aaaaaaaaaaaa', 'abababababab'])(
    'refuses %s',
    (password) => expect(isGuessable(password)).toBe(true),
  );

  it.each(['correct horse battery staple', 'tulip-otter-granite', 'Monkey wrench 42 ways'])('accepts %s', (password) =>
    expect(isGuessable(password)).toBe(false),
  );
});

describe('requireStrongPassword', () => {
  it('names the field it refuses', () => {
    expect(() => requireStrongPassword('sunshine2020!', 'newPassword')).toThrow(
      expect.objectContaining({ code: 'invalid_request', details: { errors: [expect.objectContaining({ path: 'newPassword' })] } }),
    );
  });
});
