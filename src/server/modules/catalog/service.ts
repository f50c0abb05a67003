import type { Kysely } from 'kysely';
import type { CreateService, CreateSessionType, Service, SessionType, UpdateService, UpdateSessionType } from '../../../shared/catalog';
import { searchByName } from '../../../shared/search';
import type { Clock } from '../../clock';
import { isUniqueViolation } from '../../db/errors';
import type { Database } from '../../db/schema';
import { DomainError, invalid, notFound } from '../../errors';
import { recordAudit } from '../audit';
import { type Actor, hasRole, requireRole } from '../auth';
import { replaceServiceDefaults, requireTemplates } from '../documents';
import * as repo from './repo';

export interface CatalogDeps {
  db: Kysely<Database>;
  clock: Clock;
}

const nameTaken = (what: string) =>
  new DomainError('conflict', 'name_taken', `A ${what} with this name already exists`, {
    errors: [{ path: 'name', message: `Another ${what} already has this name` }],
  });

export function createCatalogService({ db, clock }: CatalogDeps) {
  /** Unknown ids are reported at their own index, so the form can point at them. */
  async function assertSessionTypesExist(trx: Kysely<Database>, actor: Actor, ids: string[]) {
    const existing = await repo.existingSessionTypeIds(trx, actor.organizationId, ids);
    const errors = ids.flatMap((id, index) =>
      existing.has(id) ? [] : [{ path: `sessionTypeIds.${index}`, message: 'Unknown session type' }],
    );
    if (errors.length > 0) throw invalid(errors);
  }

  const audit = (trx: Kysely<Database>, actor: Actor, action: string, entityType: string, entityId: string, data = {}) =>
    recordAudit(trx, { organizationId: actor.organizationId, actorUserId: actor.id, action, entityType, entityId, at: clock.now(), data });

  /** Inactive entries are for administrators managing the catalogue; others see what can be booked. */
  const seesInactive = (actor: Actor, asked: boolean | undefined) => Boolean(asked) && hasRole(actor, 'admin');

  return {
    listSessionTypes: (actor: Actor, filter: { includeInactive?: boolean | undefined }) =>
      repo.listSessionTypes(db, actor.organizationId, seesInactive(actor, filter.includeInactive)),

    async createSessionType(actor: Actor, input: CreateSessionType): Promise<SessionType> {
      requireRole(actor, 'admin');
      try {
        return await db.transaction().execute(async (trx) => {
          const created = await repo.insertSessionType(trx, { organizationId: actor.organizationId, ...input, at: clock.now() });
          await audit(trx, actor, 'session_type.created', 'session_type', created.id, { name: created.name });
          return created;
        });
      } catch (error) {
        if (isUniqueViolation(error, 'session_types_name_key')) throw nameTaken('session type');
        throw error;
      }
    },

    async updateSessionType(actor: Actor, id: string, patch: UpdateSessionType): Promise<SessionType> {
      requireRole(actor, 'admin');
      try {
        return await db.transaction().execute(async (trx) => {
          const updated = await repo.updateSessionType(trx, actor.organizationId, id, { ...patch, updated_at: clock.now() });
          if (!updated) throw notFound('Session type');
          await audit(trx, actor, 'session_type.updated', 'session_type', id, { changed: Object.keys(patch) });
          return updated;
        });
      } catch (error) {
        if (isUniqueViolation(error, 'session_types_name_key')) throw nameTaken('session type');
        throw error;
      }
    },

    async listServices(actor: Actor, filter: { query?: string | undefined; includeInactive?: boolean | undefined }) {
      const services = await repo.listServices(db, actor.organizationId, {
        includeInactive: seesInactive(actor, filter.includeInactive),
      });
      return searchByName(services, filter.query ?? '', (service) => service.name);
    },

    async getService(actor: Actor, id: string): Promise<Service> {
      const service = await repo.findService(db, actor.organizationId, id);
      if (!service || (!service.active && !hasRole(actor, 'admin'))) throw notFound('Service');
      return service;
    },

    async createService(actor: Actor, input: CreateService): Promise<Service> {
      requireRole(actor, 'admin');
      try {
        return await db.transaction().execute(async (trx) => {
          await assertSessionTypesExist(trx, actor, input.sessionTypeIds);
          await requireTemplates(trx, actor.organizationId, input.documentTemplateIds, 'documentTemplateIds');
          const id = await repo.insertService(trx, { organizationId: actor.organizationId, ...input, at: clock.now() });
          await repo.replaceServiceSessionTypes(trx, actor.organizationId, id, input.sessionTypeIds);
          await replaceServiceDefaults(trx, actor.organizationId, id, input.documentTemplateIds);
          await audit(trx, actor, 'service.created', 'service', id, { name: input.name });
          return (await repo.findService(trx, actor.organizationId, id))!;
        });
      } catch (error) {
        if (isUniqueViolation(error, 'services_name_key')) throw nameTaken('service');
        throw error;
      }
    },

    async updateService(actor: Actor, id: string, patch: UpdateService): Promise<Service> {
      requireRole(actor, 'admin');
      try {
        return await db.transaction().execute(async (trx) => {
          if (patch.sessionTypeIds) await assertSessionTypesExist(trx, actor, patch.sessionTypeIds);
          if (patch.documentTemplateIds) await requireTemplates(trx, actor.organizationId, patch.documentTemplateIds, 'documentTemplateIds');
          const found = await repo.updateService(trx, actor.organizationId, id, {
            name: patch.name,
            description: patch.description,
            duration_minutes: patch.durationMinutes,
            active: patch.active,
            updated_at: clock.now(),
          });
          if (!found) throw notFound('Service');
          if (patch.sessionTypeIds) await repo.replaceServiceSessionTypes(trx, actor.organizationId, id, patch.sessionTypeIds);
          if (patch.documentTemplateIds) await replaceServiceDefaults(trx, actor.organizationId, id, patch.documentTemplateIds);
          await audit(trx, actor, 'service.updated', 'service', id, { changed: Object.keys(patch) });
          return (await repo.findService(trx, actor.organizationId, id))!;
        });
      } catch (error) {
        if (isUniqueViolation(error, 'services_name_key')) throw nameTaken('service');
        throw error;
      }
    },
  };
}

export type CatalogService = ReturnType<typeof createCatalogService>;
