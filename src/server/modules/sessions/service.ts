import { createHash, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { HistoryEntry } from '../../../shared/history';
import type { CreatedSession, CreateSession, ListSessionsQuery, SessionDetails, SessionPage } from '../../../shared/sessions';
import type { Clock } from '../../clock';
import type { Database } from '../../db/schema';
import { DomainError, forbidden } from '../../errors';
import { requireSessionAccess } from '../access';
import { type Actor, hasRole } from '../auth';
import { sessionCalendarFile } from '../calendar';
import { listHistory } from '../history';
import { bookSession } from './booking';
import { withSlotCheck } from './change';
import { decodeCursor, encodeCursor } from './cursor';
import { findSession, findSessionDetails, listSessions } from './queries';
import * as repo from './repo';

/** Same request, same hash: keys sorted, so property order does not matter. */
function hashRequest(body: unknown): string {
  const canonical = JSON.stringify(body, (_, value) =>
    value && typeof value === 'object' && !Array.isArray(value)
      ? Object.fromEntries(Object.entries(value).sort(([a], [b]) => a.localeCompare(b)))
      : value,
  );
  return createHash('sha256').update(canonical).digest('hex');
}

export interface SessionsDeps {
  db: Kysely<Database>;
  clock: Clock;
  /** The address invitations name as their organizer (MAIL_FROM). */
  organizerEmail: string;
  publicUrl: URL;
}

export function createSessionsService({ db, clock, organizerEmail, publicUrl }: SessionsDeps) {
  const toCreated = async (trx: Kysely<Database>, actor: Actor, id: string): Promise<CreatedSession> => {
    const session = (await findSession(trx, actor.organizationId, id))!;
    const { service: _s, sessionType: _t, host: _h, documentProgress: _d, ...created } = session;
    return created;
  };

  async function get(actor: Actor, id: string): Promise<SessionDetails> {
    await requireSessionAccess(db, actor, id, 'read');
    return (await findSessionDetails(db, actor.organizationId, id))!;
  }

  return {
    /** Books a session with its participants, documents and history in one transaction. */
    async create(actor: Actor, input: CreateSession, idempotencyKey?: string): Promise<CreatedSession> {
      const sessionId = randomUUID();
      return withSlotCheck(() =>
        db.transaction().execute(async (trx) => {
          if (idempotencyKey) {
            const requestHash = hashRequest(input);
            const earlier = await repo.claimIdempotencyKey(trx, { userId: actor.id, key: idempotencyKey, requestHash, sessionId, at: clock.now() });
            if (earlier && earlier.requestHash !== requestHash) {
              throw new DomainError('unprocessable', 'idempotency_key_reused', 'This Idempotency-Key was already used for a different request');
            }
            if (earlier) return toCreated(trx, actor, earlier.sessionId);
          }
          return bookSession(trx, { clock, organizerEmail }, actor, input, sessionId);
        }),
      );
    },

    async list(actor: Actor, query: ListSessionsQuery): Promise<SessionPage> {
      const isStaffManager = hasRole(actor, 'admin', 'dispatcher');
      if (query.hostId && query.hostId !== actor.id && !isStaffManager) throw forbidden('Providers see their own sessions');
      const after = query.cursor ? decodeCursor(query.cursor) : undefined;
      const items = await listSessions(db, actor.organizationId, {
        from: query.from ? new Date(query.from) : undefined,
        to: query.to ? new Date(query.to) : undefined,
        hostId: isStaffManager ? query.hostId : actor.id,
        statuses: query.status,
        after,
        limit: query.limit + 1,
      });
      const page = items.slice(0, query.limit);
      const last = page.at(-1);
      return { items: page, nextCursor: items.length > query.limit && last ? encodeCursor(last) : null };
    },

    /** Everything that happened to the session, oldest first, for whoever may see the session. */
    async history(actor: Actor, id: string): Promise<HistoryEntry[]> {
      await requireSessionAccess(db, actor, id, 'read');
      return listHistory(db, id);
    },

    /** A provider reaches only the sessions they host; another's answers 404 like a stranger's. */
    get,

    /** The session as a calendar file for staff ("Add to calendar"), linking back to its page. */
    async calendarFile(actor: Actor, id: string): Promise<{ filename: string; body: string }> {
      const session = await get(actor, id);
      return sessionCalendarFile({
        organizationName: actor.organization.name,
        session: { ...session, serviceName: session.service.name, hostName: session.host.name, sessionTypeName: session.sessionType.name },
        url: new URL(`/sessions/${session.id}`, publicUrl).toString(),
        stamp: clock.now(),
      });
    },
  };
}

export type SessionsService = ReturnType<typeof createSessionsService>;
