import aws4 from 'aws4';
import { assertFileKey, type FileStore } from './file-store';

export interface S3StoreConfig {
  /** The service's base URL; objects are addressed path-style: `{endpoint}/{bucket}/{key}`. */
  endpoint: URL;
  region: string;
  bucket: string;
  accessKeyId: string;
  secretAccessKey: string;
}

export interface S3StoreOptions {
  timeoutMs?: number;
}

/** S3 names the failure in its XML body (`<Code>NoSuchKey</Code>`); the rest of it stays out of logs. */
async function failure(response: Response, what: string): Promise<Error> {
  const code = /<Code>([^<]{1,64})<\/Code>/.exec(await response.text())?.[1];
  return new Error(`${what}: object store answered ${response.status}${code ? ` ${code}` : ''}`);
}

/**
 * Files in an S3-compatible bucket (AWS S3, MinIO, Cloudflare R2, Ceph…), for instances that
 * share no disk. Two verbs over fetch, signed with AWS Signature Version 4 by `aws4`: they do
 * not warrant an SDK.
 */
export function s3FileStore(config: S3StoreConfig, options: S3StoreOptions = {}): FileStore {
  const timeoutMs = options.timeoutMs ?? 30_000;
  const base = config.endpoint.href.replace(/\/$/, '');
  const urlOf = (key: string) => new URL(`${base}/${encodeURIComponent(config.bucket)}/${assertFileKey(key)}`);

  async function send(method: 'GET' | 'PUT', key: string, bytes?: Uint8Array): Promise<Response> {
    const url = urlOf(key);
    const body = bytes && Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    // Signs host, date, content type and length, and the body's SHA-256 (S3 checks it), at the real
    // time: S3 refuses a clock skewed by over 15 minutes, so a test's pinned clock has no say here.
    const signed = aws4.sign(
      {
        method,
        host: url.host,
        path: url.pathname,
        service: 's3',
        region: config.region,
        ...(body ? { body, headers: { 'Content-Type': 'application/octet-stream' } } : {}),
      },
      { accessKeyId: config.accessKeyId, secretAccessKey: config.secretAccessKey },
    );
    // fetch sends Host from the URL, the value signed.
    const { Host: _host, ...headers } = signed.headers as Record<string, string | number>;
    return fetch(url, {
      method,
      headers: Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, String(value)])),
      // A copy on a plain ArrayBuffer is what fetch's types accept; files are ≤ 10 MB.
      body: body && new Uint8Array(body),
      signal: AbortSignal.timeout(timeoutMs),
    });
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
