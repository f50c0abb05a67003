import type { Kysely } from 'kysely';
import type { Cart, CartToken, SessionCart } from '../../../shared/medcart';
import type { Clock } from '../../clock';
import type { Database } from '../../db/schema';
import { conflict, DomainError, notFound } from '../../errors';
import { requireSessionAccess } from '../access';
import { recordAudit } from '../audit';
import { type Actor, hashToken, newToken, requireRole } from '../auth';
import { recordHistory } from '../history';
import * as repo from './carts-repo';

type Db = Kysely<Database>;

/** A cart as the API sees the caller of a device route. */
export interface CartCaller {
  id: string;
  organizationId: string;
  name: string;
}

/** Recognizable in logs and secret scanners; the rest is 256 random bits. */
const TOKEN_PREFIX = 'cbcart_';
const WINDOW_MS = 60_000;

const unprocessable = (path: string, message: string) => new DomainError('unprocessable', 'invalid_cart', message, { errors: [{ path, message }] });

/**
 * At most `perMinute` readings a minute from one cart, counted by this instance (each instance
 * counts its own share behind a load balancer).
 */
function cartRateLimiter(clock: Clock, perMinute: number) {
  const windows = new Map<string, { start: number; count: number }>();
  return (cartId: string) => {
    const now = clock.now().getTime();
    let window = windows.get(cartId);
    if (!window || now - window.start >= WINDOW_MS) {
      window = { start: now, count: 0 };
      windows.set(cartId, window);
    }
    window.count += 1;
    if (window.count > perMinute) {
      const retryAfterSeconds = Math.max(1, Math.ceil((window.start + WINDOW_MS - now) / 1000));
      throw new DomainError('rate_limited', 'too_many_readings', `This cart sent more than ${perMinute} readings in a minute. Wait and send again.`, { retryAfterSeconds });
    }
  };
}

