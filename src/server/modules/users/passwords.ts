import type { Kysely } from 'kysely';
import type { PasswordLink } from '../../../shared/account';
import type { Clock } from '../../clock';
import { notify } from '../../db/notify';
import type { Database } from '../../db/schema';
import { DomainError, notFound } from '../../errors';
import { recordAudit } from '../audit';
import {
  type Actor,
  claimResetRequest,
  consumeLink,
  deleteOtherSignIns,
  deleteSignInsOfUser,
  endLiveLinks,
  findLiveLink,
  hashPassword,
  requireStrongPassword,
  verifyPassword,
} from '../auth';
import type { SendPasswordLink } from './invitations';
import * as repo from './repo';

const MINUTE = 60_000;
/** Reset requests for one email, or from one client address, per window. */
const RESET_WINDOW = 15 * MINUTE;
const MAX_RESETS_PER_WINDOW = 5;

export interface PasswordFlowsDeps {
  db: Kysely<Database>;
  clock: Clock;
  sendPasswordLink: SendPasswordLink;
}

/** Every way a staff member's own password is set: an invitation or reset link, or a change while signed in. */
export function createPasswordFlows({ db, clock, sendPasswordLink }: PasswordFlowsDeps) {
  const linkGone = () => notFound('This link');

  /** Whose account a live invite or reset link opens; 404 for an unknown, used or expired one. */
  async function describeLink(token: string): Promise<PasswordLink> {
    const link = await findLiveLink(db, token, clock.now());
    if (!link?.userId || link.purpose === 'setup') throw linkGone();
    const account = await repo.findActiveAccount(db, link.userId);
    if (!account) throw linkGone();
    return { purpose: link.purpose, name: account.name, email: account.email, organizationName: account.organization_name };
  }

  /** Sets the password through a link, once: every sign-in of the account ends. */
  async function setWithLink(token: string, password: string): Promise<void> {
    requireStrongPassword(password);
    const passwordHash = await hashPassword(password);
    const now = clock.now();
    await db.transaction().execute(async (trx) => {
      const link = await consumeLink(trx, token, now);
      if (!link?.userId || link.purpose === 'setup') throw linkGone();
      const account = await repo.findActiveAccount(trx, link.userId, { forUpdate: true });
      if (!account) throw linkGone();
      await repo.updateUser(trx, account.id, { password_hash: passwordHash, updated_at: now });
      await endLiveLinks(trx, { userId: account.id }, now);
      await deleteSignInsOfUser(trx, account.id);
      await notify(trx, { kind: 'user', userId: account.id });
      await recordAudit(trx, {
        organizationId: account.organization_id,
        actorUserId: account.id,
        action: 'user.password_set',
        entityType: 'user',
        entityId: account.id,
        at: now,
        data: { via: link.purpose },
      });
    });
  }

  /**
   * "Forgot password": the same answer whether or not the account exists. Requests are counted
   * per email and per client address whether the account exists or not, so the limit reveals
   * nothing either.
   */
  async function requestReset(email: string, ip: string): Promise<void> {
    const now = clock.now();
    const allowed = await claimResetRequest(db, { email, ip, at: now }, new Date(now.getTime() - RESET_WINDOW), MAX_RESETS_PER_WINDOW);
    if (!allowed) {
      throw new DomainError('rate_limited', 'too_many_requests', 'Too many reset requests. Wait a few minutes and try again.', {
        retryAfterSeconds: RESET_WINDOW / 1000,
      });
    }
    await db.transaction().execute(async (trx) => {
      const account = await repo.findActiveAccountByEmail(trx, email);
      if (!account) return;
      const invitee = {
        id: account.id,
        name: account.name,
        email: account.email,
        timeZone: account.time_zone,
        organizationId: account.organization_id,
        organizationName: account.organization_name,
      };
      await sendPasswordLink(trx, invitee, 'reset', now);
      await recordAudit(trx, { organizationId: account.organization_id, actorUserId: null, action: 'user.password_reset_requested', entityType: 'user', entityId: account.id, at: now, data: { ip } });
    });
  }

  /** A signed-in staff member changes their own password; their other sign-ins end, this one stays. */
  async function changeOwn(actor: Actor, signInTokenHash: string, currentPassword: string, newPassword: string): Promise<void> {
    requireStrongPassword(newPassword, 'newPassword');
    const account = await repo.findActiveAccount(db, actor.id);
    if (!account?.password_hash || !(await verifyPassword(account.password_hash, currentPassword))) {
      throw new DomainError('invalid', 'wrong_password', 'The current password is not correct', {
        errors: [{ path: 'currentPassword', message: 'This is not your current password' }],
      });
    }
    const passwordHash = await hashPassword(newPassword);
    const now = clock.now();
    await db.transaction().execute(async (trx) => {
      await repo.updateUser(trx, actor.id, { password_hash: passwordHash, updated_at: now });
      await endLiveLinks(trx, { userId: actor.id }, now);
      await deleteOtherSignIns(trx, actor.id, signInTokenHash);
      await notify(trx, { kind: 'user', userId: actor.id });
      await recordAudit(trx, { organizationId: actor.organizationId, actorUserId: actor.id, action: 'user.password_changed', entityType: 'user', entityId: actor.id, at: now });
    });
  }

  return { describeLink, setWithLink, requestReset, changeOwn };
}

export type PasswordFlows = ReturnType<typeof createPasswordFlows>;
