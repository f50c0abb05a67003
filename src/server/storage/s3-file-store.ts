import { assertFileKey, type FileStore } from './file-store';
import { type S3Credentials, sha256Hex, signS3Request } from './s3-signature';

export interface S3StoreConfig extends S3Credentials {
  /** The service's base URL; objects are addressed path-style: `{endpoint}/{bucket}/{key}`. */
  endpoint: URL;
  bucket: string;
}

export interface S3StoreOptions {
  /** SigV4 needs the real time (S3 refuses a skew over 15 minutes), not a test's pinned clock. */
  now?: () => Date;
  timeoutMs?: number;
}

/** S3 names the failure in its XML body (`<Code>NoSuchKey</Code>`); the rest of it stays out of logs. */
async function failure(response: Response, what: string): Promise<Error> {
  const code = /<Code>([^<]{1,64})<\/Code>/.exec(await response.text())?.[1];
  return new Error(`${what}: object store answered ${response.status}${code ? ` ${code}` : ''}`);
}

/**
 * Files in an S3-compatible bucket (AWS S3, MinIO, Cloudflare R2, Ceph…), for instances that
 * share no disk. Plain signed HTTP requests: two verbs do not warrant an SDK.
 */
export function s3FileStore(config: S3StoreConfig, options: S3StoreOptions = {}): FileStore {
  const now = options.now ?? (() => new Date());
  const timeoutMs = options.timeoutMs ?? 30_000;
  const base = config.endpoint.href.replace(/\/$/, '');
  const urlOf = (key: string) => new URL(`${base}/${encodeURIComponent(config.bucket)}/${assertFileKey(key)}`);

  async function send(method: 'GET' | 'PUT', key: string, body?: Uint8Array): Promise<Response> {
    const url = urlOf(key);
    const headers = signS3Request({ method, url, payloadHash: sha256Hex(body ?? '') }, config, now());
    // A copy on a plain ArrayBuffer is what fetch's types accept; files are ≤ 10 MB.
    return fetch(url, { method, headers, body: body && new Uint8Array(body), signal: AbortSignal.timeout(timeoutMs) });
  }

  return {
    async put(key, bytes) {
      const response = await send('PUT', key, bytes);
      if (!response.ok) throw await failure(response, `storing file ${key}`);
      await response.body?.cancel();
    },
    async get(key) {
      const response = await send('GET', key);
      if (!response.ok) throw await failure(response, `reading file ${key}`);
      return new Uint8Array(await response.arrayBuffer());
    },
  };
}