export function createCartsService({ db, clock, readingsPerMinute }: { db: Db; clock: Clock; readingsPerMinute: number }) {
  const limit = cartRateLimiter(clock, readingsPerMinute);

  async function ownCart(trx: Db, actor: Actor, cartId: string) {
    requireRole(actor, 'admin');
    const cart = await repo.findCart(trx, actor.organizationId, cartId);
    if (!cart) throw notFound('Cart');
    return cart;
  }

  const audit = (trx: Db, actor: Actor, action: string, cartId: string, at: Date) =>
    recordAudit(trx, { organizationId: actor.organizationId, actorUserId: actor.id, action, entityType: 'cart', entityId: cartId, at });

  return {
    async list(actor: Actor): Promise<Cart[]> {
      // Staff choose a cart for their session; only administrators change them.
      return (await repo.listCarts(db, actor.organizationId)).map(repo.toCart);
    },

    /** Registers a cart and gives its token, shown this once. */
    async register(actor: Actor, input: { name: string; location: string }): Promise<CartToken> {
      requireRole(actor, 'admin');
      const token = `${TOKEN_PREFIX}${newToken()}`;
      return db.transaction().execute(async (trx) => {
        const at = clock.now();
        const id = await repo.insertCart(trx, { organizationId: actor.organizationId, ...input, tokenHash: hashToken(token), by: actor.id, at });
        await audit(trx, actor, 'cart.registered', id, at);
        return { id, token };
      });
    },

    async update(actor: Actor, cartId: string, patch: { name?: string | undefined; location?: string | undefined }): Promise<Cart> {
      return db.transaction().execute(async (trx) => {
        await ownCart(trx, actor, cartId);
        const at = clock.now();
        await repo.updateCart(trx, cartId, { ...(patch.name !== undefined ? { name: patch.name } : {}), ...(patch.location !== undefined ? { location: patch.location } : {}), updated_at: at });
        await audit(trx, actor, 'cart.updated', cartId, at);
        return repo.toCart((await repo.findCart(trx, actor.organizationId, cartId))!);
      });
    },

    /** A new token for the cart; the old one stops working at once. */
    async issueToken(actor: Actor, cartId: string): Promise<CartToken> {
      const token = `${TOKEN_PREFIX}${newToken()}`;
      return db.transaction().execute(async (trx) => {
        await ownCart(trx, actor, cartId);
        const at = clock.now();
        await repo.updateCart(trx, cartId, { token_hash: hashToken(token), token_issued_at: at, updated_at: at });
        await audit(trx, actor, 'cart.token_issued', cartId, at);
        return { id: cartId, token };
      });
    },

    async revokeToken(actor: Actor, cartId: string): Promise<void> {
      await db.transaction().execute(async (trx) => {
        await ownCart(trx, actor, cartId);
        const at = clock.now();
        await repo.updateCart(trx, cartId, { token_hash: null, token_issued_at: null, updated_at: at });
        await audit(trx, actor, 'cart.token_revoked', cartId, at);
      });
    },

    /** The cart presenting this bearer token, or null (missing, unknown or revoked). Counts toward its rate limit. */
    async authenticate(token: string | null): Promise<CartCaller | null> {
      if (!token?.startsWith(TOKEN_PREFIX)) return null;
      const cart = await repo.cartByTokenHash(db, hashToken(token));
      if (!cart) return null;
      limit(cart.id);
      return { id: cart.id, organizationId: cart.organization_id, name: cart.name };
    },

    async forSession(actor: Actor, sessionId: string): Promise<SessionCart> {
      await requireSessionAccess(db, actor, sessionId, 'read');
      return repo.sessionCart(db, sessionId);
    },

    /** Puts a cart at the patient's side in this session (replacing any other). */
    async attach(actor: Actor, sessionId: string, input: { cartId: string; participantId?: string | undefined }): Promise<SessionCart> {
      return db.transaction().execute(async (trx) => {
        const session = await requireSessionAccess(trx, actor, sessionId, 'manage', { lock: true });
        if (session.status === 'canceled') throw conflict('invalid_state', 'This session was canceled');
        const cart = await repo.findCart(trx, actor.organizationId, input.cartId);
        if (!cart) throw unprocessable('cartId', 'Choose a cart of your organization');
        if (!cart.token_hash) throw unprocessable('cartId', 'This cart has no token: issue one on the Devices page first');
        const participants = await repo.participantsOf(trx, sessionId);
        if (input.participantId && !participants.some((p) => p.id === input.participantId)) throw unprocessable('participantId', 'Not a participant of this session');
        if (!input.participantId && participants.length > 1) throw unprocessable('participantId', 'Choose whose readings the cart takes');
        const at = clock.now();
        const before = await repo.sessionCart(trx, sessionId);
        await repo.attachCart(trx, { sessionId, organizationId: session.organization_id, cartId: cart.id, participantId: input.participantId ?? participants[0]?.id ?? null, by: actor.id, at });
        if (before.cart?.id !== cart.id) {
          await recordHistory(trx, { organizationId: session.organization_id, sessionId, at, type: 'cart_attached', actor: { kind: 'user', id: actor.id, name: actor.name }, data: { cartId: cart.id, name: cart.name } });
        }
        return repo.sessionCart(trx, sessionId);
      });
    },

    async detach(actor: Actor, sessionId: string): Promise<void> {
      await db.transaction().execute(async (trx) => {
        const session = await requireSessionAccess(trx, actor, sessionId, 'manage', { lock: true });
        const before = await repo.sessionCart(trx, sessionId);
        if (!before.cart) return;
        await repo.detachCart(trx, sessionId);
        await recordHistory(trx, {
          organizationId: session.organization_id,
          sessionId,
          at: clock.now(),
          type: 'cart_detached',
          actor: { kind: 'user', id: actor.id, name: actor.name },
          data: { cartId: before.cart.id, name: before.cart.name },
        });
      });
    },
  };
}

export type CartsService = ReturnType<typeof createCartsService>;
