import type { Kysely } from 'kysely';
import type { CartReading, Correction, NewReading, Reading } from '../../../shared/medcart';
import { checkReading, type ReadingKind, type ReadingValues } from '../../../shared/vitals';
import type { Clock } from '../../clock';
import { notify } from '../../db/notify';
import type { Database } from '../../db/schema';
import { conflict, DomainError, notFound } from '../../errors';
import { requireSessionAccess, type SessionRow } from '../access';
import { type Actor, hasRole } from '../auth';
import { recordHistory } from '../history';
import * as carts from './carts-repo';
import * as repo from './readings-repo';

type Db = Kysely<Database>;

/** A device's clock may run a little ahead of ours; more than this is a reading from the future. */
const CLOCK_SKEW_MS = 5 * 60_000;
/** Earlier sessions' readings shown beside this one's trend. */
const EARLIER_LIMIT = 500;

/** A reading that cannot be true, or cannot be understood: 422 naming each field. */
const unprocessable = (errors: { path: string; message: string }[]) =>
  new DomainError('unprocessable', 'invalid_reading', 'The reading cannot be stored as sent', { errors });

export interface ReadingInput extends ReadingValues {
  kind: ReadingKind;
  unit: string;
  effectiveAt?: string | undefined;
}

/** Checks a reading and gives the columns it is stored with; throws 422 before anything is written. */
function readingColumns(input: ReadingInput, now: Date) {
  const { reading, problems } = checkReading(input.kind, input);
  const effectiveAt = input.effectiveAt ? new Date(input.effectiveAt) : now;
  if (effectiveAt.getTime() > now.getTime() + CLOCK_SKEW_MS) problems.push({ path: 'effectiveAt', message: 'A reading cannot be taken in the future' });
  if (!reading || problems.length > 0) throw unprocessable(problems);
  return {
    kind: input.kind,
    value: reading.value,
    systolic: reading.components?.systolic ?? null,
    diastolic: reading.components?.diastolic ?? null,
    unit: reading.unit,
    original_value: input.value ?? null,
    original_systolic: input.components?.systolic ?? null,
    original_diastolic: input.components?.diastolic ?? null,
    original_unit: input.unit,
    flag: reading.flag,
    effective_at: effectiveAt,
    recorded_at: now,
  };
}

/**
 * Whose reading it is: the participant named, else the one the session's cart is attached to,
 * else the session's only participant.
 */
async function participantFor(db: Db, sessionId: string, named: string | undefined): Promise<string> {
  const participants = await carts.participantsOf(db, sessionId);
  const ids = participants.map((p) => p.id);
  if (named) {
    if (!ids.includes(named)) throw unprocessable([{ path: 'participantId', message: 'Not a participant of this session' }]);
    return named;
  }
  const attached = await carts.sessionCart(db, sessionId);
  if (attached.participantId && ids.includes(attached.participantId)) return attached.participantId;
  if (ids.length === 1) return ids[0]!;
  throw unprocessable([{ path: 'participantId', message: 'Choose whose reading this is' }]);
}

function requireOpen(session: Pick<SessionRow, 'status'>): void {
  if (session.status === 'canceled') throw conflict('invalid_state', 'This session was canceled');
}

