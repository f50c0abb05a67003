import { createCipheriv, createDecipheriv, hkdfSync, randomBytes, randomUUID } from 'node:crypto';
import type { JWK } from 'jose';
import type { SigningAlgorithm } from '../../db/schema';

/**
 * Carebeam's signing keys for SMART Backend Services: a key pair per organization, the private
 * half encrypted at rest (AES-256-GCM under a key derived from EHR_KEY_SECRET, bound to its
 * organization and kid), the public half published in the JWKS.
 */

const FORMAT = 'v1';

function encryptionKey(secret: string): Buffer {
  return Buffer.from(hkdfSync('sha256', secret, 'carebeam-ehr-keys', FORMAT, 32));
}

export function encryptPrivateKey(secret: string, pem: string, boundTo: { organizationId: string; kid: string }): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', encryptionKey(secret), iv);
  cipher.setAAD(Buffer.from(`${boundTo.organizationId}:${boundTo.kid}`));
  const sealed = Buffer.concat([cipher.update(pem, 'utf8'), cipher.final()]);
  return [FORMAT, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), sealed.toString('base64url')].join('.');
}

/** Throws when the secret is not the one it was sealed with, or the row was moved to another organization or kid. */
export function decryptPrivateKey(secret: string, sealed: string, boundTo: { organizationId: string; kid: string }): string {
  const [format, iv, tag, data] = sealed.split('.');
  if (format !== FORMAT || !iv || !tag || !data) throw new Error('not an encrypted EHR key');
  const decipher = createDecipheriv('aes-256-gcm', encryptionKey(secret), Buffer.from(iv, 'base64url'));
  decipher.setAAD(Buffer.from(`${boundTo.organizationId}:${boundTo.kid}`));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8');
}

export interface NewKey {
  kid: string;
  algorithm: SigningAlgorithm;
  publicJwk: JWK;
  privatePem: string;
}

export async function newSigningKey(algorithm: SigningAlgorithm): Promise<NewKey> {
  // jose is loaded on first use, not at start.
  const { exportJWK, exportPKCS8, generateKeyPair } = await import('jose');
  const { publicKey, privateKey } = await generateKeyPair(algorithm, { extractable: true });
  const kid = randomUUID();
  const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: algorithm, use: 'sig' };
  return { kid, algorithm, publicJwk, privatePem: await exportPKCS8(privateKey) };
}

/** How long an assertion is good for: SMART asks for at most five minutes. */
const ASSERTION_SECONDS = 240;

/**
 * The client assertion of a SMART Backend Services token request: iss = sub = the client id,
 * aud = the token URL, a unique jti, expiring within five minutes.
 */
export async function signAssertion(key: { kid: string; algorithm: SigningAlgorithm; privatePem: string }, claims: { clientId: string; tokenUrl: string; now: Date }): Promise<string> {
  const { importPKCS8, SignJWT } = await import('jose');
  const privateKey = await importPKCS8(key.privatePem, key.algorithm);
  const issuedAt = Math.floor(claims.now.getTime() / 1000);
  return new SignJWT({})
    .setProtectedHeader({ alg: key.algorithm, kid: key.kid, typ: 'JWT' })
    .setIssuer(claims.clientId)
    .setSubject(claims.clientId)
    .setAudience(claims.tokenUrl)
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + ASSERTION_SECONDS)
    .setJti(randomUUID())
    .sign(privateKey);
}
