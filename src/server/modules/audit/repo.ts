import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';

export interface AuditEvent {
  organizationId: string;
  actorUserId: string | null;
  /** `<entity>.<verb>`, e.g. `user.created`. */
  action: string;
  entityType: string;
  entityId: string | null;
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
      action: event.action,
      entity_type: event.entityType,
      entity_id: event.entityId,
      at: event.at,
      data: JSON.stringify(event.data ?? {}),
    })
    .execute();
}
