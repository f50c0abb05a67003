import { type Kysely, sql } from 'kysely';
import type { AuditActorKind, AuditOutcome, Database } from '../../db/schema';
import { canonicalRowAround, type ChainedFields, GENESIS_HASH, rowHash } from './chain';

export interface AuditEvent {
  organizationId: string;
  actorUserId: string | null;
  /** Defaults to `user` with an actor user, else `system`. */
  actorKind?: AuditActorKind;
  /** The participant acting through their own link. */
  actorParticipantId?: string | null;
  /** `<entity>.<verb>`, e.g. `user.created`, `session.read`. */
  action: string;
  entityType: string;
  entityId: string | null;
  /** The patients whose information this event concerns. */
  participantIds?: readonly string[];
  sessionId?: string | null;
  /** Defaults to `success`. */
  outcome?: AuditOutcome;
  /** The client's address, as the HTTP layer resolved it (TRUST_PROXY). */
  address?: string | null;
  at: Date;
  data?: Record<string, unknown>;
}

type Db = Kysely<Database>;

const fieldsOf = (event: AuditEvent) => ({
  organization_id: event.organizationId,
  actor_user_id: event.actorUserId,
  actor_kind: event.actorKind ?? (event.actorUserId ? ('user' as const) : ('system' as const)),
  actor_participant_id: event.actorParticipantId ?? null,
  action: event.action,
  entity_type: event.entityType,
  entity_id: event.entityId,
  participant_ids: [...(event.participantIds ?? [])],
  session_id: event.sessionId ?? null,
  outcome: event.outcome ?? ('success' as const),
  address: event.address ?? null,
  at: event.at,
  data: event.data ?? {},
}) satisfies Omit<ChainedFields, 'seq'>;

/**
 * Locks the organization's chain head (creating it on the first append) and returns it. This is
 * what serializes appends from every instance; callers take it last in their transaction.
 */
async function lockHead(trx: Db, organizationId: string): Promise<{ seq: number; hash: string }> {
  return trx
    .insertInto('audit_chain_heads')
    .values({ organization_id: organizationId, seq: 0, hash: GENESIS_HASH })
    .onConflict((oc) => oc.column('organization_id').doUpdateSet({ seq: sql`audit_chain_heads.seq` }))
    .returning(['seq', 'hash'])
    .executeTakeFirstOrThrow();
}

async function appendToChain(trx: Db, organizationId: string, events: AuditEvent[]): Promise<void> {
  const head = await lockHead(trx, organizationId);
  let { seq, hash } = head;
  const rows = events.map((event) => {
    const fields = { ...fieldsOf(event), seq: ++seq };
    const prevHash = hash;
    hash = rowHash(fields, prevHash);
    return { ...fields, prev_hash: prevHash, hash, data: JSON.stringify(fields.data) };
  });
  // One statement for the rows and the head's move: the head stays locked one round trip less.
  await trx
    .with('appended', (db) => db.insertInto('audit_events').values(rows))
    .updateTable('audit_chain_heads')
    .set({ seq, hash })
    .where('organization_id', '=', organizationId)
    .execute();
}

/**
 * Appends events to their organizations' chains in one transaction (the caller's, if it is in
 * one). Organizations are locked in id order, so two appenders never wait on each other in a cycle.
 */
export async function appendAuditEvents(db: Db, events: readonly AuditEvent[]): Promise<void> {
  if (events.length === 0) return;
  const byOrganization = new Map<string, AuditEvent[]>();
  for (const event of events) byOrganization.set(event.organizationId, [...(byOrganization.get(event.organizationId) ?? []), event]);
  const append = async (trx: Db) => {
    for (const organizationId of [...byOrganization.keys()].sort()) await appendToChain(trx, organizationId, byOrganization.get(organizationId)!);
  };
  await (db.isTransaction ? append(db) : db.transaction().execute(append));
}

/**
 * One event in one statement: the head moves (the update locks it until commit) and the row is
 * hashed by the database from its canonical form around the head's seq and hash, so the head is
 * held for one round trip less than lock-then-append. Appends nothing and says false when the
 * organization has no head yet (its first event).
 */
async function appendInOneStatement(db: Db, event: AuditEvent): Promise<boolean> {
  const fields = fieldsOf(event);
  const { beforeSeq, betweenSeqAndPrevHash, end } = canonicalRowAround(fields);
  const org = fields.organization_id;
  const appended = await sql<{ seq: number }>`
    WITH moved AS (
      UPDATE audit_chain_heads AS h
      SET seq = prev.seq + 1,
        hash = encode(sha256(convert_to(${beforeSeq}::text || (prev.seq + 1)::text || ${betweenSeqAndPrevHash}::text || prev.hash || ${end}::text, 'UTF8')), 'hex')
      -- Locked before it is read: a waiting appender sees the head its predecessor committed.
      FROM (SELECT seq, hash FROM audit_chain_heads WHERE organization_id = ${org} FOR UPDATE) AS prev
      WHERE h.organization_id = ${org}
      RETURNING h.seq, prev.hash AS prev_hash, h.hash
    )
    INSERT INTO audit_events (organization_id, actor_user_id, actor_kind, actor_participant_id, action, entity_type, entity_id,
      participant_ids, session_id, outcome, address, at, data, seq, prev_hash, hash)
    SELECT ${org}::uuid, ${fields.actor_user_id}::uuid, ${fields.actor_kind}::text, ${fields.actor_participant_id}::uuid, ${fields.action}::text,
      ${fields.entity_type}::text, ${fields.entity_id}::text, ${fields.participant_ids}::uuid[], ${fields.session_id}::uuid, ${fields.outcome}::text,
      ${fields.address}::text, ${fields.at}::timestamptz, ${JSON.stringify(fields.data)}::jsonb, moved.seq, moved.prev_hash, moved.hash
    FROM moved
    RETURNING seq`.execute(db);
  return appended.rows.length > 0;
}

/**
 * Appends to the audit trail; call it inside the transaction of the change it records, after the
 * change's own writes (it locks the organization's chain head until that transaction ends).
 */
export async function recordAudit(db: Db, event: AuditEvent): Promise<void> {
  if (await appendInOneStatement(db, event)) return;
  await appendAuditEvents(db, [event]);
}

/** Who takes part in each session (the patients a session-scoped read concerns). */
export async function participantsOfSessions(db: Db, organizationId: string, sessionIds: readonly string[]): Promise<Map<string, string[]>> {
  const found = new Map<string, string[]>();
  if (sessionIds.length === 0) return found;
  const rows = await db
    .selectFrom('session_participants')
    .select(['session_id', 'participant_id'])
    .where('organization_id', '=', organizationId)
    .where('session_id', 'in', [...sessionIds])
    .orderBy('participant_id')
    .execute();
  for (const row of rows) found.set(row.session_id, [...(found.get(row.session_id) ?? []), row.participant_id]);
  return found;
}
