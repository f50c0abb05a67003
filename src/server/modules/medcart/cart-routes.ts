import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { cartListSchema, cartReadingSchema, cartSchema, cartTokenSchema, newCartSchema, readingSchema, updateCartSchema } from '../../../shared/medcart';
import { DomainError } from '../../errors';
import { json, noContent, problems } from '../../http/responses';
import type { App } from '../../http/types';
import { staffOf } from '../auth';
import type { CartCaller, CartsService } from './carts';
import type { ReadingsService } from './readings';

const cartParams = z.object({ id: z.uuid() });
const tags = ['MedCart'];
/** A cart's reading is small; anything bigger is not a reading. */
const CART_BODY_LIMIT = 16 * 1024;

const badToken = () => new DomainError('unauthenticated', 'invalid_token', 'Send a valid cart token: Authorization: Bearer <token>');

/** The cart behind the request's bearer token; 401 (with a Bearer challenge) when it is missing, wrong or revoked. */
async function cartOf(request: FastifyRequest, reply: FastifyReply, carts: CartsService): Promise<CartCaller> {
  const match = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '');
  const cart = await carts.authenticate(match?.[1] ?? null);
  if (!cart) {
    reply.header('www-authenticate', 'Bearer realm="carebeam", error="invalid_token"');
    throw badToken();
  }
  return cart;
}

/** Administrators' Devices page, and the one route a cart calls. */
export function cartRoutes(app: App, services: { carts: CartsService; readings: ReadingsService }): void {
  const { carts, readings } = services;
  const cartOfRequest = new WeakMap<FastifyRequest, CartCaller>();

  app.get('/medcart/carts', {
    schema: { tags, summary: 'List carts', description: "The organization's carts; staff choose one for a session.", response: { 200: json(cartListSchema), ...problems(401) } },
  }, async (request) => ({ items: await carts.list(staffOf(request)) }));

  app.post('/medcart/carts', {
    schema: {
      tags,
      summary: 'Register a cart',
      description: 'Administrators only. The answer carries the cart\'s bearer token, shown this once; only its hash is kept.',
      body: newCartSchema,
      response: { 201: json(cartTokenSchema, 'The cart and its token'), ...problems(400, 401, 403) },
    },
  }, async (request, reply) => reply.code(201).send(await carts.register(staffOf(request), request.body)));

  app.patch('/medcart/carts/:id', {
    schema: { tags, summary: 'Rename or move a cart', description: 'Administrators only.', params: cartParams, body: updateCartSchema, response: { 200: json(cartSchema, 'The cart as saved'), ...problems(400, 401, 403, 404) } },
  }, (request) => carts.update(staffOf(request), request.params.id, request.body));

  app.post('/medcart/carts/:id/token', {
    schema: {
      tags,
      summary: 'Issue a new token',
      description: 'Administrators only. The old token stops working at once; the new one is shown this once.',
      params: cartParams,
      response: { 201: json(cartTokenSchema, 'The cart and its new token'), ...problems(401, 403, 404) },
    },
  }, async (request, reply) => reply.code(201).send(await carts.issueToken(staffOf(request), request.params.id)));

  app.delete('/medcart/carts/:id/token', {
    schema: { tags, summary: "Revoke a cart's token", description: 'Administrators only. The cart is refused (401) until a new token is issued.', params: cartParams, response: { 204: noContent, ...problems(401, 403, 404) } },
  }, async (request, reply) => {
    await carts.revokeToken(staffOf(request), request.params.id);
    return reply.code(204).send();
  });

  app.post('/medcart/readings', {
    bodyLimit: CART_BODY_LIMIT,
    // The token first: a stranger learns nothing, not even whether the body would have passed.
    onRequest: async (request, reply) => void cartOfRequest.set(request, await cartOf(request, reply, carts)),
    schema: {
      tags,
      summary: 'Post a reading from a cart',
      description:
        'Called by a cart with `Authorization: Bearer <cart token>`, into a session the cart is attached to (any other is 404). ' +
        'A retry with the same `clientReadingId` answers 200 with the first reading. At most a configured number of readings a minute per cart (429 with Retry-After).',
      security: [{ cartToken: [] }],
      body: cartReadingSchema,
      response: {
        201: json(readingSchema, 'The reading as stored'),
        200: json(readingSchema, 'The reading posted earlier with this clientReadingId'),
        ...problems(400, 401, 404, 409, 413, 422, 429),
      },
    },
  }, async (request, reply) => {
    const { reading, created } = await readings.recordFromCart(cartOfRequest.get(request)!, request.body);
    return reply.code(created ? 201 : 200).send(reading);
  });
}
