import type { InlinePart } from '../email-logo';
/** What the outbox hands a transport: one email or one SMS, already rendered. */
export interface EmailMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
  attachments: { filename: string; contentType: string; content: string }[];
  /** Parts the HTML shows by Content-ID (`cid:`), such as the organization's logo. */
  inline?: InlinePart[];
  /** `<…@…>`, the same on every attempt at one message, so a resend is recognisably the same mail. */
  messageId?: string;
}

export interface SmsMessage {
  /** E.164, e.g. +12125550100. */
  to: string;
  body: string;
  /** The same on every attempt at one message: sent as `Idempotency-Key` so the API can drop a resend. */
  idempotencyKey?: string;
}

/** How a delivery went: the transport that carried it and its own id for the message. */
export interface Delivery {
  transport: 'smtp' | 'http' | 'log';
  providerId: string | null;
}

export interface Mailer {
  readonly transport: Delivery['transport'];
  send(message: EmailMessage): Promise<Delivery>;
  close(): Promise<void>;
}

export interface SmsSender {
  readonly transport: Delivery['transport'];
  send(message: SmsMessage): Promise<Delivery>;
}

/** A refusal worth retrying (a timeout, a 5xx) or not (a bad address, a 4xx). */
export class DeliveryError extends Error {
  override name = 'DeliveryError';
  constructor(
    message: string,
    readonly retryable: boolean,
  ) {
    super(message);
  }
}
