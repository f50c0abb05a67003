import type { Role } from '../../../shared/roles';
import { DomainError, forbidden } from '../../errors';

/** A signed-in staff member, as every service sees the caller. */
export interface Actor {
  id: string;
  organizationId: string;
  name: string;
  email: string;
  roles: Role[];
  timeZone: string;
  organization: { id: string; name: string; timeZone: string };
}

/** A participant on their own page (through their link): one participant of one session, nothing more. */
export interface PortalVisitor {
  organizationId: string;
  sessionId: string;
  participantId: string;
}

export const hasRole = (actor: Actor, ...roles: Role[]) => roles.some((role) => actor.roles.includes(role));

export function requireRole(actor: Actor, ...roles: Role[]): void {
  if (!hasRole(actor, ...roles)) throw forbidden();
}

export const unauthenticated = () =>
  new DomainError('unauthenticated', 'unauthenticated', 'Sign in to continue');
