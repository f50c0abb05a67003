import type { Kysely } from 'kysely';
import type { Me } from '../../../shared/users';
import type { Clock } from '../../clock';
import { notify } from '../../db/notify';
import type { Database } from '../../db/schema';
import { DomainError } from '../../errors';
import { recordAudit } from '../audit';
import type { Actor } from './actor';
import { verifyAgainstDecoy, verifyPassword } from './passwords';
import * as repo from './repo';
import { hashToken, newToken } from './tokens';

const MINUTE = 60_000;
const FAILURE_WINDOW = MINUTE;
const MAX_FAILURES_PER_WINDOW = 10;
/** However active, a sign-in lasts at most one long clinic day. */
const MAX_SIGN_IN_AGE = 12 * 60 * MINUTE;
/**
 * Writing last_seen on every request would turn every read into a write, so it is written at most
 * this often: a minute, or a twentieth of a shorter idle limit. A sign-in may end up to one
 * interval early (activity inside it is not recorded), so with a 1-minute limit a minute-long
 * interval would sign out a user active every 50 seconds; a twentieth keeps it within 3 seconds.
 */
const touchInterval = (idle: number) => Math.min(MINUTE, idle / 20);

export interface AuthDeps {
  db: Kysely<Database>;
  clock: Clock;
  signInIdleMinutes: number;
}

const invalidCredentials = () =>
  new DomainError('unauthenticated', 'invalid_credentials', 'The email or password is not correct');

export function createAuthService({ db, clock, signInIdleMinutes }: AuthDeps) {
  const idle = signInIdleMinutes * MINUTE;
  const touchEvery = touchInterval(idle);

  /**
   * The staff member behind a sign-in token, or null when it ended. A request counts as activity
   * (`touch`); a live channel checking that its sign-in still holds does not.
   */
  async function authenticate(token: string, options: { touch?: boolean } = {}): Promise<Actor | null> {
    const now = clock.now();
    const tokenHash = hashToken(token);
    const row = await repo.findSignInActor(db, tokenHash);
    if (!row) return null;
    const sinceSeen = now.getTime() - row.last_seen_at.getTime();
    if (sinceSeen >= idle || now.getTime() - row.created_at.getTime() >= MAX_SIGN_IN_AGE) return null;
    if (options.touch !== false && sinceSeen >= touchEvery) await repo.touchSignIn(db, tokenHash, now);
    return {
      id: row.id,
      organizationId: row.organization_id,
      name: row.name,
      email: row.email,
      roles: row.roles,
      timeZone: row.time_zone,
      organization: { id: row.organization_id, name: row.organization_name, timeZone: row.organization_time_zone },
    };
  }

  async function login(input: { email: string; password: string; ip: string; userAgent: string | null }) {
    const now = clock.now();
    // The attempt is counted before its password is checked, one at a time per account and per
    // address, so of many parallel guesses at most MAX_FAILURES_PER_WINDOW reach the check. A
    // refused attempt is not counted, so a blocked address adds nothing to an account's count
    // (and the reverse): neither locks out the other.
    const attemptId = await repo.claimAttempt(db, { email: input.email, ip: input.ip, at: now }, new Date(now.getTime() - FAILURE_WINDOW), MAX_FAILURES_PER_WINDOW);
    if (attemptId === null) {
      throw new DomainError('rate_limited', 'too_many_attempts', 'Too many sign-in attempts. Wait a minute and try again.', {
        retryAfterSeconds: FAILURE_WINDOW / 1000,
      });
    }
    const user = await repo.findUserForLogin(db, input.email);
    const valid =
      user && user.deactivated_at === null && user.password_hash !== null
        ? await verifyPassword(user.password_hash, input.password)
        : await verifyAgainstDecoy(input.password);
    if (!user || !valid) {
      await repo.pruneFailures(db, new Date(now.getTime() - 60 * MINUTE));
      // The lasting trace (login_failures is pruned after an hour) goes to the account's
      // organization. An email that matches no account has no organization whose trail it
      // belongs to: it stays in login_failures for the rate limit and nowhere else.
      if (user) {
        await recordAudit(db, {
          organizationId: user.organization_id,
          actorUserId: null,
          actorKind: 'anonymous',
          action: 'user.sign_in_failed',
          entityType: 'user',
          entityId: user.id,
          outcome: 'failed',
          address: input.ip,
          at: now,
          data: { reason: user.deactivated_at !== null ? 'deactivated' : user.password_hash === null ? 'no_password' : 'wrong_password' },
        });
      }
      throw invalidCredentials();
    }
    await repo.forgetAttempt(db, attemptId);
    const token = newToken();
    await db.transaction().execute(async (trx) => {
      await repo.deleteStaleSignIns(trx, new Date(now.getTime() - idle), new Date(now.getTime() - MAX_SIGN_IN_AGE));
      await repo.insertSignIn(trx, { tokenHash: hashToken(token), userId: user.id, at: now, ip: input.ip, userAgent: input.userAgent });
      await recordAudit(trx, {
        organizationId: user.organization_id,
        actorUserId: user.id,
        action: 'user.signed_in',
        entityType: 'user',
        entityId: user.id,
        address: input.ip,
        at: now,
        data: { ip: input.ip },
      });
    });
    const actor = await authenticate(token);
    if (!actor) throw invalidCredentials();
    return { token, actor };
  }

  async function logout(token: string): Promise<void> {
    await db.transaction().execute(async (trx) => {
      const userId = await repo.deleteSignIn(trx, hashToken(token));
      // Live channels opened with this sign-in close (they check it again on this event).
      if (userId) await notify(trx, { kind: 'user', userId });
    });
  }

  return { authenticate, login, logout };
}

export type AuthService = ReturnType<typeof createAuthService>;

export const toMe = (actor: Actor, signInIdleMinutes: number): Me => ({
  id: actor.id,
  name: actor.name,
  email: actor.email,
  roles: actor.roles,
  timeZone: actor.timeZone,
  organization: actor.organization,
  signInIdleMinutes,
});
