import type { FastifyRequest } from 'fastify';
import { DomainError } from '../../errors';
import type { SignInCookie } from '../../http/sign-in-cookie';
import { noteAuditVisitor } from '../audit';
import type { PortalVisitor } from '../auth';
import type { PortalService } from './service';

const signInAgain = () => new DomainError('unauthenticated', 'unauthenticated', 'Open the link from your invitation again');

/** Reads the participant behind a request's portal cookie, or answers 401 (open the link again). */
export function portalVisitorOf(portal: PortalService, cookie: SignInCookie) {
  return async (request: FastifyRequest): Promise<PortalVisitor> => {
    const token = cookie.read(request);
    const visitor = token ? await portal.visitor(token) : null;
    if (!visitor) throw signInAgain();
    noteAuditVisitor(request, visitor);
    return visitor;
  };
}
