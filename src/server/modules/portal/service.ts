import type { Kysely } from 'kysely';
import type { PortalView } from '../../../shared/portal';
import type { Clock } from '../../clock';
import type { Database } from '../../db/schema';
import { DomainError, notFound } from '../../errors';
import { hashToken, newToken } from '../auth/tokens';
import { recordHistory } from '../history/repo';
import * as repo from './repo';

/** A participant on their own page: one participant of one session, nothing more. */
export interface PortalVisitor {
  organizationId: string;
  sessionId: string;
  participantId: string;
}

/** Bad, expired, tampered and canceled-session links all look the same from outside. */
const linkNotValid = () => new DomainError('not_found', 'not_found', 'This link is not valid anymore');

export function createPortalService({ db, clock }: { db: Kysely<Database>; clock: Clock }) {
  return {
    /** Trades a join token for a portal session token (the cookie); the first opening goes to history. */
    async exchange(token: string): Promise<{ sessionId: string; portalToken: string; expiresAt: Date }> {
      const now = clock.now();
      const tokenHash = hashToken(token);
      const link = await repo.findJoinToken(db, tokenHash);
      if (!link || link.expires_at <= now || link.status === 'canceled') throw linkNotValid();
      const portalToken = newToken();
      await db.transaction().execute(async (trx) => {
        const firstTime = !(await repo.hasOpenedBefore(trx, link.session_id, link.participant_id));
        await repo.markJoinTokenUsed(trx, tokenHash, now);
        await repo.insertPortalSession(trx, {
          tokenHash: hashToken(portalToken),
          organizationId: link.organization_id,
          sessionId: link.session_id,
          participantId: link.participant_id,
          at: now,
          expiresAt: link.expires_at,
        });
        if (firstTime) {
          const view = await repo.findPortalView(trx, link.session_id, link.participant_id);
          await recordHistory(trx, {
            organizationId: link.organization_id,
            sessionId: link.session_id,
            at: now,
            type: 'link_opened',
            actor: { kind: 'participant', id: link.participant_id, name: view?.participant_name ?? 'Participant' },
            summary: `${view?.participant_name ?? 'A participant'} opened their session page`,
          });
        }
      });
      return { sessionId: link.session_id, portalToken, expiresAt: link.expires_at };
    },

    /** The visitor behind a portal cookie, or null when it is unknown or expired. */
    async visitor(portalToken: string): Promise<PortalVisitor | null> {
      const row = await repo.findPortalSession(db, hashToken(portalToken));
      if (!row || row.expires_at <= clock.now()) return null;
      return { organizationId: row.organization_id, sessionId: row.session_id, participantId: row.participant_id };
    },

    async view(visitor: PortalVisitor): Promise<PortalView & { version: number }> {
      const row = await repo.findPortalView(db, visitor.sessionId, visitor.participantId);
      if (!row) throw notFound('Session');
      return {
        session: {
          id: row.id,
          start: row.starts_at.toISOString(),
          end: row.ends_at.toISOString(),
          status: row.status,
          service: { name: row.service_name, durationMinutes: row.duration_minutes },
          sessionType: { name: row.session_type_name, modality: row.modality },
          host: { name: row.host_name, timeZone: row.host_time_zone },
          organization: { name: row.organization_name },
        },
        participant: { id: row.participant_id, name: row.participant_name, timeZone: row.participant_time_zone },
        version: row.version,
      };
    },
  };
}

export type PortalService = ReturnType<typeof createPortalService>;
