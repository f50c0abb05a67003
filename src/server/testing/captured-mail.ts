import { deliverDueMessages } from '../jobs/outbox-delivery';
import type { EmailMessage, Mailer, SmsSender } from '../modules/messaging';
import type { TestApp } from './harness';

export const TEST_PUBLIC_URL = new URL('https://care.harbor.test');

/**
 * Delivers what the outbox holds into memory, for tests that need what an email said (its link).
 * The SMTP round trip itself is tested with a real server in messaging and in the browser tests.
 */
export function captureMail(t: TestApp) {
  const sent: EmailMessage[] = [];
  const mailer: Mailer = {
    transport: 'smtp',
    send: async (message) => {
      sent.push(message);
      return { transport: 'smtp', providerId: null };
    },
    close: async () => {},
  };
  const sms: SmsSender = { transport: 'http', send: async () => ({ transport: 'http', providerId: null }) };
  return {
    sent,
    /** Sends everything due; returns the emails sent to `to` by this call. */
    async deliver(to?: string): Promise<EmailMessage[]> {
      const before = sent.length;
      await deliverDueMessages({ db: t.db, storage: t.storage, clock: t.clock, mailer, sms, publicUrl: TEST_PUBLIC_URL }, 50);
      return sent.slice(before).filter((message) => !to || message.to === to);
    },
  };
}

/** The token of the set-password (or setup) link in an email's text. */
export function linkToken(message: EmailMessage): string {
  const match = /\?token=([\w-]+)/.exec(message.text);
  if (!match) throw new Error('The email carries no password link');
  return match[1]!;
}
