import type { Kysely } from 'kysely';
import { AUDIT_EXPORT_LIMIT, AUDIT_PAGE_SIZE, type AuditChain, type AuditFilter, type AuditItem, type AuditPage, type AuditQuery } from '../../../shared/audit';
import type { Clock } from '../../clock';
import type { Database } from '../../db/schema';
import { invalid } from '../../errors';
import { recordAudit, verifyAuditChain } from '../audit';
import { type Actor, requireRole } from '../auth';
import { csvRow } from './csv';
import { type AuditCursor, findCursor, listEvents } from './repo';

const EXPORT_BATCH = 1_000;

const HEADER = ['at_utc', 'actor_kind', 'actor_id', 'actor_name', 'action', 'outcome', 'entity_type', 'entity_id', 'entity_name', 'session_id', 'session_title', 'participant_ids', 'participant_names'];

const rowOf = (item: AuditItem) => [
  item.at,
  item.actor.kind,
  item.actor.id ?? '',
  item.actor.name ?? '',
  item.action,
  item.outcome,
  item.entity.type,
  item.entity.id ?? '',
  item.entity.name ?? '',
  item.sessionId ?? '',
  item.session?.title ?? '',
  item.participantIds.join(' '),
  item.participants.map((p) => p.name).join('; '),
];

/** The Audit page's reading of the trail: administrators only, their own organization only. */
export function createAuditLog({ db, clock }: { db: Kysely<Database>; clock: Clock }) {
  return {
    async list(actor: Actor, { cursor, ...filter }: AuditQuery): Promise<AuditPage> {
      requireRole(actor, 'admin');
      let after: AuditCursor | null = null;
      if (cursor) {
        after = await findCursor(db, actor.organizationId, Number(cursor));
        if (!after) throw invalid([{ path: 'cursor', message: 'Use the nextCursor of the previous page' }]);
      }
      // One more than a page says whether another page follows without a count.
      const items = await listEvents(db, actor.organizationId, filter, after, AUDIT_PAGE_SIZE + 1);
      const page = items.slice(0, AUDIT_PAGE_SIZE);
      return { items: page, nextCursor: items.length > AUDIT_PAGE_SIZE ? page.at(-1)!.id : null };
    },

    /** Walks the organization's whole hash chain: intact, or the first link that does not hold. */
    async chain(actor: Actor): Promise<AuditChain> {
      requireRole(actor, 'admin');
      return verifyAuditChain(db, actor.organizationId);
    },

    /** The filtered trail as CSV, up to AUDIT_EXPORT_LIMIT rows; the export itself is an audit event. */
    async exportCsv(actor: Actor, filter: AuditFilter, address: string | null): Promise<{ filename: string; csv: string }> {
      requireRole(actor, 'admin');
      const lines = [csvRow(HEADER)];
      let after: AuditCursor | null = null;
      let rows = 0;
      while (rows < AUDIT_EXPORT_LIMIT) {
        const wanted = Math.min(EXPORT_BATCH, AUDIT_EXPORT_LIMIT - rows);
        const batch = await listEvents(db, actor.organizationId, filter, after, wanted);
        for (const item of batch) lines.push(csvRow(rowOf(item)));
        rows += batch.length;
        if (batch.length < wanted) break;
        after = { id: Number(batch.at(-1)!.id) };
      }
      const at = clock.now();
      await recordAudit(db, {
        organizationId: actor.organizationId,
        actorUserId: actor.id,
        action: 'audit.exported',
        entityType: 'audit_events',
        entityId: null,
        participantIds: filter.participantId ? [filter.participantId] : [],
        sessionId: filter.sessionId ?? null,
        address,
        at,
        data: { filters: filter, rows, truncated: rows === AUDIT_EXPORT_LIMIT },
      });
      return { filename: `carebeam-audit-${at.toISOString().slice(0, 10)}.csv`, csv: lines.join('') };
    },
  };
}

export type AuditLog = ReturnType<typeof createAuditLog>;
