import type { Kysely } from 'kysely';
import { browserSummary, type SignInSummary } from '../../../shared/account';
import type { Clock } from '../../clock';
import { notify } from '../../db/notify';
import type { Database } from '../../db/schema';
import { recordAudit } from '../audit';
import { type Actor, deleteOtherSignIns, listSignInsOfUser } from '../auth';
import * as repo from './repo';

export interface AccountDeps {
  db: Kysely<Database>;
  clock: Clock;
}

/** What every staff member may change about their own account (passwords: passwords.ts). */
export function createAccountService({ db, clock }: AccountDeps) {
  async function changeTimeZone(actor: Actor, timeZone: string): Promise<void> {
    await db.transaction().execute(async (trx) => {
      const now = clock.now();
      await repo.updateUser(trx, actor.id, { time_zone: timeZone, updated_at: now });
      await recordAudit(trx, { organizationId: actor.organizationId, actorUserId: actor.id, action: 'user.updated', entityType: 'user', entityId: actor.id, at: now, data: { changed: ['timeZone'] } });
    });
  }

  /** `ownSignIn`: the hash of the sign-in asking, shown as "this device". */
  async function signIns(actor: Actor, ownSignIn: string): Promise<SignInSummary[]> {
    const rows = await listSignInsOfUser(db, actor.id);
    return rows.map((row) => ({
      createdAt: row.created_at.toISOString(),
      lastSeenAt: row.last_seen_at.toISOString(),
      browser: browserSummary(row.user_agent),
      address: row.ip,
      current: row.token_hash === ownSignIn,
    }));
  }

  /** "Sign out everywhere else": live channels of the ended sign-ins close too. */
  async function endOtherSignIns(actor: Actor, ownSignIn: string): Promise<number> {
    return db.transaction().execute(async (trx) => {
      const ended = await deleteOtherSignIns(trx, actor.id, ownSignIn);
      await notify(trx, { kind: 'user', userId: actor.id });
      await recordAudit(trx, { organizationId: actor.organizationId, actorUserId: actor.id, action: 'user.signed_out_elsewhere', entityType: 'user', entityId: actor.id, at: clock.now(), data: { ended } });
      return ended;
    });
  }

  return { changeTimeZone, signIns, endOtherSignIns };
}

export type AccountService = ReturnType<typeof createAccountService>;
