import { isSafeEhrUrl } from '../../../shared/ehr';
import type { SigningAlgorithm } from '../../db/schema';
import { signAssertion } from './keys';

/**
 * Talking to an EHR: SMART discovery, Backend Services tokens (client_credentials with a signed
 * JWT assertion), and FHIR requests with a bearer token. Errors say whether trying again later may
 * help: network errors, timeouts, 408, 429 and 5xx may; other refusals would repeat.
 */

export class EhrError extends Error {
  override name = 'EhrError';
  constructor(
    message: string,
    readonly retryable: boolean,
    readonly status: number | null = null,
    /** The EHR's OperationOutcome, when it sent one. */
    readonly outcome: unknown = null,
    /** From a Retry-After header. */
    readonly retryAfterMs: number | null = null,
  ) {
    super(message);
  }
}

export interface EhrClientConfig {
  baseUrl: string;
  clientId: string;
  scopes: string;
  key: { kid: string; algorithm: SigningAlgorithm; privatePem: string };
  /** Every request gives up after this long (then counts as retryable). */
  timeoutMs: number;
}

const FHIR_JSON = 'application/fhir+json';

const retryableStatus = (status: number) => status === 408 || status === 429 || status >= 500;

function retryAfter(header: string | null, now: Date): number | null {
  if (!header) return null;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(header);
  return Number.isNaN(at) ? null : Math.max(0, at - now.getTime());
}

async function send(url: string, init: RequestInit, timeoutMs: number): Promise<Response> {
  try {
    return await fetch(url, { ...init, redirect: 'error', signal: AbortSignal.timeout(timeoutMs) });
  } catch (error) {
    const timedOut = error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
    throw new EhrError(timedOut ? `The EHR did not answer within ${timeoutMs / 1000} s` : 'The EHR could not be reached', true);
  }
}

async function jsonOf(response: Response): Promise<unknown> {
  const text = await response.text();
  try {
    return text ? JSON.parse(text) : null;
  } catch {
    return null;
  }
}

/** A short, log-safe sentence for an EHR's refusal: its status and the first issue's text. */
function refusal(what: string, status: number, body: unknown): string {
  const issue = (body as { issue?: { diagnostics?: string; details?: { text?: string } }[] } | null)?.issue?.[0];
  const text = issue?.details?.text ?? issue?.diagnostics ?? (body as { error_description?: string; error?: string } | null)?.error_description ?? (body as { error?: string } | null)?.error;
  return `${what} answered HTTP ${status}${text ? `: ${String(text).slice(0, 300)}` : ''}`;
}

/** The token endpoint, from `<base>/.well-known/smart-configuration`. */
export async function discoverTokenUrl(baseUrl: string, timeoutMs: number): Promise<string> {
  const response = await send(`${baseUrl}/.well-known/smart-configuration`, { headers: { accept: 'application/json' } }, timeoutMs);
  const body = (await jsonOf(response)) as { token_endpoint?: unknown } | null;
  if (!response.ok) throw new EhrError(refusal('The SMART configuration', response.status, body), retryableStatus(response.status), response.status);
  const tokenUrl = body?.token_endpoint;
  if (typeof tokenUrl !== 'string' || !isSafeEhrUrl(tokenUrl)) throw new EhrError('The EHR’s SMART configuration names no usable token_endpoint (https)', false);
  return tokenUrl;
}

export interface AccessToken {
  value: string;
  expiresAt: Date;
}

/** A token by SMART Backend Services: client_credentials with a freshly signed assertion. */
export async function requestToken(config: EhrClientConfig, tokenUrl: string, now: Date): Promise<AccessToken> {
  const assertion = await signAssertion(config.key, { clientId: config.clientId, tokenUrl, now });
  const form = new URLSearchParams({
    grant_type: 'client_credentials',
    scope: config.scopes,
    client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
    client_assertion: assertion,
  });
  const response = await send(tokenUrl, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' }, body: form }, config.timeoutMs);
  const body = (await jsonOf(response)) as { access_token?: unknown; expires_in?: unknown } | null;
  if (!response.ok) throw new EhrError(refusal('The token endpoint', response.status, body), retryableStatus(response.status), response.status, null, retryAfter(response.headers.get('retry-after'), now));
  if (typeof body?.access_token !== 'string') throw new EhrError('The token endpoint sent no access_token', false, response.status);
  const seconds = typeof body.expires_in === 'number' ? body.expires_in : 300;
  return { value: body.access_token, expiresAt: new Date(now.getTime() + seconds * 1000) };
}

/** One FHIR request with a bearer token; a refusal throws an EhrError carrying the OperationOutcome. */
export async function fhirRequest(config: EhrClientConfig, token: string, request: { method: 'GET' | 'POST'; path: string; body?: unknown }, now: Date): Promise<unknown> {
  const response = await send(
    `${config.baseUrl}${request.path}`,
    {
      method: request.method,
      headers: { authorization: `Bearer ${token}`, accept: FHIR_JSON, ...(request.body !== undefined ? { 'content-type': FHIR_JSON } : {}) },
      ...(request.body !== undefined ? { body: JSON.stringify(request.body) } : {}),
    },
    config.timeoutMs,
  );
  const body = await jsonOf(response);
  if (response.ok) return body;
  const outcome = (body as { resourceType?: string } | null)?.resourceType === 'OperationOutcome' ? body : null;
  throw new EhrError(refusal('The EHR', response.status, body), retryableStatus(response.status), response.status, outcome, retryAfter(response.headers.get('retry-after'), now));
}
