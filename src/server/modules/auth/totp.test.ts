import { describe, expect, it } from 'vitest';
import { base32Decode, base32Encode, hotp, matchTotp, newTotpSecret, otpauthUri, timeStep, totpAt } from './totp';

// RFC 6238 Appendix B: the seeds are the ASCII digits repeated to the hash's key length.
const SEED = { sha1: '12345678901234567890', sha256: '12345678901234567890123456789012', sha512: '1234567890123456789012345678901234567890123456789012345678901234' };
const VECTORS: [number, string, string, string][] = [
  [59, '94287082', '46119246', '90693936'],
  [1111111109, '07081804', '68084774', '25091201'],
  [1111111111, '14050471', '67062674', '99943326'],
  [1234567890, '89005924', '91819424', '93441116'],
  [2000000000, '69279037', '90698825', '38618901'],
  [20000000000, '65353130', '77737706', '47863826'],
];

describe('TOTP (RFC 6238)', () => {
  it.each(VECTORS)('matches the RFC test vectors at T=%i', (seconds, sha1, sha256, sha512) => {
    const step = timeStep(new Date(seconds * 1000));
    expect(hotp(Buffer.from(SEED.sha1), step, 8, 'sha1')).toBe(sha1);
    expect(hotp(Buffer.from(SEED.sha256), step, 8, 'sha256')).toBe(sha256);
    expect(hotp(Buffer.from(SEED.sha512), step, 8, 'sha512')).toBe(sha512);
  });

  it('gives the 6-digit code apps show for the RFC secret', () => {
    const secret = base32Encode(Buffer.from(SEED.sha1));
    expect(secret).toBe('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ');
    expect(totpAt(secret, new Date(59_000))).toBe('287082');
  });

  it('round-trips base32 and makes 160-bit secrets', () => {
    const secret = newTotpSecret();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(base32Decode(secret)).toHaveLength(20);
    expect(base32Encode(base32Decode(secret))).toBe(secret);
    expect(newTotpSecret()).not.toBe(secret);
  });

  const secret = newTotpSecret();
  const now = new Date();
  const codeAt = (offsetSeconds: number) => totpAt(secret, new Date(now.getTime() + offsetSeconds * 1000));

  it('accepts one step either side of now and nothing further', () => {
    const step = timeStep(now);
    expect(matchTotp(secret, codeAt(0), now, null)).toBe(step);
    expect(matchTotp(secret, codeAt(-30), now, null)).toBe(step - 1);
    expect(matchTotp(secret, codeAt(30), now, null)).toBe(step + 1);
    // Codes two steps away may collide with one in the window by chance (1 in a million).
    const far = [codeAt(-60), codeAt(60)].filter((code) => ![codeAt(-30), codeAt(0), codeAt(30)].includes(code));
    for (const code of far) expect(matchTotp(secret, code, now, null)).toBeNull();
  });

  it('refuses a step already used (replay) and anything not six digits', () => {
    const step = timeStep(now);
    expect(matchTotp(secret, codeAt(0), now, step)).toBeNull();
    expect(matchTotp(secret, codeAt(-30), now, step)).toBeNull();
    expect(matchTotp(secret, codeAt(30), now, step)).toBe(step + 1);
    expect(matchTotp(secret, '12345', now, null)).toBeNull();
    expect(matchTotp(secret, 'abcdef', now, null)).toBeNull();
    expect(matchTotp(secret, `${codeAt(0)}0`, now, null)).toBeNull();
  });

  it('writes the otpauth URI authenticator apps read', () => {
    expect(otpauthUri('ABC', 'ana+x@example.org')).toBe(
      'otpauth://totp/Carebeam:ana%2Bx%40example.org?secret=ABC&issuer=Carebeam&algorithm=SHA1&digits=6&period=30',
    );
  });
});
