import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../testing/harness';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

describe('problem+json for every error', () => {
  it('GET /api/health reports the database in use', async () => {
    const response = await t.request({ url: '/api/health' });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ status: 'ok', database: t.kind });
  });

  it('answers malformed JSON with 400 malformed_json', async () => {
    const response = await t.request({
      method: 'POST',
      url: '/api/auth/login',
      body: '{"email": "a@b.test",',
      headers: { 'content-type': 'application/json' },
    });
    expect(response.status).toBe(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.body).toEqual({
      type: 'urn:carebeam:problem:malformed_json',
      title: 'Bad Request',
      status: 400,
      detail: 'The request body is not valid JSON',
      code: 'malformed_json',
    });
  });

  it('answers an unknown API path with 404', async () => {
    const response = await t.request({ url: '/api/no/such/thing' });
    expect(response.status).toBe(404);
    expect(response.body).toMatchObject({ status: 404, code: 'not_found' });
  });

  it('answers a body over 1 MiB with 413', async () => {
    const response = await t.request({
      method: 'POST',
      url: '/api/auth/login',
      body: JSON.stringify({ email: 'a@b.test', password: 'x'.repeat(1024 * 1024) }),
      headers: { 'content-type': 'application/json' },
    });
    expect(response.status).toBe(413);
    expect(response.body).toMatchObject({ status: 413, code: 'payload_too_large' });
  });

  it('answers a non-JSON body with 415', async () => {
    const response = await t.request({
      method: 'POST',
      url: '/api/auth/login',
      body: 'email=a@b.test',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(response.status).toBe(415);
    expect(response.body.code).toBe('unsupported_media_type');
  });
});

describe('security', () => {
  it('sends security headers and a CSP on API responses and errors', async () => {
    for (const url of ['/api/health', '/api/nothing-here']) {
      const response = await t.request({ url });
      expect(response.headers['content-security-policy']).toContain("default-src 'self'");
      expect(response.headers['content-security-policy']).toContain("frame-ancestors 'none'");
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      expect(response.headers['referrer-policy']).toBe('no-referrer');
      expect(response.headers['cache-control']).toBe('no-store');
    }
  });

  it('refuses a state-changing request from another site with 403 and does nothing', async () => {
    const me = await t.staff(['admin']);
    const response = await t.request({
      method: 'POST',
      url: '/api/auth/logout',
      cookie: me.cookie,
      headers: { origin: 'https://evil.example' },
    });
    expect(response.status).toBe(403);
    expect(response.body.code).toBe('forbidden');
    expect((await t.request({ url: '/api/me', cookie: me.cookie })).status).toBe(200);
  });

  it('refuses cross-site fetch metadata when no Origin is sent', async () => {
    const response = await t.request({
      method: 'POST',
      url: '/api/auth/logout',
      headers: { 'sec-fetch-site': 'cross-site' },
    });
    expect(response.status).toBe(403);
  });

  it('accepts the app’s own origin', async () => {
    const response = await t.request({
      method: 'POST',
      url: '/api/auth/logout',
      headers: { origin: 'http://localhost:3000' },
    });
    expect(response.status).toBe(204);
  });
});
