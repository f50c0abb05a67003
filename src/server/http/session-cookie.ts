import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../config';
import { type Actor, unauthenticated } from '../modules/auth/actor';

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in staff member, or null; set for every /api request. */
    actor: Actor | null;
  }
}

export interface SessionCookie {
  read(request: FastifyRequest): string | undefined;
  set(reply: FastifyReply, token: string): void;
  clear(reply: FastifyReply): void;
}

/**
 * A session cookie: httpOnly, SameSite=Strict, and `__Host-` + Secure whenever served beyond
 * localhost. Staff (`carebeam_session`) and participants (`carebeam_participant`) get separate ones.
 */
export function createSessionCookie(config: Config, baseName = 'carebeam_session'): SessionCookie {
  const name = config.secureCookies ? `__Host-${baseName}` : baseName;
  const options = { path: '/', httpOnly: true, sameSite: 'strict', secure: config.secureCookies } as const;
  return {
    read: (request) => request.cookies[name],
    set: (reply, token) => void reply.setCookie(name, token, options),
    clear: (reply) => void reply.clearCookie(name, options),
  };
}

/** The caller, for routes that need a signed-in staff member. */
export function staffOf(request: FastifyRequest): Actor {
  if (!request.actor) throw unauthenticated();
  return request.actor;
}
