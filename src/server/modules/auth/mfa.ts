import type { Kysely } from 'kysely';
import type { Clock } from '../../clock';
import { notify } from '../../db/notify';
import type { Database } from '../../db/schema';
import { conflict, DomainError, notFound } from '../../errors';
import { recordAudit } from '../audit';
import { type Actor, requireRole } from './actor';
import * as mfaRepo from './mfa-repo';
import { hashRecoveryCode, newRecoveryCodes } from './recovery-codes';
import * as repo from './repo';
import type { AuthService, SignedIn } from './service';
import { matchTotp, newTotpSecret, otpauthUri } from './totp';

const MINUTE = 60_000;
/**
 * Codes are rate-limited like passwords (per account and per address, counted before they are
 * checked), but tighter: a six-digit code with three steps accepted is far easier to guess than
 * a password, so 5 failures in 5 minutes block further tries.
 */
const CODE_FAILURE_WINDOW = 5 * MINUTE;
const MAX_CODE_FAILURES = 5;

export interface MfaDeps {
  db: Kysely<Database>;
  clock: Clock;
  auth: AuthService;
}

export type SecondFactor = { code: string } | { recoveryCode: string };

const wrongCode = () => new DomainError('unauthenticated', 'invalid_code', 'That code is not correct. Check the time on your device and try again.');
const notEnrolled = () => conflict('mfa_not_enrolled', 'Two-step sign-in is not set up for this account');

