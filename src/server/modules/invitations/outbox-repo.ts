import { type Kysely, sql } from 'kysely';
import type { Channel, Database, MessageKind } from '../../db/schema';

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

export async function insertMessages(db: Db, messages: NewMessage[]): Promise<void> {
  if (messages.length === 0) return;
  await db
    .insertInto('outbox_messages')
    .values(
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
    )
    .execute();
}

export interface ClaimedMessage {
  id: string;
  organization_id: string;
  session_id: string | null;
  participant_id: string | null;
  participant_name: string | null;
  session_ends_at: Date | null;
  kind: MessageKind;
  channel: Channel;
  recipient: string;
  subject: string | null;
  body_text: string;
  body_html: string | null;
  attachments: { filename: string; contentType: string; content: string }[];
  attempts: number;
}

/**
 * Leases up to `limit` due messages to this worker. SKIP LOCKED lets several instances claim
 * side by side without waiting on each other; the lease (claimed_until) keeps a message from
 * being claimed twice while it is being sent, and frees it if the worker dies.
 */
export async function claimDueMessages(db: Db, now: Date, leaseUntil: Date, limit: number): Promise<ClaimedMessage[]> {
  const result = await sql<ClaimedMessage>`
    WITH claimed AS (
      UPDATE outbox_messages SET claimed_until = ${leaseUntil}
      WHERE id = ANY(ARRAY(
        SELECT id FROM outbox_messages
        WHERE status = 'queued' AND next_attempt_at <= ${now} AND (claimed_until IS NULL OR claimed_until < ${now})
        ORDER BY next_attempt_at
        LIMIT ${limit}
        FOR UPDATE SKIP LOCKED
      ))
      RETURNING *
    )
    SELECT c.id, c.organization_id, c.session_id, c.participant_id, c.kind, c.channel, c.recipient, c.subject,
      c.body_text, c.body_html, c.attachments, c.attempts, p.name AS participant_name, s.ends_at AS session_ends_at
    FROM claimed c
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
    .set((eb) => ({
      status: outcome.sent ? 'sent' : outcome.retryAt ? 'queued' : 'failed',
      transport: outcome.transport,
      provider_id: outcome.providerId ?? null,
      attempts: eb('attempts', '+', 1),
      claimed_until: null,
      last_error: outcome.error ?? null,
      sent_at: outcome.sent ? outcome.at : null,
      ...(outcome.retryAt ? { next_attempt_at: outcome.retryAt } : {}),
    }))
    .where('id', '=', outcome.id)
    .execute();
  await db
    .insertInto('outbox_attempts')
    .values({ message_id: outcome.id, at: outcome.at, outcome: outcome.sent ? 'sent' : 'failed', transport: outcome.transport, error: outcome.error ?? null })
    .execute();
}

export async function listOutbox(
  db: Db,
  organizationId: string,
  filter: { sessionId?: string | undefined; status?: string | undefined; channel?: string | undefined; limit: number },
) {
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
  if (filter.status) query = query.where('status', '=', filter.status as 'queued');
  if (filter.channel) query = query.where('channel', '=', filter.channel as Channel);
  return query.orderBy('created_at', 'desc').orderBy('id').limit(filter.limit).execute();
}
