import type { Kysely } from 'kysely';
import type { Role } from '../../../shared/roles';
import type { CreateUserInput, StaffUser, UpdateUserInput } from '../../../shared/users';
import type { Clock } from '../../clock';
import { isUniqueViolation } from '../../db/errors';
import type { Database, UserUpdate } from '../../db/schema';
import { conflict, DomainError, notFound } from '../../errors';
import { recordAudit } from '../audit/repo';
import { type Actor, requireRole } from '../auth/actor';
import { hashPassword } from '../auth/passwords';
import { deleteSessionsOfUser } from '../auth/repo';
import * as repo from './repo';

export interface UsersDeps {
  db: Kysely<Database>;
  clock: Clock;
}

const emailTaken = () =>
  new DomainError('conflict', 'email_taken', 'A user with this email already exists', {
    errors: [{ path: 'email', message: 'This email is already in use' }],
  });

export function createUsersService({ db, clock }: UsersDeps) {
  /** Dispatchers and administrators list staff to pick session hosts; only administrators see deactivated ones. */
  async function list(actor: Actor, filter: { role?: Role | undefined; includeDeactivated?: boolean | undefined }) {
    requireRole(actor, 'admin', 'dispatcher');
    const includeDeactivated = Boolean(filter.includeDeactivated) && actor.roles.includes('admin');
    return repo.listUsers(db, actor.organizationId, { role: filter.role, includeDeactivated });
  }

  async function create(actor: Actor, input: CreateUserInput): Promise<StaffUser> {
    requireRole(actor, 'admin');
    const now = clock.now();
    const passwordHash = await hashPassword(input.password);
    try {
      return await db.transaction().execute(async (trx) => {
        const user = await repo.insertUser(trx, {
          organization_id: actor.organizationId,
          name: input.name,
          email: input.email,
          roles: input.roles,
          time_zone: input.timeZone,
          password_hash: passwordHash,
          created_at: now,
          updated_at: now,
        });
        await recordAudit(trx, {
          organizationId: actor.organizationId,
          actorUserId: actor.id,
          action: 'user.created',
          entityType: 'user',
          entityId: user.id,
          at: now,
          data: { roles: user.roles },
        });
        return user;
      });
    } catch (error) {
      if (isUniqueViolation(error, 'users_email_key')) throw emailTaken();
      throw error;
    }
  }

  async function update(actor: Actor, id: string, patch: UpdateUserInput): Promise<StaffUser> {
    requireRole(actor, 'admin');
    const now = clock.now();
    const passwordHash = patch.password ? await hashPassword(patch.password) : undefined;
    return db.transaction().execute(async (trx) => {
      const activeAdmins = await repo.lockActiveAdmins(trx, actor.organizationId);
      const current = await repo.findUser(trx, actor.organizationId, id, { forUpdate: true });
      if (!current) throw notFound('User');

      const roles = patch.roles ?? current.roles;
      const deactivated = patch.deactivated ?? current.deactivated_at !== null;
      const remainsActiveAdmin = !deactivated && roles.includes('admin');
      if (activeAdmins.includes(id) && !remainsActiveAdmin && activeAdmins.length === 1) {
        throw conflict('last_admin', 'The organization needs at least one active administrator');
      }

      const update: UserUpdate = { updated_at: now };
      if (patch.name !== undefined) update.name = patch.name;
      if (patch.roles !== undefined) update.roles = roles;
      if (patch.timeZone !== undefined) update.time_zone = patch.timeZone;
      if (patch.deactivated !== undefined) update.deactivated_at = deactivated ? (current.deactivated_at ?? now) : null;
      if (passwordHash) update.password_hash = passwordHash;
      const user = await repo.updateUser(trx, id, update);

      // Deactivation and a password reset end every open sign-in of that user at once.
      if (deactivated || passwordHash) await deleteSessionsOfUser(trx, id);
      await recordAudit(trx, {
        organizationId: actor.organizationId,
        actorUserId: actor.id,
        action: 'user.updated',
        entityType: 'user',
        entityId: id,
        at: now,
        data: { changed: Object.keys(patch).filter((key) => key !== 'password'), passwordReset: Boolean(passwordHash) },
      });
      return user;
    });
  }

  return { list, create, update };
}

export type UsersService = ReturnType<typeof createUsersService>;
