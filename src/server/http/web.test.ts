import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../testing/harness';

let t: TestApp;
let webRoot: string;
beforeAll(async () => {
  webRoot = mkdtempSync(join(tmpdir(), 'carebeam-web-'));
  mkdirSync(join(webRoot, 'assets'));
  writeFileSync(join(webRoot, 'index.html'), '<!doctype html><title>Carebeam</title>');
  writeFileSync(join(webRoot, 'assets', 'app-1234.js'), 'console.log(1)');
  t = await startTestApp({ webRoot });
});
afterAll(async () => {
  await t.close();
  rmSync(webRoot, { recursive: true, force: true });
});

describe('serving the web app', () => {
  it('answers any page address with index.html, uncached, with the CSP', async () => {
    const response = await t.request({ url: '/sessions/123?tab=notes' });
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toContain('text/html');
    expect(response.headers['cache-control']).toBe('no-cache');
    expect(response.headers['content-security-policy']).toContain("script-src 'self'");
    expect(response.text).toContain('<title>Carebeam</title>');
  });

  it('serves hashed assets cached for a year', async () => {
    const response = await t.request({ url: '/assets/app-1234.js' });
    expect(response.status).toBe(200);
    expect(response.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it('answers a missing file and an unknown API path with 404, not the page', async () => {
    expect((await t.request({ url: '/assets/missing-5678.js' })).status).toBe(404);
    const api = await t.request({ url: '/api/unknown' });
    expect(api.status).toBe(404);
    expect(api.headers['content-type']).toContain('application/problem+json');
  });
});
