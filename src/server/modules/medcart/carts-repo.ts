import type { Kysely } from 'kysely';
import type { Cart, SessionCart } from '../../../shared/medcart';
import type { Database } from '../../db/schema';

type Db = Kysely<Database>;

const cartColumns = ['id', 'organization_id', 'name', 'location', 'token_hash', 'token_issued_at', 'last_reading_at', 'created_at'] as const;

type CartRow = { id: string; name: string; location: string; token_hash: string | null; token_issued_at: Date | null; last_reading_at: Date | null; created_at: Date };

export const toCart = (row: CartRow): Cart => ({
  id: row.id,
  name: row.name,
  location: row.location,
  hasToken: row.token_hash !== null,
  tokenIssuedAt: row.token_issued_at?.toISOString() ?? null,
  lastReadingAt: row.last_reading_at?.toISOString() ?? null,
  createdAt: row.created_at.toISOString(),
});

export async function insertCart(db: Db, cart: { organizationId: string; name: string; location: string; tokenHash: string; by: string; at: Date }): Promise<string> {
  const row = await db
    .insertInto('carts')
    .values({
      organization_id: cart.organizationId,
      name: cart.name,
      location: cart.location,
      token_hash: cart.tokenHash,
      token_issued_at: cart.at,
      created_by: cart.by,
      created_at: cart.at,
      updated_at: cart.at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export function findCart(db: Db, organizationId: string, cartId: string) {
  return db.selectFrom('carts').select(cartColumns).where('organization_id', '=', organizationId).where('id', '=', cartId).executeTakeFirst();
}

export function listCarts(db: Db, organizationId: string) {
  return db.selectFrom('carts').select(cartColumns).where('organization_id', '=', organizationId).orderBy('name').orderBy('created_at').execute();
}

/** The cart holding this token (by its hash), unless revoked. */
export function cartByTokenHash(db: Db, tokenHash: string) {
  return db.selectFrom('carts').select(['id', 'organization_id', 'name']).where('token_hash', '=', tokenHash).executeTakeFirst();
}

export async function updateCart(db: Db, cartId: string, patch: { name?: string; location?: string; token_hash?: string | null; token_issued_at?: Date | null; updated_at: Date }): Promise<void> {
  await db.updateTable('carts').set(patch).where('id', '=', cartId).execute();
}

export async function touchCart(db: Db, cartId: string, at: Date): Promise<void> {
  await db.updateTable('carts').set({ last_reading_at: at }).where('id', '=', cartId).execute();
}

export async function sessionCart(db: Db, sessionId: string): Promise<SessionCart> {
  const row = await db
    .selectFrom('session_carts as sc')
    .innerJoin('carts as c', 'c.id', 'sc.cart_id')
    .select(['c.id', 'c.name', 'c.location', 'sc.participant_id', 'sc.attached_at'])
    .where('sc.session_id', '=', sessionId)
    .executeTakeFirst();
  if (!row) return { cart: null, participantId: null, attachedAt: null };
  return { cart: { id: row.id, name: row.name, location: row.location }, participantId: row.participant_id, attachedAt: row.attached_at.toISOString() };
}

export async function attachCart(db: Db, attachment: { sessionId: string; organizationId: string; cartId: string; participantId: string | null; by: string; at: Date }): Promise<void> {
  const values = {
    session_id: attachment.sessionId,
    organization_id: attachment.organizationId,
    cart_id: attachment.cartId,
    participant_id: attachment.participantId,
    attached_by: attachment.by,
    attached_at: attachment.at,
  };
  await db
    .insertInto('session_carts')
    .values(values)
    .onConflict((oc) => oc.column('session_id').doUpdateSet({ cart_id: values.cart_id, participant_id: values.participant_id, attached_by: values.attached_by, attached_at: values.attached_at }))
    .execute();
}

export async function detachCart(db: Db, sessionId: string): Promise<void> {
  await db.deleteFrom('session_carts').where('session_id', '=', sessionId).execute();
}

/** The session, if the cart is attached to it now, with the participant whose readings the cart takes. */
export function attachedSession(db: Db, cart: { id: string; organizationId: string }, sessionId: string) {
  return db
    .selectFrom('session_carts as sc')
    .innerJoin('sessions as s', 's.id', 'sc.session_id')
    .select(['s.id', 's.organization_id', 's.status', 'sc.participant_id'])
    .where('sc.session_id', '=', sessionId)
    .where('sc.cart_id', '=', cart.id)
    .where('s.organization_id', '=', cart.organizationId)
    .executeTakeFirst();
}

/** The session's participants, in the order they were added. */
export async function participantsOf(db: Db, sessionId: string): Promise<{ id: string; name: string }[]> {
  return db
    .selectFrom('session_participants as sp')
    .innerJoin('participants as p', 'p.id', 'sp.participant_id')
    .select(['p.id', 'p.name'])
    .where('sp.session_id', '=', sessionId)
    .orderBy('sp.added_at')
    .orderBy('p.name')
    .execute();
}
