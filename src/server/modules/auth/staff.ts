import type { FastifyRequest } from 'fastify';
import { DomainError } from '../../errors';
import { type Actor, unauthenticated } from './actor';
import type { MfaGate, SignedIn } from './service';

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in staff member, or null (also while the sign-in waits at an MFA step); set for every /api request. */
    actor: Actor | null;
    /** The sign-in behind the cookie, whatever its MFA step. */
    signIn: SignedIn | null;
  }
}

/** The caller, for routes that need a signed-in staff member. */
export function staffOf(request: FastifyRequest): Actor {
  if (!request.actor) throw unauthenticated();
  return request.actor;
}

/** The caller of an MFA step: fully signed in, or held at one of `gates`. */
export function signedInAt(request: FastifyRequest, ...gates: (MfaGate | null)[]): SignedIn {
  const signIn = request.signIn;
  if (!signIn || !gates.includes(signIn.gate)) throw unauthenticated();
  return signIn;
}

/** The routes each MFA step may reach (besides signing in again or out); everything else is 401. */
const STEP_ROUTES: Record<MfaGate, ReadonlySet<string>> = {
  challenge: new Set(['POST /api/auth/mfa/challenge']),
  enrol: new Set(['GET /api/auth/mfa', 'POST /api/auth/mfa/enrolment', 'POST /api/auth/mfa/enrolment/confirm']),
};
const ALWAYS = new Set(['POST /api/auth/login', 'POST /api/auth/logout']);

const held = (gate: MfaGate) =>
  gate === 'challenge'
    ? new DomainError('unauthenticated', 'mfa_required', 'Enter the code from your authenticator app to finish signing in')
    : new DomainError('unauthenticated', 'mfa_enrolment_required', 'Your organization requires two-step sign-in: set it up to continue');

/** Refuses every request of a sign-in held at an MFA step, except that step's own routes. */
export function requireMfaStepRoute(request: FastifyRequest): void {
  const gate = request.signIn?.gate;
  if (!gate) return;
  const route = `${request.method} ${request.routeOptions.url ?? ''}`;
  if (!ALWAYS.has(route) && !STEP_ROUTES[gate].has(route)) throw held(gate);
}
