import { mkdtempSync, rmSync } from 'node:fs';
import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type FileStore, localFileStore } from './file-store';
import { s3FileStore, type S3StoreConfig } from './s3-file-store';
import { type S3Credentials, sha256Hex, signS3Request } from './s3-signature';

const CREDENTIALS: S3Credentials = { accessKeyId: 'carebeam-test', secretAccessKey: 'test-secret-key', region: 'eu-central-1' };
const BUCKET = 'carebeam-files';

/**
 * An S3 stand-in on loopback that checks what S3 checks: the SigV4 signature recomputed from the
 * request as it arrived (the Host and headers actually sent), and the body against its declared hash.
 */
const objects = new Map<string, Buffer>();
const seen: { method: string; path: string; signedHeaders: string }[] = [];
let server: Server;
let endpoint: URL;

const s3Error = (code: string) => `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>details</Message></Error>`;

function verify(request: IncomingMessage, body: Buffer): string | null {
  const authorization = request.headers.authorization ?? '';
  const signedHeaders = /SignedHeaders=([^,]+)/.exec(authorization)?.[1] ?? '';
  const amzDate = String(request.headers['x-amz-date']);
  const at = new Date(amzDate.replace(/^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/, '$1-$2-$3T$4:$5:$6Z'));
  const others = signedHeaders.split(';').filter((name) => !['host', 'x-amz-date', 'x-amz-content-sha256'].includes(name));
  const expected = signS3Request(
    {
      method: request.method!,
      url: new URL(request.url!, `http://${request.headers.host}`),
      headers: Object.fromEntries(others.map((name) => [name, String(request.headers[name])])),
      payloadHash: String(request.headers['x-amz-content-sha256']),
    },
    CREDENTIALS,
    at,
  ).authorization;
  if (authorization !== expected) return 'SignatureDoesNotMatch';
  if (sha256Hex(body) !== request.headers['x-amz-content-sha256']) return 'XAmzContentSHA256Mismatch';
  return null;
}

beforeAll(async () => {
  server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks);
      const path = new URL(request.url!, 'http://s3').pathname;
      seen.push({ method: request.method!, path, signedHeaders: /SignedHeaders=([^,]+)/.exec(request.headers.authorization ?? '')?.[1] ?? '' });
      const refused = verify(request, body);
      if (refused) return response.writeHead(refused === 'SignatureDoesNotMatch' ? 403 : 400).end(s3Error(refused));
      if (request.method === 'PUT') {
        objects.set(path, body);
        return response.writeHead(200, { ETag: `"${sha256Hex(body).slice(0, 32)}"` }).end();
      }
      const object = objects.get(path);
      if (!object) return response.writeHead(404).end(s3Error('NoSuchKey'));
      response.writeHead(200, { 'Content-Type': 'application/octet-stream' }).end(object);
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  endpoint = new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

beforeEach(() => {
  objects.clear();
  seen.length = 0;
});

const s3Config = (): S3StoreConfig => ({ ...CREDENTIALS, endpoint, bucket: BUCKET });
// Every byte value, so nothing on the way treats the file as text.
const BYTES = new Uint8Array(Array.from({ length: 1024 }, (_, i) => i % 256));

const stores: [string, () => { store: FileStore; done: () => void }][] = [
  [
    'local disk',
    () => {
      const directory = mkdtempSync(join(tmpdir(), 'carebeam-store-'));
      return { store: localFileStore(directory), done: () => rmSync(directory, { recursive: true, force: true }) };
    },
  ],
  ['S3-compatible bucket', () => ({ store: s3FileStore(s3Config()), done: () => undefined })],
];

describe.each(stores)('%s', (_name, open) => {
  it('gives back exactly the bytes it was given', async () => {
    const { store, done } = open();
    await store.put('0b7c5e0e-3f43-4a43-9b8e-5b8f6d3c2a10', BYTES);
    expect(await store.get('0b7c5e0e-3f43-4a43-9b8e-5b8f6d3c2a10')).toEqual(BYTES);
    done();
  });

  it('fails on a key it does not hold', async () => {
    const { store, done } = open();
    await expect(store.get('9d1f3c44-0000-4000-8000-000000000000')).rejects.toThrow();
    done();
  });

  it('refuses a key that is not one of our ids, before touching anything', async () => {
    const { store, done } = open();
    await expect(store.put('../../etc/passwd', BYTES)).rejects.toThrow(/not a file key/);
    await expect(store.get('a b')).rejects.toThrow(/not a file key/);
    expect(seen).toEqual([]);
    done();
  });
});

describe('S3-compatible bucket', () => {
  it('addresses objects path-style and signs host, date and body hash', async () => {
    await s3FileStore(s3Config()).put('0b7c5e0e-3f43-4a43-9b8e-5b8f6d3c2a10', BYTES);
    expect(seen).toEqual([{ method: 'PUT', path: `/${BUCKET}/0b7c5e0e-3f43-4a43-9b8e-5b8f6d3c2a10`, signedHeaders: 'host;x-amz-content-sha256;x-amz-date' }]);
    expect(objects.get(`/${BUCKET}/0b7c5e0e-3f43-4a43-9b8e-5b8f6d3c2a10`)).toEqual(Buffer.from(BYTES));
  });

  it('names what the store answered when it refuses, and stores nothing', async () => {
    const wrongSecret = s3FileStore({ ...s3Config(), secretAccessKey: 'not-the-secret' });
    await expect(wrongSecret.put('0b7c5e0e-3f43-4a43-9b8e-5b8f6d3c2a10', BYTES)).rejects.toThrow('storing file 0b7c5e0e-3f43-4a43-9b8e-5b8f6d3c2a10: object store answered 403 SignatureDoesNotMatch');
    expect(objects.size).toBe(0);
    await expect(s3FileStore(s3Config()).get('9d1f3c44-0000-4000-8000-000000000000')).rejects.toThrow('answered 404 NoSuchKey');
  });

  it('gives up on a store that does not answer', async () => {
    const silent = createServer(() => undefined);
    silent.listen(0, '127.0.0.1');
    await once(silent, 'listening');
    const store = s3FileStore({ ...s3Config(), endpoint: new URL(`http://127.0.0.1:${(silent.address() as AddressInfo).port}`) }, { timeoutMs: 200 });
    await expect(store.get('9d1f3c44-0000-4000-8000-000000000000')).rejects.toThrow(/timeout|aborted/i);
    silent.closeAllConnections();
    silent.close();
  });
});
