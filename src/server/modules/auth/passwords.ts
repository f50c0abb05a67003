import { hash, verify } from '@node-rs/argon2';

// @node-rs/argon2 defaults to Argon2id with the OWASP parameters (19 MiB, 2 passes).
export const hashPassword = (password: string) => hash(password);

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

let decoyHash: Promise<string> | undefined;

/** Spends the same time as a real check, so response time does not reveal unknown emails. */
export async function verifyAgainstDecoy(password: string): Promise<false> {
  decoyHash ??= hash('carebeam-decoy-password');
  await verifyPassword(await decoyHash, password);
  return false;
}
