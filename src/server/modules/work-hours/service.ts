import type { Kysely } from 'kysely';
import { minutesOf, type WorkHours } from '../../../shared/work-hours';
import type { Clock } from '../../clock';
import type { Database } from '../../db/schema';
import { forbidden, notFound } from '../../errors';
import { recordAudit } from '../audit';
import { type Actor, hasRole } from '../auth';
import { findUser } from '../users';
import * as repo from './repo';

export interface WorkHoursDeps {
  db: Kysely<Database>;
  clock: Clock;
}

/** Stored in a stable order, so what is read back is what a person sees in the editor. */
function normalized(hours: WorkHours): WorkHours {
  const byStart = (a: { start: string }, b: { start: string }) => minutesOf(a.start) - minutesOf(b.start);
  return {
    timeZone: hours.timeZone,
    weekly: [...hours.weekly].sort((a, b) => a.weekday - b.weekday || byStart(a, b)),
    overrides: [...hours.overrides]
      .sort((a, b) => (a.date < b.date ? -1 : 1))
      .map((override) => ({ date: override.date, ranges: [...override.ranges].sort(byStart) })),
  };
}

/** The provider of this organization whose hours these are; anyone else is not found. */
async function findProvider(db: Kysely<Database>, actor: Actor, userId: string) {
  const user = await findUser(db, actor.organizationId, userId);
  if (!user || !user.roles.includes('provider')) throw notFound('Provider');
  return user;
}

/** Providers keep their own hours; administrators and dispatchers keep anyone's. */
function requireAccess(actor: Actor, userId: string): void {
  if (actor.id !== userId && !hasRole(actor, 'admin', 'dispatcher')) {
    throw forbidden('You can only see and change your own Work Hours');
  }
}

export function createWorkHoursService({ db, clock }: WorkHoursDeps) {
  return {
    async get(actor: Actor, userId: string): Promise<WorkHours> {
      requireAccess(actor, userId);
      const provider = await findProvider(db, actor, userId);
      return (await repo.findWorkHours(db, userId)) ?? { timeZone: provider.time_zone, weekly: [], overrides: [] };
    },

    async put(actor: Actor, userId: string, hours: WorkHours): Promise<WorkHours> {
      requireAccess(actor, userId);
      const saved = normalized(hours);
      await db.transaction().execute(async (trx) => {
        await findProvider(trx, actor, userId);
        const at = clock.now();
        await repo.saveWorkHours(trx, { userId, organizationId: actor.organizationId, hours: saved, at });
        await recordAudit(trx, {
          organizationId: actor.organizationId,
          actorUserId: actor.id,
          action: 'work_hours.updated',
          entityType: 'user',
          entityId: userId,
          at,
          data: { weeklyRanges: saved.weekly.length, overrides: saved.overrides.length, timeZone: saved.timeZone },
        });
      });
      return saved;
    },
  };
}

export type WorkHoursService = ReturnType<typeof createWorkHoursService>;
