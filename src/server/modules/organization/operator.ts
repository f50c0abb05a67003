import type { Kysely } from 'kysely';
import type { Clock } from '../../clock';
import { notify } from '../../db/notify';
import type { Database } from '../../db/schema';
import { DomainError, notFound } from '../../errors';
import { recordAudit } from '../audit';
import { deleteSignInsOfOrganization } from '../auth';
import * as repo from './operator-repo';

export type { OrganizationSummary } from './operator-repo';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * What the operator of a deployment does to whole organizations (the command-line tool); no
 * staff member's request reaches these.
 */
export function createOrganizationOperator({ db, clock }: { db: Kysely<Database>; clock: Clock }) {
  /** One organization by its id or its exact name; a name several share must be given as an id. */
  async function find(reference: string) {
    const matches = await repo.findOrganizationsByReference(db, UUID.test(reference) ? { id: reference } : { name: reference });
    if (matches.length === 0) throw notFound('Organization');
    if (matches.length > 1) {
      throw new DomainError('conflict', 'ambiguous_name', `Several organizations are named so; give one of their ids: ${matches.map((m) => m.id).join(', ')}`);
    }
    return matches[0]!;
  }

  return {
    list: () => repo.listOrganizations(db),
    find,

    /**
     * Its staff cannot sign in and their open sign-ins end at once; its participants' links and
     * pages stop working. Its rows stay. Deactivating it again changes nothing.
     */
    async deactivate(reference: string) {
      const organization = await find(reference);
      if (organization.deactivatedAt) return { organization, changed: false, endedSignIns: 0 };
      const at = clock.now();
      return db.transaction().execute(async (trx) => {
        await repo.markDeactivated(trx, organization.id, at);
        const signedOut = await deleteSignInsOfOrganization(trx, organization.id);
        // Their open live channels check their sign-ins again and close.
        for (const userId of signedOut) await notify(trx, { kind: 'user', userId });
        await recordAudit(trx, {
          organizationId: organization.id,
          actorUserId: null,
          action: 'organization.deactivated',
          entityType: 'organization',
          entityId: organization.id,
          at,
          data: { by: 'operator', endedSignIns: signedOut.length },
        });
        return { organization: { ...organization, active: false, deactivatedAt: at }, changed: true, endedSignIns: signedOut.length };
      });
    },
  };
}

export type OrganizationOperator = ReturnType<typeof createOrganizationOperator>;
