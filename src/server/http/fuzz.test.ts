import { Writable } from 'node:stream';
import type { OpenAPIV3_1 } from 'openapi-types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createService, setWorkHours } from '../testing/catalog-factories';
import { inputMaker, NASTY_TEXT, type Random, seededRandom } from '../testing/fuzz-inputs';
import { type SignedIn, startTestApp, type TestApp } from '../testing/harness';

// Every route of the OpenAPI document (generated from the routes' zod schemas), each sent
// CASES_PER_ROUTE malformed or boundary inputs as an administrator and as no one: never a 5xx,
// and every 4xx is problem+json. Seeded per route: a finding names its seed and reproduces.
const CASES_PER_ROUTE = 20;
const SEED = 17;

let t: TestApp;
let admin: SignedIn;
let document: OpenAPIV3_1.Document;
/** The message of the last error the app logged: a 5xx finding says what failed. */
let lastError = '';
const errorLog = new Writable({
  write(chunk: Buffer, _encoding, done) {
    for (const line of chunk.toString().split('\n').filter(Boolean)) {
      const entry = JSON.parse(line) as { level: number; err?: { type?: string; message?: string } };
      if (entry.level >= 50 && entry.err) lastError = `${entry.err.type ?? 'Error'}: ${entry.err.message ?? ''}`;
    }
    done();
  },
});
/** Real ids, sometimes put in the path, so the input reaches the checks behind the lookup. */
const realIds: Record<string, string> = {};

beforeAll(async () => {
  t = await startTestApp({ logStream: errorLog });
  admin = await t.staff(['admin', 'dispatcher', 'provider']);
  const everyDay = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: '00:00', end: '24:00' }));
  await setWorkHours(t.db, admin.organizationId, admin.id, { timeZone: 'UTC', weekly: everyDay, overrides: [] });
  const service = await createService(t.db, admin.organizationId, { durationMinutes: 30 });
  const booked = await t.request({
    method: 'POST',
    url: '/api/sessions',
    cookie: admin.cookie,
    body: { serviceId: service.id, sessionTypeId: service.sessionTypeIds[0], start: '2026-03-03T10:00:00Z', participants: [{ name: 'Pat', timeZone: 'UTC', invitationType: 'none' }] },
  });
  expect(booked.status).toBe(201);
  realIds.session = booked.body.id;
  realIds.participant = booked.body.participants[0].id;
  realIds.service = service.id;
  document = t.app.swagger() as OpenAPIV3_1.Document;
});
afterAll(() => t.close());

interface Operation {
  method: string;
  path: string;
  operation: OpenAPIV3_1.OperationObject;
}

const operations = (): Operation[] =>
  Object.entries(document.paths ?? {}).flatMap(([path, item]) =>
    Object.entries(item ?? {}).map(([method, operation]) => ({ method: method.toUpperCase(), path, operation: operation as OpenAPIV3_1.OperationObject })),
  );

/** A real id for a path parameter where one fits. */
function realIdFor(path: string, name: string): string | undefined {
  if (name === 'participantId') return realIds.participant;
  if (name === 'id' && path.startsWith('/api/sessions/')) return realIds.session;
  if (name === 'id' && path.startsWith('/api/services/')) return realIds.service;
  return undefined;
}

const textOf = (value: unknown) => encodeURIComponent(typeof value === 'string' ? value : JSON.stringify(value));

function requestFor({ method, path, operation }: Operation, random: Random) {
  const make = inputMaker(document, random);
  const parameters = (operation.parameters ?? []) as OpenAPIV3_1.ParameterObject[];
  let url = path;
  const query: string[] = [];
  const headers: Record<string, string> = {};
  for (const parameter of parameters) {
    const schema = (parameter.schema ?? {}) as OpenAPIV3_1.SchemaObject;
    if (parameter.in === 'path') {
      const real = realIdFor(path, parameter.name);
      const value = real && random.chance(0.5) ? real : random.chance(0.3) ? textOf(make.plausible(schema)) : random.pick(NASTY_TEXT);
      url = url.replace(`{${parameter.name}}`, value);
    } else if (parameter.in === 'query' && !random.chance(0.3)) {
      query.push(`${parameter.name}=${random.chance(0.3) ? textOf(make.plausible(schema)) : random.pick(NASTY_TEXT)}`);
    } else if (parameter.in === 'header' && random.chance(0.6)) {
      headers[parameter.name] = random.pick(['', ' ', 'x'.repeat(5_000), 'key-1', '\u00e9t\u00e9']);
    }
  }
  if (random.chance(0.15)) query.push(`unknown=${random.pick(NASTY_TEXT)}`);
  if (query.length > 0) url += `?${query.join('&')}`;

  const content = (operation.requestBody as OpenAPIV3_1.RequestBodyObject | undefined)?.content ?? {};
  const jsonSchema = content['application/json']?.schema as OpenAPIV3_1.SchemaObject | undefined;
  let payload: string | undefined;
  const roll = random.next();
  if (content['multipart/form-data'] && roll < 0.5) {
    headers['content-type'] = random.pick(['multipart/form-data', 'multipart/form-data; boundary=x']);
    payload = random.pick(['', '--x\r\nContent-Disposition: form-data; name="file"; filename="a\u0000.pdf"\r\n\r\n%PDF', 'garbage']);
  } else if (roll < 0.75 && (jsonSchema || method !== 'GET')) {
    headers['content-type'] = 'application/json';
    payload = JSON.stringify(jsonSchema ? make.hostile(jsonSchema) : make.hostile({ type: 'object', properties: { a: { type: 'string' } } }));
  } else if (roll < 0.9 && method !== 'GET') {
    headers['content-type'] = random.pick(['application/json', 'text/plain', 'application/x-www-form-urlencoded']);
    payload = random.pick(['', '{"a":', '\u0000', 'null', '[]', '{"__proto__":{"polluted":1}}']);
  }
  return { method: method as 'GET', url, headers, payload };
}

describe('fuzzing every route of the OpenAPI document', () => {
  it(`answers ${CASES_PER_ROUTE} hostile inputs per route, as an administrator and as no one, with no 5xx and problem+json 4xx`, async () => {
    const findings: string[] = [];
    let requests = 0;
    const started = performance.now();
    for (const [index, operation] of operations().entries()) {
      // The administrator stays signed in: signing out would leave the rest to test as no one.
      const actors = operation.path === '/api/auth/logout' ? [undefined] : [admin.cookie, undefined];
      const random = seededRandom(SEED * 1_000 + index);
      for (let n = 0; n < CASES_PER_ROUTE; n++) {
        const request = requestFor(operation, random);
        for (const cookie of actors) {
          const response = await t.app.inject({ ...request, headers: { ...request.headers, ...(cookie ? { cookie } : {}) } });
          requests++;
          const type = String(response.headers['content-type']);
          const bad = response.statusCode >= 500 || (response.statusCode >= 400 && !type.startsWith('application/problem+json'));
          if (bad) {
            const who = cookie ? 'admin' : 'anonymous';
            const why = response.statusCode >= 500 ? lastError : response.body.slice(0, 200);
            findings.push(`${response.statusCode} ${request.method} ${request.url.slice(0, 160)} as ${who} (seed ${SEED * 1_000 + index}, case ${n}): ${why.slice(0, 300)}`);
          }
        }
      }
    }
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.log(`fuzz: ${operations().length} routes, ${requests} requests in ${seconds} s, ${findings.length} findings`);
    expect(findings).toEqual([]);
    // Not a speed assertion: a loaded 2-core machine needs more than the default 30 s (about 20 s idle).
  }, 120_000);
});
