import type { Kysely } from 'kysely';
import type { Role } from '../../../shared/roles';
import type { CreateUserInput, StaffUser, UpdateUserInput } from '../../../shared/users';
import type { Clock } from '../../clock';
import { isUniqueViolation } from '../../db/errors';
import { notify } from '../../db/notify';
import type { Database, UserUpdate } from '../../db/schema';
import { conflict, DomainError, notFound } from '../../errors';
import { recordAudit } from '../audit';
import { type Actor, deleteSignInsOfUser, endLiveLinks, requireRole, usersWithLiveInvite } from '../auth';
import type { SendPasswordLink } from './invitations';
import * as repo from './repo';

export interface UsersDeps {
  db: Kysely<Database>;
  clock: Clock;
  sendPasswordLink: SendPasswordLink;
}

const emailTaken = () =>
  new DomainError('conflict', 'email_taken', 'A user with this email already exists', {
    errors: [{ path: 'email', message: 'This email is already in use' }],
  });

export function createUsersService({ db, clock, sendPasswordLink }: UsersDeps) {
  async function present(trx: Kysely<Database>, rows: repo.StaffRow[]): Promise<StaffUser[]> {
    const live = await usersWithLiveInvite(trx, rows.filter((row) => row.invited).map((row) => row.id), clock.now());
    return rows.map((row) => repo.toStaffUser(row, live));
  }
  const presentOne = async (trx: Kysely<Database>, row: repo.StaffRow) => (await present(trx, [row]))[0]!;

  const audit = (trx: Kysely<Database>, actor: Actor, action: string, userId: string, at: Date, data: Record<string, unknown> = {}) =>
    recordAudit(trx, { organizationId: actor.organizationId, actorUserId: actor.id, action, entityType: 'user', entityId: userId, at, data });

  const inviteeOf = (actor: Actor, user: repo.StaffRow) => ({
    id: user.id,
    name: user.name,
    email: user.email,
    timeZone: user.time_zone,
    organizationId: actor.organizationId,
    organizationName: actor.organization.name,
  });

  /** Dispatchers and administrators list staff to pick session hosts; only administrators see deactivated ones. */
  async function list(actor: Actor, filter: { role?: Role | undefined; includeDeactivated?: boolean | undefined }) {
    requireRole(actor, 'admin', 'dispatcher');
    const includeDeactivated = Boolean(filter.includeDeactivated) && actor.roles.includes('admin');
    return present(db, await repo.listUsers(db, actor.organizationId, { role: filter.role, includeDeactivated }));
  }

  /** Adds a staff member with no password and emails them a link to choose one. */
  async function create(actor: Actor, input: CreateUserInput): Promise<StaffUser> {
    requireRole(actor, 'admin');
    const now = clock.now();
    try {
      return await db.transaction().execute(async (trx) => {
        const user = await repo.insertUser(trx, {
          organization_id: actor.organizationId,
          name: input.name,
          email: input.email,
          roles: input.roles,
          time_zone: input.timeZone,
          password_hash: null,
          created_at: now,
          updated_at: now,
        });
        await sendPasswordLink(trx, inviteeOf(actor, user), 'invite', now);
        await audit(trx, actor, 'user.created', user.id, now, { roles: user.roles, invited: true });
        return presentOne(trx, user);
      });
    } catch (error) {
      if (isUniqueViolation(error, 'users_email_key')) throw emailTaken();
      throw error;
    }
  }

  /** An invited staff member's row, locked; 404 for anyone else, 409 once they chose a password. */
  async function lockInvited(trx: Kysely<Database>, actor: Actor, id: string) {
    const user = await repo.findUser(trx, actor.organizationId, id, { forUpdate: true });
    if (!user) throw notFound('User');
    if (!user.invited) throw conflict('not_invited', 'This user already chose a password');
    if (user.deactivated_at) throw conflict('deactivated', 'This user is deactivated');
    return user;
  }

  /** A new invitation email; the earlier link stops working. */
  async function resendInvitation(actor: Actor, id: string): Promise<StaffUser> {
    requireRole(actor, 'admin');
    const now = clock.now();
    return db.transaction().execute(async (trx) => {
      const user = await lockInvited(trx, actor, id);
      await sendPasswordLink(trx, inviteeOf(actor, user), 'invite', now);
      await audit(trx, actor, 'user.invitation_resent', id, now);
      return presentOne(trx, user);
    });
  }

  /** The emailed link stops working; the user stays (they may host sessions) until resent or deactivated. */
  async function revokeInvitation(actor: Actor, id: string): Promise<StaffUser> {
    requireRole(actor, 'admin');
    const now = clock.now();
    return db.transaction().execute(async (trx) => {
      const user = await lockInvited(trx, actor, id);
      await endLiveLinks(trx, { userId: id }, now);
      await audit(trx, actor, 'user.invitation_revoked', id, now);
      return presentOne(trx, user);
    });
  }

  async function update(actor: Actor, id: string, patch: UpdateUserInput): Promise<StaffUser> {
    requireRole(actor, 'admin');
    const now = clock.now();
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
      const user = await repo.updateUser(trx, id, update);

      // Deactivation ends every open sign-in and password link of that user at once.
      if (deactivated) {
        await deleteSignInsOfUser(trx, id);
        await endLiveLinks(trx, { userId: id }, now);
      }
      // Roles decide what a live channel may show: open channels check again.
      await notify(trx, { kind: 'user', userId: id });
      await audit(trx, actor, 'user.updated', id, now, { changed: Object.keys(patch) });
      return presentOne(trx, user);
    });
  }

  return { list, create, update, resendInvitation, revokeInvitation };
}

export type UsersService = ReturnType<typeof createUsersService>;
