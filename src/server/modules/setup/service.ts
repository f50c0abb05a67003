import type { Kysely } from 'kysely';
import type { SetupInput } from '../../../shared/setup';
import type { Clock } from '../../clock';
import { isUniqueViolation } from '../../db/errors';
import type { Database } from '../../db/schema';
import { DomainError, notFound } from '../../errors';
import { recordAudit } from '../audit';
import { consumeLink, createPasswordLink, findLiveLink, hashPassword, passwordLinkUrl, requireStrongPassword } from '../auth';
import { hasAnyOrganization, insertOrganizationUnlessNamed } from '../organization';
import { insertAdministrator } from '../users';

type Db = Kysely<Database>;

const nameTaken = () =>
  new DomainError('conflict', 'organization_exists', 'An organization with this name already exists', {
    errors: [{ path: 'organizationName', message: 'An organization with this name already exists' }],
  });
const emailTaken = () =>
  new DomainError('conflict', 'email_taken', 'A user with this email already exists', { errors: [{ path: 'adminEmail', message: 'This email is already in use' }] });

export interface NewOrganization {
  name: string;
  timeZone: string;
  locale: string;
  admin: { name: string; email: string; passwordHash: string | null };
}

/** The organization and its first administrator, in the caller's transaction; 409 for a name or email in use. */
export async function createOrganizationWithAdmin(trx: Db, organization: NewOrganization, at: Date) {
  const created = await insertOrganizationUnlessNamed(trx, { name: organization.name, timeZone: organization.timeZone, locale: organization.locale, at });
  if (!created) throw nameTaken();
  try {
    const admin = await insertAdministrator(trx, { organizationId: created.id, ...organization.admin, timeZone: organization.timeZone, at });
    await recordAudit(trx, { organizationId: created.id, actorUserId: null, action: 'organization.created', entityType: 'organization', entityId: created.id, at, data: { adminUserId: admin.id } });
    return { organizationId: created.id, adminId: admin.id };
  } catch (error) {
    if (isUniqueViolation(error, 'users_email_key')) throw emailTaken();
    throw error;
  }
}

/**
 * On a database with no organization, a new one-time setup link (24 h); earlier unused ones stop
 * working, since only their hashes were kept and they cannot be shown again. Null once set up.
 */
export async function issueSetupLink(db: Db, clock: Clock, publicUrl: URL): Promise<string | null> {
  return db.transaction().execute(async (trx) => {
    if (await hasAnyOrganization(trx)) return null;
    const link = await createPasswordLink(trx, { purpose: 'setup', organizationId: null, userId: null }, clock.now());
    return passwordLinkUrl('setup', link.token, publicUrl);
  });
}

export function createSetupService({ db, clock }: { db: Db; clock: Clock }) {
  const linkGone = () => notFound('This setup link');

  async function check(token: string): Promise<void> {
    const link = await findLiveLink(db, token, clock.now());
    if (link?.purpose !== 'setup') throw linkGone();
  }

  /** Creates the organization and its administrator with their own password; the link dies. */
  async function complete(input: SetupInput): Promise<{ organizationId: string }> {
    requireStrongPassword(input.password);
    const passwordHash = await hashPassword(input.password);
    const now = clock.now();
    return db.transaction().execute(async (trx) => {
      const link = await consumeLink(trx, input.token, now);
      if (link?.purpose !== 'setup') throw linkGone();
      const { organizationId } = await createOrganizationWithAdmin(
        trx,
        { name: input.organizationName, timeZone: input.timeZone, locale: input.locale, admin: { name: input.adminName, email: input.adminEmail, passwordHash } },
        now,
      );
      return { organizationId };
    });
  }

  return { check, complete };
}

export type SetupService = ReturnType<typeof createSetupService>;