export function createMfaService({ db, clock, auth }: MfaDeps) {
  /**
   * Runs one code check counted against the account and the address; a check that passes is
   * un-counted. A failure is audited with `outcome: 'failed'`.
   */
  async function limited<T>(actor: Actor, ip: string, action: string, check: () => Promise<T | null>): Promise<T> {
    const now = clock.now();
    const attemptId = await repo.claimAttempt(db, { email: `mfa:${actor.id}`, ip, at: now }, new Date(now.getTime() - CODE_FAILURE_WINDOW), MAX_CODE_FAILURES);
    if (attemptId === null) {
      throw new DomainError('rate_limited', 'too_many_attempts', 'Too many codes tried. Wait a few minutes and try again.', { retryAfterSeconds: CODE_FAILURE_WINDOW / 1000 });
    }
    const result = await check();
    if (result === null) {
      await recordAudit(db, { organizationId: actor.organizationId, actorUserId: actor.id, action, entityType: 'user', entityId: actor.id, outcome: 'failed', address: ip, at: now });
      throw wrongCode();
    }
    await repo.forgetAttempt(db, attemptId);
    return result;
  }

  /** Accepts a TOTP code for an enrolled factor (or, with `enrolAt`, for the enrolment in progress). */
  async function acceptTotp(trx: Kysely<Database>, userId: string, code: string, enrolAt?: Date): Promise<boolean> {
    const factor = await mfaRepo.findFactor(trx, userId);
    if (!factor || (factor.enrolled_at === null) !== (enrolAt !== undefined)) return false;
    const step = matchTotp(factor.totp_secret, code, clock.now(), factor.last_step);
    return step !== null && mfaRepo.useStep(trx, userId, step, enrolAt);
  }

  async function issueRecoveryCodes(trx: Kysely<Database>, userId: string): Promise<string[]> {
    const codes = newRecoveryCodes();
    await mfaRepo.replaceRecoveryCodes(trx, userId, codes.map(hashRecoveryCode));
    return codes;
  }

  const audit = (trx: Kysely<Database>, actor: Actor, action: string, ip: string | null, data?: Record<string, unknown>) =>
    recordAudit(trx, { organizationId: actor.organizationId, actorUserId: actor.id, action, entityType: 'user', entityId: actor.id, address: ip, at: clock.now(), ...(data ? { data } : {}) });

  return {
    async status(actor: Actor) {
      const factor = await mfaRepo.findFactor(db, actor.id);
      const enrolled = factor?.enrolled_at != null;
      return { enrolled, recoveryCodesLeft: enrolled ? await mfaRepo.countUnusedRecoveryCodes(db, actor.id) : 0 };
    },

    /** A new secret for the staff member's authenticator app; shown only until enrolment completes. */
    async startEnrolment(actor: Actor) {
      const secret = newTotpSecret();
      if (!(await mfaRepo.beginEnrolment(db, actor.id, secret, clock.now()))) {
        throw conflict('mfa_enrolled', 'Two-step sign-in is already set up. An administrator can reset it.');
      }
      return { secret, otpauthUri: otpauthUri(secret, actor.email) };
    },

    /** Completes enrolment with a code from the app; answers the recovery codes, shown this once. */
    async confirmEnrolment(actor: Actor, code: string, ip: string) {
      return limited(actor, ip, 'user.mfa_enrolment_failed', () =>
        db.transaction().execute(async (trx) => {
          if (!(await acceptTotp(trx, actor.id, code, clock.now()))) return null;
          const recoveryCodes = await issueRecoveryCodes(trx, actor.id);
          await audit(trx, actor, 'user.mfa_enrolled', ip);
          return { recoveryCodes };
        }),
      );
    },

    /**
     * The second step of a sign-in. The half sign-in is replaced by a full one under a new token,
     * so a token seen before the second factor is worth nothing after it.
     */
    async challenge(signedIn: SignedIn, factor: SecondFactor, client: { ip: string; userAgent: string | null }) {
      const { actor } = signedIn;
      const via = 'code' in factor ? 'totp' : 'recovery_code';
      return limited(actor, client.ip, 'user.mfa_challenge', () =>
        db.transaction().execute(async (trx) => {
          const accepted = 'code' in factor
            ? await acceptTotp(trx, actor.id, factor.code)
            : await mfaRepo.useRecoveryCode(trx, actor.id, hashRecoveryCode(factor.recoveryCode), clock.now());
          if (!accepted) return null;
          if (!(await mfaRepo.deleteSignInByHash(trx, signedIn.tokenHash))) return null;
          await audit(trx, actor, 'user.mfa_challenge', client.ip, { via });
          if (via === 'recovery_code') {
            await audit(trx, actor, 'user.mfa_recovery_code_used', client.ip, { left: await mfaRepo.countUnusedRecoveryCodes(trx, actor.id) });
          }
          return auth.startSignIn({ userId: actor.id, organizationId: actor.organizationId, ip: client.ip, userAgent: client.userAgent, mfaPending: false }, trx);
        }),
      );
    },

    /** New recovery codes (the old ones stop working), with a current code from the app. */
    async regenerateRecoveryCodes(actor: Actor, code: string, ip: string) {
      if (!(await mfaRepo.hasEnrolledFactor(db, actor.id))) throw notEnrolled();
      return limited(actor, ip, 'user.mfa_recovery_codes_failed', () =>
        db.transaction().execute(async (trx) => {
          if (!(await acceptTotp(trx, actor.id, code))) return null;
          const recoveryCodes = await issueRecoveryCodes(trx, actor.id);
          await audit(trx, actor, 'user.mfa_recovery_codes_regenerated', ip);
          return { recoveryCodes };
        }),
      );
    },

    /** An administrator removes a staff member's lost second factor and ends their sign-ins. */
    async reset(admin: Actor, userId: string, ip: string) {
      requireRole(admin, 'admin');
      await db.transaction().execute(async (trx) => {
        if (!(await mfaRepo.findStaffMember(trx, admin.organizationId, userId))) throw notFound('User');
        if (!(await mfaRepo.deleteFactor(trx, userId))) throw notEnrolled();
        await repo.deleteSignInsOfUser(trx, userId);
        await recordAudit(trx, { organizationId: admin.organizationId, actorUserId: admin.id, action: 'user.mfa_reset', entityType: 'user', entityId: userId, address: ip, at: clock.now() });
        // Their open pages and live channels end now (they check the sign-in again on this event).
        await notify(trx, { kind: 'user', userId });
      });
    },
  };
}

export type MfaService = ReturnType<typeof createMfaService>;
