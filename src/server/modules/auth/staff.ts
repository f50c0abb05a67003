import type { FastifyRequest } from 'fastify';
import { type Actor, unauthenticated } from './actor';

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in staff member, or null; set for every /api request. */
    actor: Actor | null;
  }
}

/** The caller, for routes that need a signed-in staff member. */
export function staffOf(request: FastifyRequest): Actor {
  if (!request.actor) throw unauthenticated();
  return request.actor;
}