export function createReadingsService({ db, clock }: { db: Db; clock: Clock }) {
  return {
    async list(actor: Actor, sessionId: string): Promise<Reading[]> {
      await requireSessionAccess(db, actor, sessionId, 'read');
      return repo.sessionReadings(db, sessionId);
    },

    /** The participants' readings from their earlier sessions that the caller may see, for trends. */
    async earlier(actor: Actor, sessionId: string): Promise<Reading[]> {
      const session = await requireSessionAccess(db, actor, sessionId, 'read');
      const participants = await carts.participantsOf(db, sessionId);
      return repo.earlierReadings(db, {
        organizationId: actor.organizationId,
        participantIds: participants.map((p) => p.id),
        before: session.starts_at,
        hostId: hasRole(actor, 'admin', 'dispatcher') ? null : actor.id,
        limit: EARLIER_LIMIT,
      });
    },

    /** A reading the host (or other staff of the session) enters during or after it. */
    async record(actor: Actor, sessionId: string, input: NewReading): Promise<Reading> {
      return db.transaction().execute(async (trx) => {
        const session = await requireSessionAccess(trx, actor, sessionId, 'manage');
        requireOpen(session);
        const now = clock.now();
        const columns = readingColumns(input, now);
        const participantId = await participantFor(trx, sessionId, input.participantId);
        const reading = await repo.insertReading(
          trx,
          {
            ...columns,
            organization_id: session.organization_id,
            session_id: sessionId,
            participant_id: participantId,
            source: 'manual',
            cart_id: null,
            device_label: null,
            entered_by: actor.id,
            corrects: null,
            client_reading_id: null,
            raw_payload: null,
          },
          { cart: null, enteredBy: actor.name },
        );
        await recordHistory(trx, {
          organizationId: session.organization_id,
          sessionId,
          at: now,
          type: 'reading_recorded',
          actor: { kind: 'user', id: actor.id, name: actor.name },
          data: { readingId: reading.id, kind: input.kind, source: 'manual', cartName: null },
        });
        await notify(trx, { kind: 'medcart', sessionId, change: 'reading' });
        return reading;
      });
    },

    /** Marks a reading entered-in-error and adds the right one in its place; nothing is deleted. */
    async correct(actor: Actor, sessionId: string, readingId: string, input: Correction): Promise<Reading> {
      return db.transaction().execute(async (trx) => {
        const session = await requireSessionAccess(trx, actor, sessionId, 'manage', { lock: true });
        const old = await repo.findReading(trx, sessionId, readingId);
        if (!old) throw notFound('Reading');
        if (old.status !== 'final') throw conflict('already_corrected', 'This reading was already corrected');
        const now = clock.now();
        // The same measurement with the right value: its time stays unless given.
        const columns = readingColumns({ ...input, kind: old.kind, effectiveAt: input.effectiveAt ?? old.effectiveAt }, now);
        const reading = await repo.insertReading(
          trx,
          {
            ...columns,
            organization_id: session.organization_id,
            session_id: sessionId,
            participant_id: old.participantId,
            source: 'manual',
            cart_id: null,
            device_label: old.deviceLabel,
            entered_by: actor.id,
            corrects: old.id,
            client_reading_id: null,
            raw_payload: null,
          },
          { cart: null, enteredBy: actor.name },
        );
        if (!(await repo.markEnteredInError(trx, old.id, reading.id))) throw conflict('already_corrected', 'This reading was already corrected');
        await recordHistory(trx, {
          organizationId: session.organization_id,
          sessionId,
          at: now,
          type: 'reading_corrected',
          actor: { kind: 'user', id: actor.id, name: actor.name },
          data: { readingId: reading.id, correctedReadingId: old.id, kind: old.kind },
        });
        await notify(trx, { kind: 'medcart', sessionId, change: 'reading' });
        return reading;
      });
    },

    /**
     * A reading posted by a cart, only into a session it is attached to (else 404, as if the
     * session did not exist). A retry with the same `clientReadingId` returns the first reading.
     */
    async recordFromCart(cart: { id: string; organizationId: string; name: string }, input: CartReading): Promise<{ reading: Reading; created: boolean }> {
      const earlier = await repo.findCartReading(db, cart.id, input.clientReadingId);
      if (earlier) return { reading: earlier, created: false };
      try {
        return await db.transaction().execute(async (trx) => {
          const session = await carts.attachedSession(trx, cart, input.sessionId);
          if (!session) throw notFound('Session');
          requireOpen(session);
          const now = clock.now();
          const columns = readingColumns(input, now);
          // The participant the cart was attached for, unless the cart names another.
          const participantId = !input.participantId && session.participant_id ? session.participant_id : await participantFor(trx, session.id, input.participantId);
          const reading = await repo.insertReading(
            trx,
            {
              ...columns,
              organization_id: cart.organizationId,
              session_id: session.id,
              participant_id: participantId,
              source: 'cart',
              cart_id: cart.id,
              device_label: input.deviceLabel ?? null,
              entered_by: null,
              corrects: null,
              client_reading_id: input.clientReadingId,
              raw_payload: JSON.stringify(input),
            },
            { cart: cart.name, enteredBy: null },
          );
          await carts.touchCart(trx, cart.id, now);
          await recordHistory(trx, {
            organizationId: cart.organizationId,
            sessionId: session.id,
            at: now,
            type: 'reading_recorded',
            actor: { kind: 'system', id: null, name: cart.name },
            data: { readingId: reading.id, kind: input.kind, source: 'cart', cartName: cart.name },
          });
          await notify(trx, { kind: 'medcart', sessionId: session.id, change: 'reading' });
          return { reading, created: true };
        });
      } catch (error) {
        // Two copies of one retry raced: the second finds the first's reading.
        const first = await repo.findCartReading(db, cart.id, input.clientReadingId);
        if (first) return { reading: first, created: false };
        throw error;
      }
    },
  };
}

export type ReadingsService = ReturnType<typeof createReadingsService>;
