import type { Kysely } from 'kysely';
import { joinWindow } from '../../../shared/lifecycle';
import type { PortalView } from '../../../shared/portal';
import type { Clock } from '../../clock';
import type { Database } from '../../db/schema';
import { DomainError, notFound } from '../../errors';
import { requireParticipantAccess, requireSessionAccess } from '../access';
import { type Actor, hashToken, newToken, type PortalVisitor } from '../auth';
import { sessionCalendarFile } from '../calendar';
import { recordHistory } from '../history';
import { organizationLogo } from '../organization';
import { mintJoinLink } from './links';
import * as repo from './repo';
import { createVerification, visitConfirmed } from './verification';

/** The link worked, but the clinic asks who is joining first: nothing of the session until then. */
const verificationRequired = () => new DomainError('forbidden', 'verification_required', 'Confirm who is joining before this page opens');

/** Bad, expired, tampered and canceled-session links all look the same from outside. */
const linkNotValid = () => new DomainError('not_found', 'not_found', 'This link is not valid anymore');

export function createPortalService({ db, clock, publicUrl }: { db: Kysely<Database>; clock: Clock; publicUrl: URL }) {
  async function view(visitor: PortalVisitor): Promise<PortalView & { version: number }> {
    await requireParticipantAccess(db, visitor, 'read');
    const row = (await repo.findPortalView(db, visitor.sessionId, visitor.participantId))!;
    return {
      session: {
        id: row.id,
        start: row.starts_at.toISOString(),
        end: row.ends_at.toISOString(),
        status: row.status,
        service: { name: row.service_name, durationMinutes: row.duration_minutes },
        sessionType: { name: row.session_type_name, modality: row.modality },
        host: { name: row.host_name, timeZone: row.host_time_zone },
        organization: { name: row.organization_name, logo: organizationLogo({ sha256: row.logo_sha256, width: row.logo_width, height: row.logo_height }) },
        startedAt: row.started_at?.toISOString() ?? null,
        endedAt: row.ended_at?.toISOString() ?? null,
        joinWindow: joinWindow({ start: row.starts_at, end: row.ends_at, endedAt: row.ended_at }, row.join_window_minutes, row.auto_complete_minutes),
      },
      participant: { id: row.participant_id, name: row.participant_name, timeZone: row.participant_time_zone },
      version: row.version,
    };
  }

  return {
    /** A fresh private link for staff to copy: for participants invited "link only", or a lost email. */
    async copyLink(actor: Actor, sessionId: string, participantId: string): Promise<{ url: string; expiresAt: string }> {
      const session = await requireSessionAccess(db, actor, sessionId, 'manage');
      if (!(await repo.isParticipantOf(db, sessionId, participantId))) throw notFound('Participant');
      const link = await mintJoinLink(db, { organizationId: actor.organizationId, sessionId, participantId, sessionEndsAt: session.ends_at, now: clock.now(), publicUrl });
      return { url: link.url, expiresAt: link.expiresAt.toISOString() };
    },

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
        await repo.insertPortalSignIn(trx, {
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
            data: {},
          });
        }
      });
      return { sessionId: link.session_id, portalToken, expiresAt: link.expires_at };
    },

    /**
     * The visitor behind a portal cookie, or null when it is unknown or expired. Every portal
     * route, the live channel and its rechecks come through here: a visit that has yet to confirm
     * who is joining gets 403 `verification_required` from all of them.
     */
    async visitor(portalToken: string): Promise<PortalVisitor | null> {
      const row = await repo.findPortalSignIn(db, hashToken(portalToken));
      if (!row || row.expires_at <= clock.now()) return null;
      if (!visitConfirmed(row)) throw verificationRequired();
      return { organizationId: row.organization_id, sessionId: row.session_id, participantId: row.participant_id };
    },

    /** Their session as a calendar file; it opens their page. */
    async calendarFile(visitor: PortalVisitor): Promise<{ filename: string; body: string }> {
      const { session, version } = await view(visitor);
      return sessionCalendarFile({
        organizationName: session.organization.name,
        session: { ...session, version, serviceName: session.service.name, hostName: session.host.name, sessionTypeName: session.sessionType.name },
        url: new URL('/portal', publicUrl).toString(),
        stamp: clock.now(),
      });
    },

    view,
    verification: createVerification({ db, clock }),
  };
}

export type PortalService = ReturnType<typeof createPortalService>;
