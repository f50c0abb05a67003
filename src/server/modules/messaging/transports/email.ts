import type { NodemailerError, Transporter } from 'nodemailer';
import { DeliveryError, type EmailMessage, type Mailer } from './types';

export type MailConfig = { kind: 'smtp'; url: string; from: string } | { kind: 'log'; from: string };

/** Errors that end or never open the connection: the next attempt may find the server well. */
const TRANSIENT_CODES = new Set(['ECONNECTION', 'ETIMEDOUT', 'ESOCKET', 'EDNS', 'ETLS', 'EPROXY', 'EMAXLIMIT']);

/**
 * An SMTP reply decides when there is one: 4xx is transient, 5xx permanent, except 503 (bad
 * sequence of commands), a session-state fault a new connection clears (RFC 5321; nodemailer
 * agrees). Without a reply, only connection-level failures are worth retrying.
 */
export function isRetryableSmtpError(error: NodemailerError): boolean {
  const reply = error.responseCode;
  if (reply !== undefined && reply >= 400 && reply < 600) return reply < 500 || reply === 503;
  return error.code !== undefined && TRANSIENT_CODES.has(error.code);
}

export function createMailer(config: MailConfig, log: (entry: object) => void = () => {}): Mailer {
  if (config.kind === 'log') {
    return {
      transport: 'log',
      // That a message went, never to whom or about what: addresses, subjects and bodies are
      // patient data (the outbox row, seen on the Outbox page, says who it was for).
      send: async ({ attachments }) => {
        log({ transport: 'log', kind: 'email', attachments: attachments.length });
        return { transport: 'log', providerId: null };
      },
      close: async () => {},
    };
  }

  // nodemailer is loaded with the first message, not at start (it costs ~0.1 s to import).
  let transporter: Promise<Transporter> | undefined;
  const transport = () => (transporter ??= import('nodemailer').then(({ createTransport }) => createTransport({ url: config.url, pool: true })));
  return {
    transport: 'smtp',
    async send(message: EmailMessage) {
      const { to, subject, text, html, attachments, inline = [], messageId } = message;
      try {
        const info = await (await transport()).sendMail({
          from: config.from,
          to,
          subject,
          text,
          html,
          ...(messageId ? { messageId } : {}),
          attachments: [
            ...attachments.map(({ filename, contentType, content }) => ({ filename, contentType, content })),
            ...inline.map(({ cid, filename, contentType, content }) => ({ cid, filename, contentType, content: Buffer.from(content), contentDisposition: 'inline' as const })),
          ],
        });
        return { transport: 'smtp', providerId: info.messageId };
      } catch (error) {
        const failure = error as NodemailerError;
        throw new DeliveryError(`SMTP delivery failed (${failure.code ?? 'unknown'}): ${failure.message}`, isRetryableSmtpError(failure));
      }
    },
    close: async () => (await transporter)?.close(),
  };
}
