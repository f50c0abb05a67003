import { mkdtempSync, rmSync } from 'node:fs';
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startS3Server, type S3Server } from '../testing/s3-server';
import { type FileStore, localFileStore } from './file-store';
import { s3FileStore, type S3StoreConfig } from './s3-file-store';

let s3: S3Server;
beforeAll(async () => {
  s3 = await startS3Server();
});
afterAll(() => s3.close());
beforeEach(() => {
  s3.requests.length = 0;
});

// Any region: it is part of what is signed.
const s3Config = (): S3StoreConfig => ({ ...s3.credentials, region: 'eu-central-1', endpoint: s3.endpoint, bucket: s3.bucket });
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
    expect(s3.requests).toEqual([]);
    done();
  });
});

describe('S3-compatible bucket', () => {
  it('addresses objects path-style and signs host, date and body hash', async () => {
    const store = s3FileStore(s3Config());
    await store.put('0b7c5e0e-3f43-4a43-9b8e-5b8f6d3c2a10', BYTES);
    expect(s3.requests).toEqual([{ method: 'PUT', path: `/${s3.bucket}/0b7c5e0e-3f43-4a43-9b8e-5b8f6d3c2a10`, signedHeaders: expect.any(String) }]);
    expect(s3.requests[0]!.signedHeaders.split(';')).toEqual(expect.arrayContaining(['host', 'x-amz-content-sha256', 'x-amz-date']));
  });

  it('names what the store answered when it refuses, and stores nothing', async () => {
    const wrongSecret = s3FileStore({ ...s3Config(), secretAccessKey: 'not-the-secret' });
    await expect(wrongSecret.put('0b7c5e0e-3f43-4a43-9b8e-5b8f6d3c2a11', BYTES)).rejects.toThrow('storing file 0b7c5e0e-3f43-4a43-9b8e-5b8f6d3c2a11: object store answered 403 SignatureDoesNotMatch');
    await expect(s3FileStore(s3Config()).get('0b7c5e0e-3f43-4a43-9b8e-5b8f6d3c2a11')).rejects.toThrow('answered 404 NoSuchKey');
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
