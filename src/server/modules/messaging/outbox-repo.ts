import { type Kysely, sql } from 'kysely';
import type { MessageKind } from '../../../shared/history';
import type { OutboxKind, StaffMessageKind } from '../../../shared/outbox';
import type { Channel, Database } from '../../db/schema';
import { type Write, writeTogether } from '../../db/writes';

type Db = Kysely<Database>;

export interface NewMessage {
  organizationId: string;
  sessionId: string;
  participantId: string;
  kind: MessageKind;
  channel: Channel;
  recipient: string;
  subject: string | null;
  text: string;
  html: string | null;
  attachments: { filename: string; contentType: string; content: string }[];
  at: Date;
}

/** The messages' outbox rows, due at once; null when there are none. */
export function messagesWrite(messages: NewMessage[]): Write | null {
  if (messages.length === 0) return null;
  return (db) =>
    db.insertInto('outbox_messages').values(
      messages.map((m) => ({
        organization_id: m.organizationId,
        session_id: m.sessionId,
        participant_id: m.participantId,
        kind: m.kind,
        channel: m.channel,
        recipient: m.recipient,
        subject: m.subject,
        body_text: m.text,
        body_html: m.html,
        attachments: JSON.stringify(m.attachments),
        next_attempt_at: m.at,
        created_at: m.at,
      })),
    );
}

export async function insertMessages(db: Db, messages: NewMessage[]): Promise<void> {
  await writeTogether(db, [messagesWrite(messages)]);
}

/** The columns of a message without attachments, due at once. */
const plainMessage = (m: { recipient: string; subject: string | null; text: string; html: string | null; at: Date }) => ({
  recipient: m.recipient,
  subject: m.subject,
  body_text: m.text,
  body_html: m.html,
  attachments: JSON.stringify([]),
  next_attempt_at: m.at,
  created_at: m.at,
});

