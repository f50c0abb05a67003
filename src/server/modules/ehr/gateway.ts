import type { Kysely } from 'kysely';
import type { Clock } from '../../clock';
import type { Database } from '../../db/schema';
import * as repo from './connection-repo';
import { decryptPrivateKey } from './keys';
import { type AccessToken, discoverTokenUrl, type EhrClientConfig, EhrError, fhirRequest, requestToken } from './smart-client';

export interface EhrGatewayDeps {
  db: Kysely<Database>;
  clock: Clock;
  /** EHR_KEY_SECRET; null: no key can be opened, so nothing can be sent. */
  keySecret: string | null;
  /** Each request to the EHR gives up after this long. */
  timeoutMs: number;
}

/** Tokens are used until a minute before they expire. */
const TOKEN_MARGIN_MS = 60_000;

/**
 * An organization's way into its EHR: the connection's settings with its key opened, a token
 * kept until shortly before it expires, and one fresh token when the EHR answers 401.
 */
export function createEhrGateway(deps: EhrGatewayDeps) {
  const { db, clock } = deps;
  const tokens = new Map<string, AccessToken>();

  async function open(organizationId: string): Promise<{ connection: repo.ConnectionRow; config: EhrClientConfig; tokenUrl: string }> {
    const connection = await repo.findConnection(db, organizationId);
    const key = await repo.currentKey(db, organizationId);
    if (!connection || !key) throw new EhrError('No EHR connection is set up', false);
    if (!deps.keySecret) throw new EhrError('EHR_KEY_SECRET is not set: the signing key cannot be opened', false);
    let privatePem: string;
    try {
      privatePem = decryptPrivateKey(deps.keySecret, key.private_key, { organizationId, kid: key.kid });
    } catch {
      throw new EhrError('The signing key cannot be opened with this EHR_KEY_SECRET: generate a new key', false);
    }
    const config: EhrClientConfig = {
      baseUrl: connection.fhir_base_url,
      clientId: connection.client_id,
      scopes: connection.scopes,
      key: { kid: key.kid, algorithm: key.algorithm, privatePem },
      timeoutMs: deps.timeoutMs,
    };
    let tokenUrl = connection.token_url;
    if (!tokenUrl) {
      tokenUrl = await discoverTokenUrl(connection.fhir_base_url, deps.timeoutMs);
      await repo.rememberTokenUrl(db, organizationId, tokenUrl);
    }
    return { connection, config, tokenUrl };
  }

  const tokenKey = (organizationId: string, config: EhrClientConfig, tokenUrl: string) => [organizationId, config.key.kid, config.clientId, config.scopes, tokenUrl].join('\n');

  async function token(organizationId: string, config: EhrClientConfig, tokenUrl: string, fresh: boolean): Promise<string> {
    const key = tokenKey(organizationId, config, tokenUrl);
    const kept = tokens.get(key);
    if (!fresh && kept && kept.expiresAt.getTime() - TOKEN_MARGIN_MS > clock.now().getTime()) return kept.value;
    const obtained = await requestToken(config, tokenUrl, clock.now());
    tokens.set(key, obtained);
    return obtained.value;
  }

  return {
    /** The connection's name, for what is said about a send. */
    async name(organizationId: string): Promise<string> {
      return (await repo.findConnection(db, organizationId))?.name ?? 'the EHR';
    },

    /** A FHIR request to the organization's EHR; on 401 it gets a new token and tries once more. */
    async request(organizationId: string, request: { method: 'GET' | 'POST'; path: string; body?: unknown }): Promise<unknown> {
      const { config, tokenUrl } = await open(organizationId);
      try {
        return await fhirRequest(config, await token(organizationId, config, tokenUrl, false), request, clock.now());
      } catch (error) {
        if (!(error instanceof EhrError) || error.status !== 401) throw error;
        return fhirRequest(config, await token(organizationId, config, tokenUrl, true), request, clock.now());
      }
    },

    /**
     * "Test connection": discovers the token endpoint again, gets a new token and reads the
     * server's CapabilityStatement. Returns what to show; records nothing itself.
     */
    async check(organizationId: string): Promise<{ ok: boolean; detail: string; tokenUrl: string | null }> {
      let tokenUrl: string | null = null;
      try {
        const connection = await repo.findConnection(db, organizationId);
        if (!connection) throw new EhrError('No EHR connection is set up', false);
        tokenUrl = await discoverTokenUrl(connection.fhir_base_url, deps.timeoutMs);
        await repo.rememberTokenUrl(db, organizationId, tokenUrl);
        const { config } = await open(organizationId);
        const metadata = (await fhirRequest(config, await token(organizationId, config, tokenUrl, true), { method: 'GET', path: '/metadata' }, clock.now())) as {
          resourceType?: string;
          fhirVersion?: string;
          software?: { name?: string; version?: string };
        } | null;
        if (metadata?.resourceType !== 'CapabilityStatement') throw new EhrError('GET /metadata did not answer with a CapabilityStatement', false);
        const software = [metadata.software?.name, metadata.software?.version].filter(Boolean).join(' ');
        return { ok: true, detail: `${software || 'A FHIR server'}, FHIR ${metadata.fhirVersion ?? 'version not stated'}`, tokenUrl };
      } catch (error) {
        if (!(error instanceof EhrError)) throw error;
        return { ok: false, detail: error.message, tokenUrl };
      }
    },
  };
}

export type EhrGateway = ReturnType<typeof createEhrGateway>;
