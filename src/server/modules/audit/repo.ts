import type { Kysely } from 'kysely';
import type { AuditActorKind, AuditOutcome, Database } from '../../db/schema';

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

/** Appends to the audit trail; call it inside the transaction of the change it records. */
export async function recordAudit(db: Kysely<Database>, event: AuditEvent): Promise<void> {
  await db
    .insertInto('audit_events')
    .values({
      organization_id: event.organizationId,
      actor_user_id: event.actorUserId,
      actor_kind: event.actorKind ?? (event.actorUserId ? 'user' : 'system'),
      actor_participant_id: event.actorParticipantId ?? null,
      action: event.action,
      entity_type: event.entityType,
      entity_id: event.entityId,
      participant_ids: [...(event.participantIds ?? [])],
      session_id: event.sessionId ?? null,
      outcome: event.outcome ?? 'success',
      address: event.address ?? null,
      at: event.at,
      data: JSON.stringify(event.data ?? {}),
    })
    .execute();
}
