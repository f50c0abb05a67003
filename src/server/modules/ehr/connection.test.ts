import { SignJWT, importPKCS8 } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FhirTestServer, startFhirServer } from '../../testing/fhir-server';
import { startTestApp, type SignedIn, type TestApp } from '../../testing/harness';
import { decryptPrivateKey } from './keys';

let t: TestApp;
let fhir: FhirTestServer;
let admin: SignedIn;
let provider: SignedIn;
const SECRET = 'test secret that encrypts EHR signing keys at rest';

beforeAll(async () => {
  t = await startTestApp();
  fhir = await startFhirServer({ clock: t.clock, jwks: async () => (await t.request({ url: '/.well-known/jwks.json' })).body });
  admin = await t.staff(['admin']);
  provider = await t.staff(['provider'], admin.organizationId);
});
afterAll(async () => {
  await fhir.close();
  await t.close();
});

const settings = (overrides: Record<string, unknown> = {}) => ({ name: 'Riverside EHR', fhirBaseUrl: `${fhir.baseUrl}/`, clientId: fhir.clientId, scopes: 'system/*.rs system/*.c', ...overrides });
const save = (body: Record<string, unknown>, cookie = admin.cookie) => t.request({ method: 'PUT', url: '/api/ehr/connection', cookie, body });

