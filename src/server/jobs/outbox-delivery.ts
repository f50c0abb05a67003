import type { Kysely } from 'kysely';
import type { Clock } from '../clock';
import type { Database } from '../db/schema';
import { isSessionMessageKind, VERIFICATION_CODE_KIND } from '../../shared/outbox';
import { mintLinkToken, passwordLinkUrl } from '../modules/auth';
import {
  carriesJoinLink,
  type ClaimedMessage,
  claimDueMessages,
  DeliveryError,
  loadOutboxLinkSecret,
  type Mailer,
  outboxJoinToken,
  outboxOneTimeCode,
  recordInterruptedAttempt,
  recordOutcome,
  type SmsSender,
  withEmailLogo,
  withJoinLink,
  withOneTimeCode,
  withPasswordLink,
} from '../modules/messaging';
import { loadLogo } from '../modules/organization';
import type { FileStore } from '../storage/file-store';
import { recordHistory } from '../modules/history';
import { mintJoinLink } from '../modules/portal';

export interface DeliveryDeps {
  db: Kysely<Database>;
  clock: Clock;
  mailer: Mailer;
  sms: SmsSender;
  publicUrl: URL;
  /** Where the organization's logo is kept, for the inline part of HTML emails. */
  storage: FileStore;
}

const MINUTE = 60_000;
/** Wait before attempt 2, 3, 4, 5; after the fifth failure the message is failed for good. */
const BACKOFF = [1, 5, 30, 120].map((m) => m * MINUTE);
const LEASE = 2 * MINUTE;
const ORGANIZATION_DEACTIVATED = 'Not sent: the organization was deactivated';

/** Names one outbox message the same way on every attempt: the Message-ID of its email, the idempotency key of its SMS. */
export const outboxMessageId = (id: string, publicUrl: URL) => `<outbox-${id}@${publicUrl.hostname}>`;
export const outboxIdempotencyKey = (id: string) => `outbox-${id}`;

/**
 * Sends one leased message outside any transaction, then records the attempt (and, when it is
 * final, the session's history). A crash between sending and recording sends it again once the
 * lease runs out; that resend carries the same Message-ID (or SMS idempotency key) and the same
 * join link (derived from the message: see outboxJoinToken), so it is recognisable and leaves one live link.
 */
async function deliver(deps: DeliveryDeps, linkSecret: string, message: ClaimedMessage): Promise<void> {
  const { db, clock } = deps;
  let text = message.body_text;
  let html = message.body_html;
  let attachments = message.attachments;
  const transport = message.channel === 'email' ? deps.mailer.transport : deps.sms.transport;
  if (message.interrupted) await recordInterruptedAttempt(db, { id: message.id, at: clock.now(), transport });
  if (message.organization_deactivated) {
    // The operator stopped the organization: its queued messages end here, saying why.
    await recordOutcome(db, { id: message.id, at: clock.now(), transport, sent: false, error: ORGANIZATION_DEACTIVATED, retryAt: null });
    return;
  }
  if (message.password_link_id) {
    const minted = await mintLinkToken(db, message.password_link_id, clock.now());
    if (!minted) {
      // Revoked, used or expired before it went out: a dead link is not worth sending.
      await recordOutcome(db, { id: message.id, at: clock.now(), transport: deps.mailer.transport, sent: false, error: 'The link ended before the message was sent', retryAt: null });
      return;
    }
    const url = passwordLinkUrl(minted.purpose, minted.token, deps.publicUrl);
    text = withPasswordLink(text, url);
    html = html && withPasswordLink(html, url);
  }
  if (message.kind === VERIFICATION_CODE_KIND) {
    const code = outboxOneTimeCode(linkSecret, message.id);
    text = withOneTimeCode(text, code);
    html = html && withOneTimeCode(html, code);
  }
  if (message.session_id && message.participant_id && message.session_ends_at && isSessionMessageKind(message.kind) && carriesJoinLink(message.kind)) {
    const { url } = await mintJoinLink(db, {
      organizationId: message.organization_id,
      sessionId: message.session_id,
      participantId: message.participant_id,
      sessionEndsAt: message.session_ends_at,
      now: clock.now(),
      publicUrl: deps.publicUrl,
      token: outboxJoinToken(linkSecret, message.id),
    });
    text = withJoinLink(text, url);
    html = html && withJoinLink(html, url);
    attachments = attachments.map((a) => ({ ...a, content: withJoinLink(a.content, url) }));
  }
  try {
    const email = message.channel === 'email' ? await withEmailLogo(html ?? '', () => loadLogo(db, deps.storage, message.organization_id)) : null;
    const delivery = email
      ? await deps.mailer.send({
          to: message.recipient,
          subject: message.subject ?? '',
          text,
          html: email.html,
          attachments,
          inline: email.inline,
          messageId: outboxMessageId(message.id, deps.publicUrl),
        })
      : await deps.sms.send({ to: message.recipient, body: text, idempotencyKey: outboxIdempotencyKey(message.id) });
    await db.transaction().execute(async (trx) => {
      await recordOutcome(trx, { id: message.id, at: clock.now(), transport: delivery.transport, sent: true, providerId: delivery.providerId });
      await tellHistory(trx, clock, message, true);
    });
  } catch (error) {
    const retryable = !(error instanceof DeliveryError) || error.retryable;
    const wait = BACKOFF[message.attempts - 1];
    const retryAt = retryable && wait !== undefined ? new Date(clock.now().getTime() + wait) : null;
    const reason = error instanceof Error ? error.message : String(error);
    await db.transaction().execute(async (trx) => {
      await recordOutcome(trx, { id: message.id, at: clock.now(), transport, sent: false, error: reason, retryAt });
      if (!retryAt) await tellHistory(trx, clock, message, false, reason);
    });
  }
}

async function tellHistory(trx: Kysely<Database>, clock: Clock, message: ClaimedMessage, sent: boolean, reason?: string) {
  if (!message.session_id || !isSessionMessageKind(message.kind)) return;
  await recordHistory(trx, {
    organizationId: message.organization_id,
    sessionId: message.session_id,
    at: clock.now(),
    type: `${message.kind}_${sent ? 'sent' : 'failed'}`,
    actor: { kind: 'system', id: null, name: 'Carebeam' },
    data: {
      messageId: message.id,
      channel: message.channel,
      recipient: message.recipient,
      participantId: message.participant_id,
      participantName: message.participant_name,
      ...(reason ? { error: reason } : {}),
    },
  });
}

/**
 * Sends everything due, `batchSize` leased at a time. SKIP LOCKED lets instances claim side by
 * side; the lease frees a message if its worker dies. Returns how many messages it handled.
 */
export async function deliverDueMessages(deps: DeliveryDeps, batchSize: number): Promise<number> {
  let handled = 0;
  for (;;) {
    const now = deps.clock.now();
    const claimed = await claimDueMessages(deps.db, now, new Date(now.getTime() + LEASE), batchSize);
    const linkSecret = claimed.length > 0 ? await loadOutboxLinkSecret(deps.db) : '';
    for (const message of claimed) await deliver(deps, linkSecret, message);
    handled += claimed.length;
    if (claimed.length < batchSize) return handled;
  }
}
