import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import S3rver from '@20minutes/s3rver';

export interface S3Server {
  endpoint: URL;
  bucket: string;
  /** The only key pair it knows. */
  credentials: { accessKeyId: string; secretAccessKey: string };
  /** Every request that reached it, as the server saw it. */
  requests: { method: string; path: string; signedHeaders: string }[];
  close(): Promise<void>;
}

/**
 * A real S3-compatible server on loopback (s3rver): it checks every request's Signature Version 4
 * against its key pair, as S3 does, and answers with S3's XML errors.
 */
export async function startS3Server(bucket = 'carebeam-files'): Promise<S3Server> {
  const directory = mkdtempSync(join(tmpdir(), 'carebeam-s3-'));
  const server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory, configureBuckets: [{ name: bucket }] });
  const { port } = await server.run();
  const requests: S3Server['requests'] = [];
  server.httpServer.on('request', (request) =>
    requests.push({
      method: request.method ?? '',
      path: new URL(request.url ?? '/', 'http://s3').pathname,
      signedHeaders: /SignedHeaders=([^,]+)/.exec(request.headers.authorization ?? '')?.[1] ?? '',
    }),
  );
  return {
    endpoint: new URL(`http://127.0.0.1:${port}`),
    bucket,
    credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
    requests,
    async close() {
      server.httpServer.closeAllConnections();
      await server.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}
