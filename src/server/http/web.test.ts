import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../testing/harness';

let t: TestApp;
let webRoot: string;
const BIG_JS = `export const words = ${JSON.stringify(Array.from({ length: 400 }, (_, i) => `word ${i}`))};`;
beforeAll(async () => {
  webRoot = mkdtempSync(join(tmpdir(), 'carebeam-web-'));
  mkdirSync(join(webRoot, 'assets'));
  writeFileSync(join(webRoot, 'index.html'), '<!doctype html><title>Carebeam</title>');
  writeFileSync(join(webRoot, 'assets', 'app-1234.js'), 'console.log(1)');
  // As scripts/precompress.ts leaves a build: twins beside the file, and a hidden source map.
  writeFileSync(join(webRoot, 'assets', 'big-5678.js'), BIG_JS);
  writeFileSync(join(webRoot, 'assets', 'big-5678.js.br'), brotliCompressSync(BIG_JS));
  writeFileSync(join(webRoot, 'assets', 'big-5678.js.gz'), gzipSync(BIG_JS));
  writeFileSync(join(webRoot, 'assets', 'big-5678.js.map'), '{"version":3,"sources":["src/secret.ts"]}');
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

describe('compression', () => {
  it('sends the build’s brotli or gzip twin of an asset by what the browser accepts, and says it varies', async () => {
    const br = await t.request({ url: '/assets/big-5678.js', headers: { 'accept-encoding': 'gzip, deflate, br' } });
    expect(br.status).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['content-type']).toContain('javascript');
    expect(br.headers['vary']).toContain('accept-encoding');
    expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(brotliDecompressSync(br.rawPayload).toString()).toBe(BIG_JS);

    const gzip = await t.request({ url: '/assets/big-5678.js', headers: { 'accept-encoding': 'gzip' } });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gzip.rawPayload).toString()).toBe(BIG_JS);

    const plain = await t.request({ url: '/assets/big-5678.js' });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.text).toBe(BIG_JS);
  });

  it('never serves source maps', async () => {
    const map = await t.request({ url: '/assets/big-5678.js.map' });
    expect(map.status).toBe(404);
    expect(map.text).not.toContain('secret.ts');
  });

  it('compresses API answers above 1 KB when asked, and leaves small ones alone', async () => {
    const large = await t.request({ url: '/api/openapi.json', headers: { 'accept-encoding': 'br, gzip' } });
    expect(large.status).toBe(200);
    expect(large.headers['content-encoding']).toBe('br');
    expect(large.headers['vary']).toMatch(/accept-encoding/i);
    const document = JSON.parse(brotliDecompressSync(large.rawPayload).toString());
    expect(document.openapi).toMatch(/^3\.1/);
    expect(large.rawPayload.byteLength).toBeLessThan(JSON.stringify(document).length / 4);

    const gzip = await t.request({ url: '/api/openapi.json', headers: { 'accept-encoding': 'gzip' } });
    expect(gzip.headers['content-encoding']).toBe('gzip');

    const small = await t.request({ url: '/api/unknown', headers: { 'accept-encoding': 'br, gzip' } });
    expect(small.status).toBe(404);
    expect(small.headers['content-encoding']).toBeUndefined();
  });
});
