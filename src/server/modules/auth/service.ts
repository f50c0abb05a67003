import type { Kysely } from 'kysely';
import type { Me } from '../../../shared/users';
import type { Clock } from '../../clock';
import { notify } from '../../db/notify';
import type { Database } from '../../db/schema';
import { DomainError } from '../../errors';
import { recordAudit } from '../audit';
import type { Actor } from './actor';
import { verifyAgainstDecoy, verifyPassword } from './passwords';
import { hasEnrolledFactor } from './mfa-repo';
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
/** Between a right password and the second factor, a sign-in waits at most this long. */
export const MFA_PENDING_LIFETIME = 5 * MINUTE;

/**
 * Where a sign-in stands with MFA: `challenge` waits for the second factor; `enrol` belongs to an
 * unenrolled staff member of an organization that requires one. Either reaches only its own step.
 */
export type MfaGate = 'challenge' | 'enrol';

/** A live sign-in: its staff member and, until MFA is satisfied, the one step it may take. */
export interface SignedIn {
  actor: Actor;
  tokenHash: string;
  gate: MfaGate | null;
}

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
   * The sign-in behind a token, or null when it ended. A request counts as activity (`touch`); a
   * live channel checking that its sign-in still holds does not.
   */
  async function resolve(token: string, options: { touch?: boolean } = {}): Promise<SignedIn | null> {
    const now = clock.now();
    const tokenHash = hashToken(token);
    const row = await repo.findSignInActor(db, tokenHash);
    if (!row) return null;
    const sinceSeen = now.getTime() - row.last_seen_at.getTime();
    const age = now.getTime() - row.created_at.getTime();
    if (sinceSeen >= idle || age >= MAX_SIGN_IN_AGE) return null;
    if (row.mfa_pending && age >= MFA_PENDING_LIFETIME) return null;
    if (options.touch !== false && sinceSeen >= touchEvery) await repo.touchSignIn(db, tokenHash, now);
    const actor: Actor = {
      id: row.id,
      organizationId: row.organization_id,
      name: row.name,
      email: row.email,
      roles: row.roles,
      timeZone: row.time_zone,
      organization: { id: row.organization_id, name: row.organization_name, timeZone: row.organization_time_zone },
    };
    const gate = row.mfa_pending ? 'challenge' : row.mfa_required && !row.mfa_enrolled ? 'enrol' : null;
    return { actor, tokenHash, gate };
  }

  /** The staff member behind a fully signed-in token; a sign-in held at an MFA step is none. */
  async function authenticate(token: string, options: { touch?: boolean } = {}): Promise<Actor | null> {
    const signedIn = await resolve(token, options);
    return signedIn && !signedIn.gate ? signedIn.actor : null;
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
    // With a second factor the password alone opens only the second step.
    const mfaPending = await hasEnrolledFactor(db, user.id);
    const token = await startSignIn({ userId: user.id, organizationId: user.organization_id, ip: input.ip, userAgent: input.userAgent, mfaPending });
    const signedIn = await resolve(token);
    if (!signedIn) throw invalidCredentials();
    return { token, ...signedIn };
  }

  /** Writes a new sign-in (audited once it is complete) and answers its token. */
  async function startSignIn(signIn: { userId: string; organizationId: string; ip: string; userAgent: string | null; mfaPending: boolean }, within?: Kysely<Database>) {
    const now = clock.now();
    const token = newToken();
    const write = async (trx: Kysely<Database>) => {
      await repo.deleteStaleSignIns(trx, new Date(now.getTime() - idle), new Date(now.getTime() - MAX_SIGN_IN_AGE));
      await repo.insertSignIn(trx, { tokenHash: hashToken(token), userId: signIn.userId, at: now, ip: signIn.ip, userAgent: signIn.userAgent, mfaPending: signIn.mfaPending });
      if (signIn.mfaPending) return;
      await recordAudit(trx, {
        organizationId: signIn.organizationId,
        actorUserId: signIn.userId,
        action: 'user.signed_in',
        entityType: 'user',
        entityId: signIn.userId,
        address: signIn.ip,
        at: now,
        data: { ip: signIn.ip },
      });
    };
    await (within ? write(within) : db.transaction().execute(write));
    return token;
  }

  async function logout(token: string): Promise<void> {
    await db.transaction().execute(async (trx) => {
      const userId = await repo.deleteSignIn(trx, hashToken(token));
      // Live channels opened with this sign-in close (they check it again on this event).
      if (userId) await notify(trx, { kind: 'user', userId });
    });
  }

  return { authenticate, resolve, login, logout, startSignIn };
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
