import { createHmac } from 'node:crypto';

/**
 * Stands for a participant's one-time code in stored messages. Like the join link, the code is
 * derived from the message's id and the server secret when the message goes out: the outbox never
 * holds it, and a resend of the same message carries the same code.
 */
export const ONE_TIME_CODE = '__ONE_TIME_CODE__';

/** Six digits from HMAC-SHA256(secret, message id); the 2^32 → 10^6 reduction's bias is below 0.03%. */
export const outboxOneTimeCode = (secret: string, messageId: string) =>
  String(createHmac('sha256', secret).update(`one-time-code:${messageId}`).digest().readUInt32BE(0) % 1_000_000).padStart(6, '0');

export const withOneTimeCode = (text: string, code: string) => text.replaceAll(ONE_TIME_CODE, code);

/** How a stored message shows the code it carried. */
export const redactOneTimeCode = (text: string) => text.replaceAll(ONE_TIME_CODE, '•••••• (one-time code, not stored)');
