import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../config';

export interface SignInCookie {
  readonly name: string;
  read(request: FastifyRequest): string | undefined;
  set(reply: FastifyReply, token: string): void;
  clear(reply: FastifyReply): void;
}

/**
 * The cookie that carries a sign-in: httpOnly, SameSite=Strict, and `__Host-` + Secure whenever
 * served beyond localhost. Staff (`carebeam_session`) and participants (`carebeam_participant`)
 * get separate ones; the names predate the word "sign-in" and stay, or everyone would be signed out.
 */
export function createSignInCookie(config: Config, baseName = 'carebeam_session'): SignInCookie {
  const name = config.secureCookies ? `__Host-${baseName}` : baseName;
  const options = { path: '/', httpOnly: true, sameSite: 'strict', secure: config.secureCookies } as const;
  return {
    name,
    read: (request) => request.cookies[name],
    set: (reply, token) => void reply.setCookie(name, token, options),
    clear: (reply) => void reply.clearCookie(name, options),
  };
}