describe('the EHR connection', () => {
  it('says there is none until an administrator sets one up', async () => {
    const status = await t.request({ url: '/api/ehr/status', cookie: provider.cookie });
    expect(status.body).toEqual({ connected: false, name: null, lastCheckedAt: null, lastCheckOk: null, lastCheckDetail: null, autoSend: false });
    expect((await t.request({ url: '/api/ehr/connection', cookie: provider.cookie })).status).toBe(403);
    expect((await save(settings(), provider.cookie)).status).toBe(403);
  });

  it('refuses an address patient data should not travel to', async () => {
    for (const fhirBaseUrl of ['http://ehr.example/fhir', 'ftp://ehr.example', 'https://ehr.example/fhir?x=1', 'not a url']) {
      const refused = await save(settings({ fhirBaseUrl }));
      expect(refused.status, fhirBaseUrl).toBe(400);
      expect(refused.body.errors[0].path).toBe('fhirBaseUrl');
    }
    expect(await t.db.selectFrom('ehr_connections').selectAll().execute()).toEqual([]);
  });

  it('makes an ES384 key pair: the private half encrypted at rest, the public half in the JWKS', async () => {
    const saved = await save(settings());
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ settings: { name: 'Riverside EHR', fhirBaseUrl: fhir.baseUrl, algorithm: 'ES384', autoSend: false, tokenUrl: null }, key: { algorithm: 'ES384' }, jwksUrl: 'http://localhost:3000/.well-known/jwks.json', keySecretConfigured: true });
    const kid = saved.body.key.kid as string;
    const row = await t.db.selectFrom('ehr_keys').selectAll().where('kid', '=', kid).executeTakeFirstOrThrow();
    expect(row.private_key).not.toContain('PRIVATE KEY');
    expect(decryptPrivateKey(SECRET, row.private_key, { organizationId: admin.organizationId, kid })).toContain('BEGIN PRIVATE KEY');
    // Bound to its organization: the sealed key does not open for another.
    expect(() => decryptPrivateKey(SECRET, row.private_key, { organizationId: provider.id, kid })).toThrow();
    expect(() => decryptPrivateKey('another secret of at least 32 characters!!', row.private_key, { organizationId: admin.organizationId, kid })).toThrow();

    const jwks = await t.request({ url: '/.well-known/jwks.json' });
    expect(jwks.status).toBe(200);
    const key = jwks.body.keys.find((k: { kid: string }) => k.kid === kid);
    expect(key).toMatchObject({ kty: 'EC', crv: 'P-384', alg: 'ES384', use: 'sig' });
    expect(key.d).toBeUndefined();
  });

  it('tests the connection: discovers the token endpoint, gets a token with a signed assertion, reads the metadata', async () => {
    const tested = await t.request({ method: 'POST', url: '/api/ehr/connection/test', cookie: admin.cookie });
    expect(tested.status).toBe(200);
    expect(tested.body).toMatchObject({ connected: true, name: 'Riverside EHR', lastCheckOk: true, lastCheckDetail: 'Medplum FHIR router 4.5.2, FHIR 4.0.1', lastCheckedAt: t.clock.now().toISOString() });
    expect(fhir.requests.map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual(['GET /fhir/.well-known/smart-configuration 200', 'POST /auth/token 200', 'GET /fhir/metadata 200']);
    expect((await t.request({ url: '/api/ehr/connection', cookie: admin.cookie })).body.settings.tokenUrl).toBe(fhir.tokenUrl);
    // Every staff member sees the result on the MedCart tab's status line.
    expect((await t.request({ url: '/api/ehr/status', cookie: provider.cookie })).body).toMatchObject({ connected: true, lastCheckOk: true });
  });

  it('reports a refused client as a failed check, and a change of server forgets the last check', async () => {
    expect((await save(settings({ clientId: 'someone-else' }))).status).toBe(200);
    expect((await t.request({ url: '/api/ehr/status', cookie: provider.cookie })).body).toMatchObject({ lastCheckOk: null, lastCheckedAt: null });
    const tested = await t.request({ method: 'POST', url: '/api/ehr/connection/test', cookie: admin.cookie });
    expect(tested.body.lastCheckOk).toBe(false);
    expect(tested.body.lastCheckDetail).toMatch(/^The token endpoint answered HTTP 401: /);
    expect((await save(settings())).status).toBe(200);
  });

  it('signs with RS384 when asked, under a new kid; the old key leaves the JWKS', async () => {
    const before = (await t.request({ url: '/api/ehr/connection', cookie: admin.cookie })).body.key.kid;
    const saved = await save(settings({ algorithm: 'RS384' }));
    expect(saved.body.key).toMatchObject({ algorithm: 'RS384' });
    expect(saved.body.key.kid).not.toBe(before);
    const kids = (await t.request({ url: '/.well-known/jwks.json' })).body.keys.map((k: { kid: string }) => k.kid);
    expect(kids).toContain(saved.body.key.kid);
    expect(kids).not.toContain(before);
    expect((await t.request({ method: 'POST', url: '/api/ehr/connection/test', cookie: admin.cookie })).body.lastCheckOk).toBe(true);
  });

  it('has a token endpoint that refuses a reused jti, so our assertions must each be new', async () => {
    const kid = (await t.request({ url: '/api/ehr/connection', cookie: admin.cookie })).body.key.kid;
    const row = await t.db.selectFrom('ehr_keys').selectAll().where('kid', '=', kid).executeTakeFirstOrThrow();
    const key = await importPKCS8(decryptPrivateKey(SECRET, row.private_key, { organizationId: admin.organizationId, kid }), 'RS384');
    const now = Math.floor(t.clock.now().getTime() / 1000);
    const assertion = await new SignJWT({}).setProtectedHeader({ alg: 'RS384', kid }).setIssuer(fhir.clientId).setSubject(fhir.clientId).setAudience(fhir.tokenUrl).setIssuedAt(now).setExpirationTime(now + 60).setJti('same-jti').sign(key);
    const ask = () =>
      fetch(fhir.tokenUrl, {
        method: 'POST',
        body: new URLSearchParams({ grant_type: 'client_credentials', scope: 'system/*.rs', client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer', client_assertion: assertion }),
      });
    expect((await ask()).status).toBe(200);
    const again = await ask();
    expect(again.status).toBe(401);
    expect(await again.json()).toMatchObject({ error: 'invalid_client', error_description: 'This assertion (jti) was already used' });
  });

  it('cannot be set up without EHR_KEY_SECRET', async () => {
    const bare = await startTestApp({ config: { ehrKeySecret: null } });
    try {
      const someone = await bare.staff(['admin']);
      const refused = await bare.request({ method: 'PUT', url: '/api/ehr/connection', cookie: someone.cookie, body: settings() });
      expect(refused.status).toBe(409);
      expect(refused.body.code).toBe('ehr_key_secret_missing');
      expect(await bare.db.selectFrom('ehr_connections').selectAll().execute()).toEqual([]);
      expect((await bare.request({ url: '/api/ehr/connection', cookie: someone.cookie })).body.keySecretConfigured).toBe(false);
    } finally {
      await bare.close();
    }
  });
});
