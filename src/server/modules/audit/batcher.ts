import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { type AuditEvent, appendAuditEvents, participantsOfSessions } from './repo';

export interface AuditBatcher {
  /** Queues an event; never waits for the database and never throws. */
  add(event: AuditEvent): void;
  /** Writes everything queued so far (retrying until it is written or `close` gives up). */
  flush(): Promise<void>;
  /** Flushes what is queued and stops; called from the app's onClose, so SIGTERM loses nothing. */
  close(): Promise<void>;
  readonly pending: number;
}

export interface AuditBatcherOptions {
  db: Kysely<Database>;
  /** The app's logger (only its `error`, with ids and counts). */
  logger: { error(fields: Record<string, unknown>, message: string): void };
  /** An event waits at most this long before it is written (1 s). */
  maxDelayMs?: number;
  /** This many queued events are written at once, without waiting (200). */
  maxBatch?: number;
  /** After a failed write, the next try waits this long (1 s). */
  retryDelayMs?: number;
}

/**
 * Reads are audited without slowing them: their events are queued in the process and written in
 * one transaction per batch. Events of a session-scoped read that do not name their patients get
 * the session's participants at write time, in one query per organization.
 */
export function createAuditBatcher({ db, logger, maxDelayMs = 1000, maxBatch = 200, retryDelayMs = 1000 }: AuditBatcherOptions): AuditBatcher {
  let queue: AuditEvent[] = [];
  let timer: NodeJS.Timeout | null = null;
  let writing: Promise<void> | null = null;
  let closed = false;

  async function withPatients(events: AuditEvent[]): Promise<AuditEvent[]> {
    const lookups = new Map<string, Set<string>>();
    for (const event of events) {
      if (event.participantIds || !event.sessionId) continue;
      lookups.set(event.organizationId, (lookups.get(event.organizationId) ?? new Set()).add(event.sessionId));
    }
    const found = new Map<string, Map<string, string[]>>();
    for (const [organizationId, sessionIds] of lookups) found.set(organizationId, await participantsOfSessions(db, organizationId, [...sessionIds]));
    return events.map((event) =>
      event.participantIds || !event.sessionId ? event : { ...event, participantIds: found.get(event.organizationId)?.get(event.sessionId) ?? [] },
    );
  }

  const append = async (events: AuditEvent[]) => {
    const complete = await withPatients(events);
    await db.transaction().execute((trx) => appendAuditEvents(trx, complete));
  };
  const codeOf = (error: unknown) => (error as { code?: string }).code ?? 'unknown';

  /**
   * After a batch failed more than once, its events are written one by one: when some succeed the
   * database is up, so an event it refuses on its own would block the queue for ever; it is
   * dropped and logged (by action and error code). When none succeed, all wait for the next try.
   */
  async function writeOneByOne(batch: AuditEvent[]): Promise<boolean> {
    const refused: { event: AuditEvent; code: string }[] = [];
    for (const event of batch) {
      await append([event]).catch((error: unknown) => refused.push({ event, code: codeOf(error) }));
    }
    if (refused.length === batch.length) {
      queue = [...batch, ...queue];
      return false;
    }
    for (const { event, code } of refused) logger.error({ code, action: event.action }, 'audit event refused by the database; dropped');
    return true;
  }

  let failures = 0;
  async function writeOnce(): Promise<boolean> {
    const batch = queue.splice(0, maxBatch);
    if (batch.length === 0) return true;
    if (failures >= 2) {
      const written = await writeOneByOne(batch);
      failures = written ? 0 : failures + 1;
      return written;
    }
    try {
      await append(batch);
      failures = 0;
      return true;
    } catch (error) {
      // Back at the front, in order; the log names no field of the events (they concern patients).
      queue = [...batch, ...queue];
      failures++;
      logger.error({ code: codeOf(error), events: batch.length }, 'audit batch write failed; will retry');
      return false;
    }
  }

  /** Writes batches until the queue is empty; one writer at a time. */
  async function writeAll(): Promise<void> {
    while (queue.length > 0) {
      if (!(await writeOnce())) {
        if (closed) return;
        await new Promise((resolve) => setTimeout(resolve, retryDelayMs));
      }
    }
  }
  function drain(): Promise<void> {
    // `.finally` runs after this assignment even when there was nothing to write.
    writing ??= writeAll().finally(() => {
      writing = null;
    });
    return writing;
  }

  function schedule() {
    if (queue.length >= maxBatch) {
      if (timer) clearTimeout(timer);
      timer = null;
      void drain();
    } else {
      timer ??= setTimeout(() => {
        timer = null;
        void drain();
      }, maxDelayMs);
    }
  }

  return {
    add(event) {
      queue.push(event);
      // After close (a response finishing during shutdown): written straight away, best effort.
      if (closed) void drain();
      else schedule();
    },
    async flush() {
      if (timer) clearTimeout(timer);
      timer = null;
      await writing;
      await drain();
    },
    async close() {
      if (timer) clearTimeout(timer);
      timer = null;
      closed = true;
      await writing;
      // A last few tries, so a database that is briefly away at shutdown still gets the events.
      for (let attempt = 0; attempt < 3 && queue.length > 0; attempt++) {
        if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, retryDelayMs));
        await drain();
      }
      if (queue.length > 0) logger.error({ events: queue.length }, 'audit events could not be written before shutdown');
    },
    get pending() {
      return queue.length;
    },
  };
}
