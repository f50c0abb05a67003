import type { Kysely } from 'kysely';
import type { Me } from '../../../shared/users';
import type { Clock } from '../../clock';
import type { Database } from '../../db/schema';
import { DomainError } from '../../errors';
import { recordAudit } from '../audit/repo';
import type { Actor } from './actor';
import { verifyAgainstDecoy, verifyPassword } from './passwords';
import * as repo from './repo';
import { hashToken, newToken } from './tokens';

const MINUTE = 60_000;
const FAILURE_WINDOW = MINUTE;
const MAX_FAILURES_PER_WINDOW = 10;
/** However active, a sign-in lasts at most one long clinic day. */
const MAX_SESSION_AGE = 12 * 60 * MINUTE;
/** Writing last_seen on every request would turn every read into a write. */
const TOUCH_INTERVAL = MINUTE;

export interface AuthDeps {
  db: Kysely<Database>;
  clock: Clock;
  sessionIdleMinutes: number;
}

const invalidCredentials = () =>
  new DomainError('unauthenticated', 'invalid_credentials', 'The email or password is not correct');

export function createAuthService({ db, clock, sessionIdleMinutes }: AuthDeps) {
  const idle = sessionIdleMinutes * MINUTE;

  async function authenticate(token: string): Promise<Actor | null> {
    const now = clock.now();
    const tokenHash = hashToken(token);
    const row = await repo.findSessionActor(db, tokenHash);
    if (!row) return null;
    const sinceSeen = now.getTime() - row.last_seen_at.getTime();
    if (sinceSeen >= idle || now.getTime() - row.created_at.getTime() >= MAX_SESSION_AGE) return null;
    if (sinceSeen >= TOUCH_INTERVAL) await repo.touchSession(db, tokenHash, now);
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
    const failures = await repo.countRecentFailures(db, input.email, input.ip, new Date(now.getTime() - FAILURE_WINDOW));
    if (failures.byEmail >= MAX_FAILURES_PER_WINDOW || failures.byIp >= MAX_FAILURES_PER_WINDOW) {
      throw new DomainError('rate_limited', 'too_many_attempts', 'Too many sign-in attempts. Wait a minute and try again.', {
        retryAfterSeconds: FAILURE_WINDOW / 1000,
      });
    }
    const user = await repo.findUserForLogin(db, input.email);
    const valid =
      user && user.deactivated_at === null
        ? await verifyPassword(user.password_hash, input.password)
        : await verifyAgainstDecoy(input.password);
    if (!user || !valid) {
      await repo.recordFailure(db, { email: input.email, ip: input.ip, at: now });
      await repo.pruneFailures(db, new Date(now.getTime() - 60 * MINUTE));
      throw invalidCredentials();
    }
    const token = newToken();
    await db.transaction().execute(async (trx) => {
      await repo.deleteStaleSessions(trx, new Date(now.getTime() - idle), new Date(now.getTime() - MAX_SESSION_AGE));
      await repo.insertSession(trx, { tokenHash: hashToken(token), userId: user.id, at: now, ip: input.ip, userAgent: input.userAgent });
      await recordAudit(trx, {
        organizationId: user.organization_id,
        actorUserId: user.id,
        action: 'user.signed_in',
        entityType: 'user',
        entityId: user.id,
        at: now,
        data: { ip: input.ip },
      });
    });
    const actor = await authenticate(token);
    if (!actor) throw invalidCredentials();
    return { token, actor };
  }

  async function logout(token: string): Promise<void> {
    await repo.deleteSession(db, hashToken(token));
  }

  return { authenticate, login, logout };
}

export type AuthService = ReturnType<typeof createAuthService>;

export const toMe = (actor: Actor, sessionIdleMinutes: number): Me => ({
  id: actor.id,
  name: actor.name,
  email: actor.email,
  roles: actor.roles,
  timeZone: actor.timeZone,
  organization: actor.organization,
  sessionIdleMinutes,
});
