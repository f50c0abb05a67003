import type { Kysely } from 'kysely';
import type { OutboxMessage } from '../../../shared/outbox';
import type { Clock } from '../../clock';
import type { Database } from '../../db/schema';
import { invalid } from '../../errors';
import { requireSessionAccess } from '../access';
import { type Actor, requireRole } from '../auth';
import { recordHistory } from '../history';
import { queueSessionMessages } from './enqueue';
import { redactJoinLink } from './join-link';
import { redactOneTimeCode } from './one-time-code';
import { redactPasswordLink } from './password-link';
import { listOutbox, type OutboxFilter } from './outbox-repo';

/** Private links (join, set-password) and one-time codes were never stored: show where they stood. */
const redact = (text: string, publicUrl: URL) => redactOneTimeCode(redactPasswordLink(redactJoinLink(text, publicUrl), publicUrl));

export interface MessagingDeps {
  db: Kysely<Database>;
  clock: Clock;
  publicUrl: URL;
  organizerEmail: string;
}

export function createMessagingService({ db, clock, publicUrl, organizerEmail }: MessagingDeps) {
  return {
    /** "Send reminder": a reminder now to every participant, by their invitation type. */
    async sendReminder(actor: Actor, sessionId: string): Promise<{ queued: number }> {
      return db.transaction().execute(async (trx) => {
        const session = await requireSessionAccess(trx, actor, sessionId, 'manage');
        if (session.status !== 'scheduled') throw invalid([{ path: 'sessionId', message: 'Only a scheduled session can be reminded of' }]);
        const at = clock.now();
        const { queued, participants } = await queueSessionMessages(trx, sessionId, 'reminder', { organizerEmail, at });
        await recordHistory(trx, {
          organizationId: actor.organizationId,
          sessionId,
          at,
          type: 'reminder_requested',
          actor: { kind: 'user', id: actor.id, name: actor.name },
          data: { messages: queued, participants },
        });
        return { queued };
      });
    },

    /** Every message of the organization, as recipients saw them, private links redacted. */
    async outbox(actor: Actor, filter: OutboxFilter): Promise<OutboxMessage[]> {
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
        body: redact(row.body_text, publicUrl),
        html: row.body_html && redact(row.body_html, publicUrl),
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

export type MessagingService = ReturnType<typeof createMessagingService>;
