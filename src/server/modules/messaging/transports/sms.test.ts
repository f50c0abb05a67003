import { once } from 'node:events';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createSmsSender } from './sms';
import { expectDeliveryError } from '../../../testing/delivery-error';
import type { SmsMessage } from './types';

interface Recorded {
  method: string | undefined;
  url: string | undefined;
  headers: IncomingHttpHeaders;
  body: string;
}

/** What the fake API answers next; `null` means it never answers. */
let answer: { status: number; body: unknown } | null;
const requests: Recorded[] = [];
let server: Server;
let baseUrl: string;

beforeAll(async () => {
  server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      requests.push({ method: request.method, url: request.url, headers: request.headers, body: Buffer.concat(chunks).toString() });
      if (!answer) return;
      response.writeHead(answer.status, { 'Content-Type': 'application/json' }).end(JSON.stringify(answer.body));
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

beforeEach(() => {
  requests.length = 0;
  answer = { status: 201, body: { sid: 'SM0001' } };
});

const message: SmsMessage = { to: '+12125550100', body: 'Your visit starts soon: https://clinic.test/j/abc & more' };
const sender = (timeoutMs?: number) =>
  createSmsSender(
    { kind: 'http', baseUrl, accountSid: 'AC123', authToken: 'secret-token', from: '+15005550006' },
    undefined,
    timeoutMs === undefined ? {} : { timeoutMs },
  );

describe('createSmsSender: http', () => {
  it('posts the form to the Messages API with Basic auth and returns the sid', async () => {
    await expect(sender().send(message)).resolves.toEqual({ transport: 'http', providerId: 'SM0001' });

    expect(requests).toHaveLength(1);
    const [request] = requests;
    expect(request?.method).toBe('POST');
    expect(request?.url).toBe('/2010-04-01/Accounts/AC123/Messages.json');
    expect(request?.headers.authorization).toBe(`Basic ${Buffer.from('AC123:secret-token').toString('base64')}`);
    expect(request?.headers['content-type']).toMatch(/^application\/x-www-form-urlencoded\b/);
    expect(Object.fromEntries(new URLSearchParams(request?.body))).toEqual({
      To: '+12125550100',
      From: '+15005550006',
      Body: message.body,
    });
  });

  it('accepts a 200 too', async () => {
    answer = { status: 200, body: { sid: 'SM0002' } };
    await expect(sender().send(message)).resolves.toEqual({ transport: 'http', providerId: 'SM0002' });
  });

  it("refuses a bad number for good, with the API's message", async () => {
    answer = { status: 400, body: { code: 21211, message: "The 'To' number is not a valid phone number." } };
    const error = await expectDeliveryError(sender().send(message), false);
    expect(error.message).toContain("The 'To' number is not a valid phone number.");
    expect(error.message).toContain('21211');
  });

  it.each([503, 429])('retries a %i', async (status) => {
    answer = { status, body: { message: 'busy' } };
    const error = await expectDeliveryError(sender().send(message), true);
    expect(error.message).toContain(String(status));
  });

  it('retries when the API never answers', async () => {
    answer = null;
    const started = Date.now();
    const error = await expectDeliveryError(sender(200).send(message), true);
    expect(error.message).toContain('200 ms');
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(requests).toHaveLength(1);
  });

  it('retries when nothing listens', async () => {
    const probe = createServer().listen(0, '127.0.0.1');
    await once(probe, 'listening');
    const { port } = probe.address() as AddressInfo;
    await new Promise((resolve) => probe.close(resolve));
    const closed = createSmsSender({ kind: 'http', baseUrl: `http://127.0.0.1:${port}`, accountSid: 'AC123', authToken: 't', from: '+15005550006' });
    const error = await expectDeliveryError(closed.send(message), true);
    expect(error.message).toContain('ECONNREFUSED');
  });
});

describe('createSmsSender: log', () => {
  it('records that a message went, never its recipient or body', async () => {
    const entries: object[] = [];
    const sms = createSmsSender({ kind: 'log' }, (entry) => entries.push(entry));
    expect(sms.transport).toBe('log');
    await expect(sms.send(message)).resolves.toEqual({ transport: 'log', providerId: null });
    expect(entries).toEqual([{ transport: 'log', kind: 'sms' }]);
  });
});
