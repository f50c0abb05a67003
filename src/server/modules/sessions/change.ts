import type { Kysely } from 'kysely';
import type { HistoryEvent } from '../../../shared/history';
import type { Clock } from '../../clock';
import { isExclusionViolation, isTransactionConflict } from '../../db/errors';
import { notify } from '../../db/notify';
import type { Database } from '../../db/schema';
import { isOver, isPlanned } from '../../../shared/lifecycle';
import { conflict, DomainError } from '../../errors';
import { requireSessionAccess, type SessionRow } from '../access';
import type { Actor } from '../auth';
import { recordHistory } from '../history';

export type Db = Kysely<Database>;
export type { SessionRow };

export interface ManagementDeps {
  db: Db;
  clock: Clock;
  /** The address invitations name as their organizer (MAIL_FROM). */
  organizerEmail: string;
}

const slotUnavailable = () => new DomainError('conflict', 'slot_unavailable', 'The host already has a session at this time. Choose another time.');

const TRIES = 3;
const pause = (attempt: number) => new Promise((resolve) => setTimeout(resolve, (5 + Math.random() * 20) * attempt));

/**
 * Runs a booking or a move (`work` is a whole transaction); the database's no-overlap constraint
 * refusing it becomes 409 `slot_unavailable`. On PostgreSQL, overlapping bookings inserted at the
 * same instant can deadlock (40P01) inside the constraint's check: the loser runs again after a
 * random pause, and then either books or meets the winner's committed row (409). A booking that
 * keeps losing lost the race for this time: 409 as well.
 */
export async function withSlotCheck<T>(work: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (isExclusionViolation(error, 'sessions_no_overlap')) throw slotUnavailable();
      if (!isTransactionConflict(error)) throw error;
      if (attempt === TRIES) throw slotUnavailable();
      await pause(attempt);
    }
  }
}

/**
 * Runs `work` on the session locked for a change, in one transaction: whoever may manage it (the
 * access policy), the change, its history and its messages commit together or not at all.
 */
export function changeSession<T>(deps: ManagementDeps, actor: Actor, sessionId: string, work: (trx: Db, row: SessionRow) => Promise<T>): Promise<T> {
  return withSlotCheck(() =>
    deps.db.transaction().execute(async (trx) => {
      const result = await work(trx, await requireSessionAccess(trx, actor, sessionId, 'manage', { lock: true }));
      // Open pages reload the session, and live channels check their access again (a canceled
      // session or a removed participant closes theirs). Delivered at commit, never on rollback.
      await notify(trx, { kind: 'session', sessionId });
      return result;
    }),
  );
}

const stateWord = (row: SessionRow) => row.status.replace('_', ' ');

/** Time, host, service and type change only before the session starts. */
export function requirePlanned(row: SessionRow): void {
  if (!isPlanned(row.status)) throw conflict('invalid_state', `This session is ${stateWord(row)}: its time, host and service can no longer change`);
}

/** Participants and documents change until the session is over. */
export function requireNotOver(row: SessionRow): void {
  if (isOver(row.status)) throw conflict('invalid_state', `This session is ${stateWord(row)}: it can no longer be changed`);
}

export function requireVersion(row: SessionRow, version: number | undefined): void {
  if (version !== undefined && version !== row.version) {
    throw conflict('version_conflict', 'Someone changed this session since you opened it. Reload to see the latest.');
  }
}

/** Appends to the session's history what the staff member did. */
export const recordChange = (trx: Db, clock: Clock, actor: Actor, row: SessionRow, event: HistoryEvent) =>
  recordHistory(trx, { organizationId: row.organization_id, sessionId: row.id, at: clock.now(), actor: { kind: 'user', id: actor.id, name: actor.name }, ...event });
