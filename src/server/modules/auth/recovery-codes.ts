import { randomBytes } from 'node:crypto';
import { base32Encode } from './totp';
import { hashToken } from './tokens';

export const RECOVERY_CODE_COUNT = 10;

/** Ten codes of 10 base32 characters (50 random bits each), shown as `ABCDE-FGHIJ`. */
export const newRecoveryCodes = () =>
  Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    const text = base32Encode(randomBytes(7)).slice(0, 10);
    return `${text.slice(0, 5)}-${text.slice(5)}`;
  });

/** Codes are compared without case, spaces or dashes, so a code typed from paper still counts. */
export const hashRecoveryCode = (code: string) => hashToken(code.replace(/[\s-]/g, '').toUpperCase());
