import { DeliveryError, type SmsMessage, type SmsSender } from './types';

export type SmsConfig =
  | { kind: 'http'; baseUrl: string; accountSid: string; authToken: string; from: string }
  | { kind: 'log' };

export interface SmsOptions {
  /** Whole request, body included. */
  timeoutMs?: number;
}

/** Sends through a Twilio-compatible Messages API, or only logs that a message went. */
export function createSmsSender(
  config: SmsConfig,
  log: (entry: object) => void = () => {},
  { timeoutMs = 10_000 }: SmsOptions = {},
): SmsSender {
  if (config.kind === 'log') {
    return {
      transport: 'log',
      // That a message went, never to whom (a phone number) or what (the body holds a join link).
      send: async () => {
        log({ transport: 'log', kind: 'sms' });
        return { transport: 'log', providerId: null };
      },
    };
  }

  const url = `${config.baseUrl.replace(/\/+$/, '')}/2010-04-01/Accounts/${encodeURIComponent(config.accountSid)}/Messages.json`;
  const authorization = `Basic ${Buffer.from(`${config.accountSid}:${config.authToken}`).toString('base64')}`;

  return {
    transport: 'http',
    async send({ to, body, idempotencyKey }: SmsMessage) {
      let response: Response;
      try {
        response = await fetch(url, {
          method: 'POST',
          headers: {
            Authorization: authorization,
            'Content-Type': 'application/x-www-form-urlencoded',
            Accept: 'application/json',
            ...(idempotencyKey ? { 'Idempotency-Key': idempotencyKey } : {}),
          },
          body: new URLSearchParams({ To: to, From: config.from, Body: body }),
          // A redirect is not followed: it would re-send credentials and turn the POST into a GET.
          redirect: 'manual',
          signal: AbortSignal.timeout(timeoutMs),
        });
      } catch (error) {
        throw new DeliveryError(`SMS API unreachable: ${describeFailure(error, timeoutMs)}`, true);
      }
      // The status decides; a body that is not JSON (or times out) only loses the details.
      const payload: unknown = await response.json().catch(() => null);
      const fields = (payload ?? {}) as { sid?: unknown; message?: unknown; code?: unknown };
      if (response.status === 200 || response.status === 201) {
        // Accepted even without a sid: failing here would make the outbox send it twice.
        return { transport: 'http', providerId: typeof fields.sid === 'string' ? fields.sid : null };
      }
      const detail = [
        typeof fields.message === 'string' ? fields.message : response.statusText,
        fields.code !== undefined ? `(code ${String(fields.code)})` : '',
      ].join(' ');
      const retryable = response.status === 408 || response.status === 429 || response.status >= 500;
      throw new DeliveryError(`SMS API answered ${response.status}: ${detail.trim()}`, retryable);
    },
  };
}

function describeFailure(error: unknown, timeoutMs: number): string {
  if (!(error instanceof Error)) return String(error);
  if (error.name === 'TimeoutError') return `no answer within ${timeoutMs} ms`;
  // fetch says only "fetch failed"; the socket error (ECONNREFUSED, ENOTFOUND…) is its cause.
  return error.cause instanceof Error ? `${error.message}: ${error.cause.message}` : error.message;
}
