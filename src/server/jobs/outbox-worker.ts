import type { Kysely } from 'kysely';
import type { Clock } from '../clock';
import type { Database } from '../db/schema';
import { DeliveryError, type Mailer, type SmsSender } from '../messaging/types';
import { recordHistory } from '../modules/history/repo';
import { loadMessageContext, type MessageContext } from '../modules/invitations/context';
import { messagesFor } from '../modules/invitations/enqueue';
import { mintJoinLink, withJoinLink } from '../modules/invitations/links';
import { type ClaimedMessage, claimDueMessages, insertMessages, recordOutcome } from '../modules/invitations/outbox-repo';
import { claimDueReminders, markRemindersCanceled } from '../modules/invitations/reminders-repo';

export interface OutboxWorkerDeps {
  db: Kysely<Database>;
  clock: Clock;
  mailer: Mailer;
  sms: SmsSender;
  publicUrl: URL;
  organizerEmail: string;
  onError?: (error: unknown) => void;
  batchSize?: number;
}

const MINUTE = 60_000;
/** Wait before attempt 2, 3, 4, 5; after the fifth failure the message is failed for good. */
const BACKOFF = [1, 5, 30, 120].map((m) => m * MINUTE);
const LEASE = 2 * MINUTE;

const KIND_LABEL = { invitation: 'Invitation', update: 'Update', cancellation: 'Cancellation notice', reminder: 'Reminder' } as const;
const CHANNEL_LABEL = { email: 'emailed', sms: 'texted' } as const;

/**
 * Delivers the outbox. Due reminders become messages in one transaction (each reminder row is
 * taken once, whatever the number of instances); messages are leased, sent outside any
 * transaction, then marked with every attempt recorded and the session's history told.
 */
export function createOutboxWorker(deps: OutboxWorkerDeps) {
  const { db, clock } = deps;
  const batchSize = deps.batchSize ?? 25;

  async function queueDueReminders(): Promise<number> {
    return db.transaction().execute(async (trx) => {
      const now = clock.now();
      const due = await claimDueReminders(trx, now, 200);
      const contexts = new Map<string, MessageContext>();
      for (const reminder of due) {
        let context = contexts.get(reminder.session_id);
        if (!context) {
          context = await loadMessageContext(trx, reminder.session_id);
          contexts.set(reminder.session_id, context);
        }
        if (context.session.status !== 'scheduled') {
          await markRemindersCanceled(trx, [reminder.id]);
          continue;
        }
        await insertMessages(trx, messagesFor('reminder', context, reminder.participant_id, { organizerEmail: deps.organizerEmail, at: now }));
      }
      return due.length;
    });
  }

  async function deliver(message: ClaimedMessage): Promise<void> {
    const now = clock.now();
    let text = message.body_text;
    let html = message.body_html;
    let attachments = message.attachments;
    if (message.session_id && message.participant_id && message.session_ends_at && message.kind !== 'cancellation') {
      const { url } = await mintJoinLink(db, {
        organizationId: message.organization_id,
        sessionId: message.session_id,
        participantId: message.participant_id,
        sessionEndsAt: message.session_ends_at,
        now,
        publicUrl: deps.publicUrl,
      });
      text = withJoinLink(text, url);
      html = html && withJoinLink(html, url);
      attachments = attachments.map((a) => ({ ...a, content: withJoinLink(a.content, url) }));
    }
    const transport = message.channel === 'email' ? deps.mailer.transport : deps.sms.transport;
    try {
      const delivery =
        message.channel === 'email'
          ? await deps.mailer.send({ to: message.recipient, subject: message.subject ?? '', text, html: html ?? '', attachments })
          : await deps.sms.send({ to: message.recipient, body: text });
      await db.transaction().execute(async (trx) => {
        await recordOutcome(trx, { id: message.id, at: clock.now(), transport: delivery.transport, sent: true, providerId: delivery.providerId });
        await tellHistory(trx, message, true);
      });
    } catch (error) {
      const retryable = !(error instanceof DeliveryError) || error.retryable;
      const wait = BACKOFF[message.attempts];
      const retryAt = retryable && wait !== undefined ? new Date(clock.now().getTime() + wait) : null;
      const reason = error instanceof Error ? error.message : String(error);
      await db.transaction().execute(async (trx) => {
        await recordOutcome(trx, { id: message.id, at: clock.now(), transport, sent: false, error: reason, retryAt });
        if (!retryAt) await tellHistory(trx, message, false, reason);
      });
    }
  }

  async function tellHistory(trx: Kysely<Database>, message: ClaimedMessage, sent: boolean, reason?: string) {
    if (!message.session_id) return;
    const who = message.participant_name ?? message.recipient;
    await recordHistory(trx, {
      organizationId: message.organization_id,
      sessionId: message.session_id,
      at: clock.now(),
      type: `${message.kind}_${sent ? 'sent' : 'failed'}`,
      actor: { kind: 'system', id: null, name: 'Carebeam' },
      summary: sent
        ? `${KIND_LABEL[message.kind]} ${CHANNEL_LABEL[message.channel]} to ${who}`
        : `${KIND_LABEL[message.kind]} to ${who} by ${message.channel === 'email' ? 'email' : 'SMS'} failed: ${reason}`,
      data: { messageId: message.id, channel: message.channel, recipient: message.recipient, participantId: message.participant_id },
    });
  }

  /** One pass: turn due reminders into messages, then send everything due. Returns messages handled. */
  async function runOnce(): Promise<number> {
    while ((await queueDueReminders()) === 200);
    let handled = 0;
    for (;;) {
      const now = clock.now();
      const claimed = await claimDueMessages(db, now, new Date(now.getTime() + LEASE), batchSize);
      for (const message of claimed) await deliver(message);
      handled += claimed.length;
      if (claimed.length < batchSize) return handled;
    }
  }

  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> = Promise.resolve();
  return {
    runOnce,
    /** Polls every `intervalMs` until stopped; a pass never overlaps the previous one. */
    start(intervalMs = 2000) {
      const tick = () => {
        running = runOnce()
          .catch((error) => deps.onError?.(error))
          .finally(() => {
            if (timer) timer = setTimeout(tick, intervalMs);
          });
      };
      timer = setTimeout(tick, 0);
    },
    async stop() {
      clearTimeout(timer);
      timer = undefined;
      await running;
    },
  };
}

export type OutboxWorker = ReturnType<typeof createOutboxWorker>;
