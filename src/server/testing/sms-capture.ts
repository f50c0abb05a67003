import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SmsCapture {
  baseUrl: string;
  /** Each request as the Messages API received it: its path, Basic credentials, Idempotency-Key and form. */
  requests: { path: string; authorization: string; idempotencyKey: string | undefined; form: Record<string, string> }[];
  close(): Promise<void>;
}

/** A local stand-in for a Twilio-compatible Messages API that records every request. */
export async function startSmsCapture(): Promise<SmsCapture> {
  const requests: SmsCapture['requests'] = [];
  let next = 0;
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => (body += chunk));
    request.on('end', () => {
      requests.push({
        path: request.url ?? '',
        authorization: request.headers.authorization ?? '',
        idempotencyKey: request.headers['idempotency-key'] as string | undefined,
        form: Object.fromEntries(new URLSearchParams(body)),
      });
      response.writeHead(201, { 'content-type': 'application/json' }).end(JSON.stringify({ sid: `SM${++next}` }));
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
