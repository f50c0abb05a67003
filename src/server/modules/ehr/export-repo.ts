import { type Kysely, sql } from 'kysely';
import type { EhrExport } from '../../../shared/ehr';
import type { Database, EhrItemKind } from '../../db/schema';
import { outcomeIssues } from './fhir-mapper';

type Db = Kysely<Database>;

/**
 * Queues a send of the session. A session has at most one queued send (and one automatic send
 * ever): returns the new send's id, or null when one of those already exists.
 */
export async function insertExport(db: Db, row: { organizationId: string; sessionId: string; trigger: 'manual' | 'auto' | 'retry'; requestedBy: string | null; at: Date }): Promise<string | null> {
  const inserted = await db
    .insertInto('ehr_exports')
    .values({ organization_id: row.organizationId, session_id: row.sessionId, trigger: row.trigger, requested_by: row.requestedBy, next_attempt_at: row.at, created_at: row.at })
    .onConflict((oc) => oc.doNothing())
    .returning('id')
    .executeTakeFirst();
  return inserted?.id ?? null;
}

export async function queuedExportOf(db: Db, sessionId: string): Promise<string | undefined> {
  return (await db.selectFrom('ehr_exports').select('id').where('session_id', '=', sessionId).where('status', '=', 'queued').executeTakeFirst())?.id;
}

export function findExport(db: Db, sessionId: string, exportId: string) {
  return db.selectFrom('ehr_exports').selectAll().where('session_id', '=', sessionId).where('id', '=', exportId).executeTakeFirst();
}

export interface ClaimedExport {
  id: string;
  organization_id: string;
  session_id: string;
  attempts: number;
  /** The operator deactivated the send's organization since it was queued: it must not go. */
  organization_deactivated: boolean;
}

/** Leases up to `limit` due sends to this worker; SKIP LOCKED lets instances claim side by side. */
export async function claimDueExports(db: Db, now: Date, leaseUntil: Date, limit: number): Promise<ClaimedExport[]> {
  const result = await sql<ClaimedExport>`
    UPDATE ehr_exports SET claimed_until = ${leaseUntil}
    FROM organizations o
    WHERE o.id = ehr_exports.organization_id AND ehr_exports.id = ANY(ARRAY(
      SELECT id FROM ehr_exports
      WHERE status = 'queued' AND next_attempt_at <= ${now} AND (claimed_until IS NULL OR claimed_until < ${now})
      ORDER BY next_attempt_at
      LIMIT ${limit}
      FOR UPDATE SKIP LOCKED
    ))
    RETURNING ehr_exports.id, ehr_exports.organization_id, ehr_exports.session_id, ehr_exports.attempts, o.deactivated_at IS NOT NULL AS organization_deactivated`.execute(db);
  return result.rows;
}

/** What one entry of a sent Bundle became in the EHR. */
export interface SentItem {
  kind: EhrItemKind;
  id: string;
  resourceType: string;
  fhirId: string | null;
  httpStatus: string;
}

export interface AttemptOutcome {
  id: string;
  at: Date;
  httpStatus: number | null;
  error: string | null;
  /** The EHR's OperationOutcome, kept with a failed send. */
  outcome?: unknown;
}

/** Records one attempt: sent (with what each entry became), to be retried at `retryAt`, or failed for good. */
export async function recordAttempt(
  db: Db,
  attempt: AttemptOutcome & ({ result: 'sent'; items: SentItem[] } | { result: 'retrying'; retryAt: Date } | { result: 'failed' }),
): Promise<void> {
  await db
    .updateTable('ehr_exports')
    .set((eb) => ({
      status: attempt.result === 'retrying' ? 'queued' : attempt.result,
      attempts: eb('attempts', '+', 1),
      claimed_until: null,
      last_error: attempt.error,
      outcome: attempt.outcome ? JSON.stringify(attempt.outcome) : null,
      ...(attempt.result === 'retrying' ? { next_attempt_at: attempt.retryAt } : { finished_at: attempt.at }),
    }))
    .where('id', '=', attempt.id)
    .execute();
  await db.insertInto('ehr_export_attempts').values({ export_id: attempt.id, at: attempt.at, outcome: attempt.result, http_status: attempt.httpStatus, error: attempt.error }).execute();
  if (attempt.result === 'sent' && attempt.items.length > 0) {
    await db
      .insertInto('ehr_export_items')
      .values(attempt.items.map((item) => ({ export_id: attempt.id, item_kind: item.kind, item_id: item.id, resource_type: item.resourceType, fhir_id: item.fhirId, http_status: item.httpStatus })))
      .execute();
  }
}

/** Every item of the session that a send delivered. */
export async function deliveredItemIds(db: Db, sessionId: string): Promise<Set<string>> {
  const rows = await db
    .selectFrom('ehr_export_items as i')
    .innerJoin('ehr_exports as e', 'e.id', 'i.export_id')
    .select('i.item_id')
    .where('e.session_id', '=', sessionId)
    .where('e.status', '=', 'sent')
    .execute();
  return new Set(rows.map((row) => row.item_id));
}

/** The session's sends, newest first, with their attempts and items. */
export async function exportsOf(db: Db, sessionId: string): Promise<EhrExport[]> {
  const exports = await db
    .selectFrom('ehr_exports as e')
    .leftJoin('users as u', 'u.id', 'e.requested_by')
    .selectAll('e')
    .select('u.name as requested_by_name')
    .where('e.session_id', '=', sessionId)
    .orderBy('e.seq', 'desc')
    .execute();
  if (exports.length === 0) return [];
  const ids = exports.map((e) => e.id);
  const attempts = await db.selectFrom('ehr_export_attempts').selectAll().where('export_id', 'in', ids).orderBy('id').execute();
  const items = await db.selectFrom('ehr_export_items').selectAll().where('export_id', 'in', ids).execute();
  return exports.map((e) => ({
    id: e.id,
    status: e.status,
    trigger: e.trigger,
    requestedBy: e.requested_by && e.requested_by_name ? { id: e.requested_by, name: e.requested_by_name } : null,
    createdAt: e.created_at.toISOString(),
    finishedAt: e.finished_at?.toISOString() ?? null,
    attempts: attempts.filter((a) => a.export_id === e.id).map((a) => ({ at: a.at.toISOString(), outcome: a.outcome, httpStatus: a.http_status, error: a.error })),
    nextAttemptAt: e.status === 'queued' ? e.next_attempt_at.toISOString() : null,
    error: e.last_error,
    outcome: outcomeIssues(e.outcome),
    items: items.filter((i) => i.export_id === e.id).map((i) => ({ kind: i.item_kind, id: i.item_id, resourceType: i.resource_type, fhirId: i.fhir_id, httpStatus: i.http_status })),
  }));
}

/**
 * Completed sessions of active organizations that send automatically and have a connection, which
 * were never sent: the automatic send's work list.
 */
export async function completedSessionsToSend(db: Db, limit: number): Promise<{ id: string; organization_id: string }[]> {
  return db
    .selectFrom('sessions as s')
    .innerJoin('ehr_connections as c', 'c.organization_id', 's.organization_id')
    .innerJoin('organizations as o', 'o.id', 's.organization_id')
    .select(['s.id', 's.organization_id'])
    .where('o.deactivated_at', 'is', null)
    .where('s.status', '=', 'completed')
    .where('c.auto_send', '=', true)
    .where(({ not, exists, selectFrom }) => not(exists(selectFrom('ehr_exports as e').select('e.id').whereRef('e.session_id', '=', 's.id'))))
    .orderBy('s.ended_at')
    .limit(limit)
    .execute();
}
