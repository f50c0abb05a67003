import type { Kysely } from 'kysely';
import type { OutboxMessage } from '../../../shared/outbox';
import type { Clock } from '../../clock';
import type { Database } from '../../db/schema';
import { invalid, notFound } from '../../errors';
import { type Actor, hasRole, requireRole } from '../auth/actor';
import { recordHistory } from '../history/repo';
import { loadMessageContext } from './context';
import { enqueueMessages } from './enqueue';
import { mintJoinLink, redactJoinLink } from './links';
import { listOutbox } from './outbox-repo';

export interface InvitationsDeps {
  db: Kysely<Database>;
  clock: Clock;
  publicUrl: URL;
  organizerEmail: string;
}

/** The session as the actor may act on it: its host, dispatchers and administrators. */
async function sessionFor(db: Kysely<Database>, actor: Actor, sessionId: string) {
  const session = await db
    .selectFrom('sessions')
    .select(['id', 'host_id', 'status', 'ends_at'])
    .where('organization_id', '=', actor.organizationId)
    .where('id', '=', sessionId)
    .executeTakeFirst();
  if (!session || (session.host_id !== actor.id && !hasRole(actor, 'admin', 'dispatcher'))) throw notFound('Session');
  return session;
}

export function createInvitationsService({ db, clock, publicUrl, organizerEmail }: InvitationsDeps) {
  return {
    /** "Send reminder": a reminder now to every participant, by their invitation type. */
    async sendReminder(actor: Actor, sessionId: string): Promise<{ queued: number }> {
      const session = await sessionFor(db, actor, sessionId);
      if (session.status !== 'scheduled') throw invalid([{ path: 'sessionId', message: 'Only a scheduled session can be reminded of' }]);
      return db.transaction().execute(async (trx) => {
        const context = await loadMessageContext(trx, sessionId);
        const now = clock.now();
        const queued = await enqueueMessages(trx, context, 'reminder', context.participants.map((p) => p.id), { organizerEmail, at: now });
        await recordHistory(trx, {
          organizationId: actor.organizationId,
          sessionId,
          at: now,
          type: 'reminder_requested',
          actor: { kind: 'user', id: actor.id, name: actor.name },
          summary: `Reminder requested for ${context.participants.length} participant${context.participants.length === 1 ? '' : 's'}`,
          data: { messages: queued },
        });
        return { queued };
      });
    },

    /** A fresh private link to copy, for participants invited "link only" (or a lost email). */
    async copyLink(actor: Actor, sessionId: string, participantId: string): Promise<{ url: string; expiresAt: string }> {
      const session = await sessionFor(db, actor, sessionId);
      const member = await db
        .selectFrom('session_participants')
        .select('participant_id')
        .where('session_id', '=', sessionId)
        .where('participant_id', '=', participantId)
        .executeTakeFirst();
      if (!member) throw notFound('Participant');
      const link = await mintJoinLink(db, {
        organizationId: actor.organizationId,
        sessionId,
        participantId,
        sessionEndsAt: session.ends_at,
        now: clock.now(),
        publicUrl,
      });
      return { url: link.url, expiresAt: link.expiresAt.toISOString() };
    },

    /** Every message of the organization, as recipients saw them, private links redacted. */
    async outbox(
      actor: Actor,
      filter: { sessionId?: string | undefined; status?: string | undefined; channel?: string | undefined; limit: number },
    ): Promise<OutboxMessage[]> {
      requireRole(actor, 'admin');
      const rows = await listOutbox(db, actor.organizationId, filter);
      return rows.map((row) => ({
        id: row.id,
        sessionId: row.session_id,
        participantId: row.participant_id,
        kind: row.kind,
        channel: row.channel,
        to: row.recipient,
        subject: row.subject,
        body: redactJoinLink(row.body_text, publicUrl),
        html: row.body_html && redactJoinLink(row.body_html, publicUrl),
        status: row.status,
        transport: row.transport,
        attempts: row.attempts,
        lastError: row.last_error,
        attachments: row.attachments.map((a) => ({ filename: a.filename, contentType: a.contentType })),
        createdAt: row.created_at.toISOString(),
        sentAt: row.sent_at?.toISOString() ?? null,
      }));
    },
  };
}

export type InvitationsService = ReturnType<typeof createInvitationsService>;
