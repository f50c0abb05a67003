import { createHash, createHmac } from 'node:crypto';

/** AWS Signature Version 4 for S3, as S3-compatible stores (AWS, MinIO, R2, Ceph…) all check it. */
export interface S3Credentials {
  accessKeyId: string;
  secretAccessKey: string;
  region: string;
}

export interface RequestToSign {
  method: string;
  url: URL;
  /** Headers to sign besides host, x-amz-date and x-amz-content-sha256 (which are added). */
  headers?: Record<string, string>;
  /** Hex SHA-256 of the body (of the empty string for none). */
  payloadHash: string;
}

export const sha256Hex = (data: string | Uint8Array) => createHash('sha256').update(data).digest('hex');
const hmac = (key: string | Buffer, data: string) => createHmac('sha256', key).update(data).digest();

// SigV4 wants RFC 3986: encodeURIComponent leaves !'()* alone, S3 does not.
const encode = (value: string) => encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

const canonicalUri = (url: URL) =>
  url.pathname
    .split('/')
    .map((segment) => encode(decodeURIComponent(segment)))
    .join('/');

const canonicalQuery = (url: URL) =>
  [...url.searchParams]
    .map(([name, value]) => `${encode(name)}=${encode(value)}`)
    .sort()
    .join('&');

/** `20130524T000000Z`: the instant to the second, as SigV4 writes it. */
const amzDateOf = (now: Date) => now.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');

/**
 * The headers that sign a request: x-amz-date, x-amz-content-sha256 and Authorization (the
 * caller's own signed headers stay as given; host comes from the URL, as fetch will send it).
 */
export function signS3Request(request: RequestToSign, credentials: S3Credentials, now: Date): Record<string, string> {
  const amzDate = amzDateOf(now);
  const scope = `${amzDate.slice(0, 8)}/${credentials.region}/s3/aws4_request`;
  const signed: Record<string, string> = { host: request.url.host, 'x-amz-content-sha256': request.payloadHash, 'x-amz-date': amzDate };
  for (const [name, value] of Object.entries(request.headers ?? {})) signed[name.toLowerCase()] = value;
  const names = Object.keys(signed).sort();
  const canonicalRequest = [
    request.method,
    canonicalUri(request.url),
    canonicalQuery(request.url),
    names.map((name) => `${name}:${signed[name]!.trim().replace(/\s+/g, ' ')}\n`).join(''),
    names.join(';'),
    request.payloadHash,
  ].join('\n');
  const stringToSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha256Hex(canonicalRequest)].join('\n');
  const [day, region, service, terminator] = scope.split('/') as [string, string, string, string];
  const key = [day, region, service, terminator].reduce<Buffer | string>((k, part) => hmac(k, part), `AWS4${credentials.secretAccessKey}`);
  const signature = hmac(key, stringToSign).toString('hex');
  const { host: _host, ...headers } = signed;
  return {
    ...headers,
    authorization: `AWS4-HMAC-SHA256 Credential=${credentials.accessKeyId}/${scope},SignedHeaders=${names.join(';')},Signature=${signature}`,
  };
}
