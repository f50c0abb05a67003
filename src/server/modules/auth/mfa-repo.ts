import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';

type Db = Kysely<Database>;

export async function hasEnrolledFactor(db: Db, userId: string): Promise<boolean> {
  const row = await db.selectFrom('staff_mfa').select('user_id').where('user_id', '=', userId).where('enrolled_at', 'is not', null).executeTakeFirst();
  return row !== undefined;
}

export function findFactor(db: Db, userId: string) {
  return db.selectFrom('staff_mfa').select(['totp_secret', 'enrolled_at', 'last_step']).where('user_id', '=', userId).executeTakeFirst();
}

/** Starts (or restarts) an enrolment with a new secret; an enrolled factor is left alone (false). */
export async function beginEnrolment(db: Db, userId: string, secret: string, at: Date): Promise<boolean> {
  const row = await db
    .insertInto('staff_mfa')
    .values({ user_id: userId, totp_secret: secret, enrolled_at: null, last_step: null, created_at: at })
    .onConflict((oc) => oc.column('user_id').doUpdateSet({ totp_secret: secret, created_at: at, last_step: null }).where('staff_mfa.enrolled_at', 'is', null))
    .returning('user_id')
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * Records `step` as used, only if it is later than the last one used: of two requests with the
 * same code, one wins. `enrol` also completes an enrolment.
 */
export async function useStep(db: Db, userId: string, step: number, enrolAt?: Date): Promise<boolean> {
  let query = db
    .updateTable('staff_mfa')
    .set({ last_step: step, ...(enrolAt ? { enrolled_at: enrolAt } : {}) })
    .where('user_id', '=', userId)
    .where((eb) => eb.or([eb('last_step', 'is', null), eb('last_step', '<', step)]));
  query = enrolAt ? query.where('enrolled_at', 'is', null) : query.where('enrolled_at', 'is not', null);
  const result = await query.executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export async function replaceRecoveryCodes(db: Db, userId: string, codeHashes: string[]): Promise<void> {
  await db.deleteFrom('mfa_recovery_codes').where('user_id', '=', userId).execute();
  await db
    .insertInto('mfa_recovery_codes')
    .values(codeHashes.map((codeHash) => ({ user_id: userId, code_hash: codeHash, used_at: null })))
    .execute();
}

/** Marks an unused recovery code used; false when there is none such. */
export async function useRecoveryCode(db: Db, userId: string, codeHash: string, at: Date): Promise<boolean> {
  const result = await db
    .updateTable('mfa_recovery_codes')
    .set({ used_at: at })
    .where('user_id', '=', userId)
    .where('code_hash', '=', codeHash)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export async function countUnusedRecoveryCodes(db: Db, userId: string): Promise<number> {
  const row = await db
    .selectFrom('mfa_recovery_codes')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('user_id', '=', userId)
    .where('used_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/** Removes a user's factor and recovery codes; says whether there was a factor. */
export async function deleteFactor(db: Db, userId: string): Promise<boolean> {
  await db.deleteFrom('mfa_recovery_codes').where('user_id', '=', userId).execute();
  const result = await db.deleteFrom('staff_mfa').where('user_id', '=', userId).executeTakeFirst();
  return result.numDeletedRows > 0n;
}

/** Turns a half sign-in into a full one: the old token ends, a new one (given) takes its place. */
export async function deleteSignInByHash(db: Db, tokenHash: string): Promise<boolean> {
  const result = await db.deleteFrom('sign_ins').where('token_hash', '=', tokenHash).where('mfa_pending', '=', true).executeTakeFirst();
  return result.numDeletedRows > 0n;
}

/** A staff member of the organization, active or not (another organization's: undefined). */
export function findStaffMember(db: Db, organizationId: string, userId: string) {
  return db.selectFrom('users').select('id').where('organization_id', '=', organizationId).where('id', '=', userId).executeTakeFirst();
}
