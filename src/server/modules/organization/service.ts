import type { Kysely } from 'kysely';
import type { OrganizationSettings, UpdateOrganization } from '../../../shared/organization';
import type { Clock } from '../../clock';
import type { Database } from '../../db/schema';
import { recordAudit } from '../audit';
import { type Actor, requireRole } from '../auth';
import * as repo from './repo';

export function createOrganizationService({ db, clock }: { db: Kysely<Database>; clock: Clock }) {
  return {
    /** Every staff member may read the booking rules (the scheduling screens use them). */
    get: (actor: Actor): Promise<OrganizationSettings> => repo.findOrganization(db, actor.organizationId),

    async update(actor: Actor, patch: UpdateOrganization): Promise<OrganizationSettings> {
      requireRole(actor, 'admin');
      return db.transaction().execute(async (trx) => {
        const before = await repo.findOrganization(trx, actor.organizationId);
        await repo.updateOrganization(trx, actor.organizationId, {
          name: patch.name,
          time_zone: patch.timeZone,
          slot_step_minutes: patch.slotStepMinutes,
          minimum_notice_minutes: patch.minimumNoticeMinutes,
          reminder_offsets_minutes: patch.reminderOffsetsMinutes,
          join_window_minutes: patch.joinWindowMinutes,
          auto_complete_minutes: patch.autoCompleteMinutes,
          preferred_units: patch.preferredUnits,
          require_mfa: patch.requireMfa,
          participant_verification: patch.participantVerification,
        });
        await recordAudit(trx, {
          organizationId: actor.organizationId,
          actorUserId: actor.id,
          action: 'organization.updated',
          entityType: 'organization',
          entityId: actor.organizationId,
          at: clock.now(),
          // The setting that lets a link open a patient's page is worth its value in the trail.
          data: { changed: Object.keys(patch), ...(patch.participantVerification ? { participantVerification: patch.participantVerification } : {}) },
        });
        if (patch.requireMfa !== undefined && patch.requireMfa !== before.requireMfa) {
          // Its own event, so an auditor finds when MFA became (or stopped being) required.
          await recordAudit(trx, {
            organizationId: actor.organizationId,
            actorUserId: actor.id,
            action: patch.requireMfa ? 'organization.mfa_required' : 'organization.mfa_not_required',
            entityType: 'organization',
            entityId: actor.organizationId,
            at: clock.now(),
          });
        }
        return repo.findOrganization(trx, actor.organizationId);
      });
    },
  };
}

export type OrganizationService = ReturnType<typeof createOrganizationService>;