/** A participant's one-time code (its placeholder: the code is derived at delivery); returns the message's id. */
export async function insertCodeMessage(db: Db, m: Omit<NewMessage, 'kind' | 'attachments'>): Promise<string> {
  const row = await db
    .insertInto('outbox_messages')
    .values({ organization_id: m.organizationId, session_id: m.sessionId, participant_id: m.participantId, kind: 'verification_code', channel: m.channel, ...plainMessage(m) })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** A message to a staff member about their own account, carrying a password link. */
export interface NewStaffMessage {
  organizationId: string;
  kind: StaffMessageKind;
  recipient: string;
  subject: string;
  text: string;
  html: string;
  passwordLinkId: string;
  at: Date;
}

export async function insertStaffMessage(db: Db, m: NewStaffMessage): Promise<void> {
  await db
    .insertInto('outbox_messages')
    .values({
      organization_id: m.organizationId,
      password_link_id: m.passwordLinkId,
      kind: m.kind,
      channel: 'email',
      ...plainMessage(m),
    })
    .execute();
}

export interface ClaimedMessage {
  id: string;
  password_link_id: string | null;
  organization_id: string;
  session_id: string | null;
  participant_id: string | null;
  participant_name: string | null;
  session_ends_at: Date | null;
  kind: OutboxKind;
  channel: Channel;
  recipient: string;
  subject: string | null;
  body_text: string;
  body_html: string | null;
  attachments: { filename: string; contentType: string; content: string }[];
  /** Attempts started, this one included. */
  attempts: number;
  /** An earlier attempt began and never recorded how it went (its worker died): this may be a resend. */
  interrupted: boolean;
  /** The operator deactivated the message's organization since it was queued: it must not go. */
  organization_deactivated: boolean;
}

/**
 * Leases up to `limit` due messages to this worker. SKIP LOCKED lets several instances claim
 * side by side without waiting on each other; the lease (claimed_until) keeps a message from
 * being claimed twice while it is being sent, and frees it if the worker dies. The claim also
 * counts the attempt and notes when it began, before anything is sent: a worker killed between
 * sending and recording leaves that mark, so its retry is known to be a possible resend.
 */
export async function claimDueMessages(db: Db, now: Date, leaseUntil: Date, limit: number): Promise<ClaimedMessage[]> {
  const result = await sql<ClaimedMessage>`
    WITH claimed AS (
      UPDATE outbox_messages m SET claimed_until = ${leaseUntil}, attempts = m.attempts + 1, attempt_started_at = ${now}
      FROM (
        SELECT id, attempt_started_at FROM outbox_messages
        WHERE status = 'queued' AND next_attempt_at <= ${now} AND (claimed_until IS NULL OR claimed_until < ${now})
        ORDER BY next_attempt_at
        LIMIT ${limit}
        FOR UPDATE SKIP LOCKED
      ) due
      WHERE m.id = due.id
      RETURNING m.*, due.attempt_started_at IS NOT NULL AS interrupted
    )
    SELECT c.id, c.password_link_id, c.organization_id, c.session_id, c.participant_id, c.kind, c.channel, c.recipient, c.subject,
      c.body_text, c.body_html, c.attachments, c.attempts, c.interrupted, p.name AS participant_name, s.ends_at AS session_ends_at,
      o.deactivated_at IS NOT NULL AS organization_deactivated
    FROM claimed c
    JOIN organizations o ON o.id = c.organization_id
    LEFT JOIN participants p ON p.id = c.participant_id
    LEFT JOIN sessions s ON s.id = c.session_id`.execute(db);
  return result.rows;
}

export async function recordOutcome(
  db: Db,
  outcome: {
    id: string;
    at: Date;
    transport: string;
    sent: boolean;
    providerId?: string | null;
    error?: string;
    /** When to try again; null gives up. */
    retryAt?: Date | null;
  },
): Promise<void> {
  await db
    .updateTable('outbox_messages')
    .set({
      status: outcome.sent ? 'sent' : outcome.retryAt ? 'queued' : 'failed',
      transport: outcome.transport,
      provider_id: outcome.providerId ?? null,
      claimed_until: null,
      attempt_started_at: null,
      last_error: outcome.error ?? null,
      sent_at: outcome.sent ? outcome.at : null,
      ...(outcome.retryAt ? { next_attempt_at: outcome.retryAt } : {}),
    })
    .where('id', '=', outcome.id)
    .execute();
  await db
    .insertInto('outbox_attempts')
    .values({ message_id: outcome.id, at: outcome.at, outcome: outcome.sent ? 'sent' : 'failed', transport: outcome.transport, error: outcome.error ?? null })
    .execute();
}

const INTERRUPTED = 'Interrupted: the sender stopped before recording the outcome; it may have gone (a resend carries the same Message-ID)';

/**
 * An earlier attempt began but its worker died before recording it: it may or may not have gone.
 * Logged as a failed attempt saying so, so the attempts listed match the attempts counted.
 */
export async function recordInterruptedAttempt(db: Db, attempt: { id: string; at: Date; transport: string }): Promise<void> {
  await db
    .insertInto('outbox_attempts')
    .values({ message_id: attempt.id, at: attempt.at, outcome: 'failed', transport: attempt.transport, error: INTERRUPTED })
    .execute();
}

export interface OutboxFilter {
  sessionId?: string | undefined;
  status?: 'queued' | 'sent' | 'failed' | undefined;
  channel?: Channel | undefined;
  limit: number;
}

export async function listOutbox(db: Db, organizationId: string, filter: OutboxFilter) {
  let query = db
    .selectFrom('outbox_messages')
    .select([
      'id',
      'session_id',
      'participant_id',
      'kind',
      'channel',
      'recipient',
      'subject',
      'body_text',
      'body_html',
      'attachments',
      'status',
      'transport',
      'attempts',
      'last_error',
      'created_at',
      'sent_at',
    ])
    .where('organization_id', '=', organizationId);
  if (filter.sessionId) query = query.where('session_id', '=', filter.sessionId);
  if (filter.status) query = query.where('status', '=', filter.status);
  if (filter.channel) query = query.where('channel', '=', filter.channel);
  return query.orderBy('created_at', 'desc').orderBy('id').limit(filter.limit).execute();
}

/** Queued messages about a session that must no longer go out (it was canceled, the participant removed). */
export async function dropQueuedMessages(db: Db, sessionId: string, reason: string, participantId?: string): Promise<void> {
  let query = db
    .updateTable('outbox_messages')
    .set({ status: 'failed', last_error: reason, claimed_until: null })
    .where('session_id', '=', sessionId)
    .where('status', '=', 'queued');
  if (participantId) query = query.where('participant_id', '=', participantId);
  await query.execute();
}

/** Of these participants, those sent a new-message notice about the session since `since`. */
export async function noticedSince(db: Db, sessionId: string, participantIds: string[], since: Date): Promise<Set<string>> {
  const rows = await db
    .selectFrom('outbox_messages')
    .select('participant_id')
    .distinct()
    .where('session_id', '=', sessionId)
    .where('participant_id', 'in', participantIds)
    .where('kind', '=', 'new_message')
    .where('created_at', '>=', since)
    .execute();
  return new Set(rows.map((row) => row.participant_id!));
}
