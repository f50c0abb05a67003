import type { Kysely } from 'kysely';
import type { Availability } from '../../../shared/availability';
import type { Clock } from '../../clock';
import type { Database } from '../../db/schema';
import { forbidden, invalid, notFound } from '../../errors';
import { type Actor, hasRole } from '../auth';
import { freeSlotStarts } from './engine';
import { isoInstant } from './iso';
import { busyIntervals, findHostAndService } from './repo';
import { resolveWindow } from './window';

export interface AvailabilityQuery {
  hostId: string;
  serviceId: string;
  /** Default: now. */
  from?: string | undefined;
  /** Default: the longest window after `from`. */
  to?: string | undefined;
  /** At most this many slots, the earliest: `limit=1` finds the first free time. */
  limit?: number | undefined;
}

const MINUTE = 60_000;

export function createAvailabilityService({ db, clock }: { db: Kysely<Database>; clock: Clock }) {
  return {
    /** The free times of a host for a service, exactly as a booking would accept them. */
    async freeSlots(actor: Actor, query: AvailabilityQuery): Promise<Availability> {
      if (actor.id !== query.hostId && !hasRole(actor, 'admin', 'dispatcher')) {
        throw forbidden('Providers can only see their own availability');
      }
      const found = await findHostAndService(db, actor.organizationId, query.hostId, query.serviceId);
      if (!found || found.host.deactivated) throw notFound('Host');
      const { host, service } = found;
      if (!host.roles.includes('provider')) throw invalid([{ path: 'hostId', message: 'This user is not a provider' }]);
      if (!service || !service.active) throw notFound('Service');

      const now = clock.now().getTime();
      const window = resolveWindow(query.from, query.to, host.workHours.timeZone, now);
      if ('errors' in window) throw invalid(window.errors);

      const duration = service.durationMinutes * MINUTE;
      const busy = await busyIntervals(db, host.id, new Date(window.from), new Date(window.to + duration));
      const starts = freeSlotStarts({
        workHours: host.workHours,
        busy,
        durationMinutes: service.durationMinutes,
        stepMinutes: host.slotStepMinutes,
        notBefore: now + host.minimumNoticeMinutes * MINUTE,
        from: window.from,
        to: window.to,
      });
      return {
        hostId: host.id,
        timeZone: host.workHours.timeZone,
        slots: starts.slice(0, query.limit).map((start) => ({ start: isoInstant(start), end: isoInstant(start + duration) })),
      };
    },
  };
}

export type AvailabilityService = ReturnType<typeof createAvailabilityService>;
