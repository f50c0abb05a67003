import type { FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { WebSocket } from 'ws';
import { z } from 'zod';
import type { Config } from '../../config';
import type { Database } from '../../db/schema';
import { forbidden } from '../../errors';
import type { SignInCookie } from '../../http/sign-in-cookie';
import type { App } from '../../http/types';
import { requireParticipantAccess, requireSessionAccess } from '../access';
import { type PortalVisitor, staffOf, unauthenticated } from '../auth';
import type { LiveHub } from './hub';
import type { LiveIdentity, LiveMember } from './types';

export interface LiveRouteDeps {
  hub: LiveHub;
  db: Kysely<Database>;
  config: Config;
  signInCookie: SignInCookie;
  portalCookie: SignInCookie;
  /** The participant behind a portal token, and their name. */
  portal: { visitor(token: string): Promise<PortalVisitor | null>; participantName(visitor: PortalVisitor): Promise<string> };
}

interface Authorized {
  identity: LiveIdentity;
  session: { id: string; organizationId: string } | null;
  member: LiveMember;
}

/**
 * The live channels (WebSocket routes, which @fastify/websocket hides from the OpenAPI document;
 * its description names them). Everything is decided before the upgrade, with the HTTP API's own rules:
 * a refused one is answered 401/403/404 (problem+json) and never opens. The Origin must be ours:
 * a page of another site cannot open a socket with our cookies (cross-site WebSocket hijacking).
 */
export function liveRoutes(app: App, deps: LiveRouteDeps): void {
  const authorized = new WeakMap<FastifyRequest, Authorized>();

  function requireOwnOrigin(request: FastifyRequest) {
    const origin = request.headers.origin;
    if (origin !== deps.config.publicUrl.origin && origin !== `${request.protocol}://${request.host}`) {
      throw forbidden('Live connections from another site are not accepted');
    }
  }

  function staffIdentity(request: FastifyRequest): Extract<LiveIdentity, { kind: 'staff' }> {
    const actor = staffOf(request);
    return { kind: 'staff', actor, signInToken: deps.signInCookie.read(request)! };
  }

  const params = z.object({ id: z.uuid() });

  app.get(
    '/sessions/:id/live',
    {
      websocket: true,
      schema: { params },
      preHandler: async (request) => {
        requireOwnOrigin(request);
        const identity = staffIdentity(request);
        const { id } = request.params as z.infer<typeof params>;
        const session = await requireSessionAccess(deps.db, identity.actor, id, 'read');
        authorized.set(request, {
          identity,
          session: { id: session.id, organizationId: session.organization_id },
          member: { kind: 'staff', id: identity.actor.id, name: identity.actor.name },
        });
      },
    },
    (socket, request) => open(socket, request),
  );

  app.get(
    '/portal/live',
    {
      websocket: true,
      preHandler: async (request) => {
        requireOwnOrigin(request);
        const portalToken = deps.portalCookie.read(request);
        const visitor = portalToken ? await deps.portal.visitor(portalToken) : null;
        if (!portalToken || !visitor) throw unauthenticated();
        await requireParticipantAccess(deps.db, visitor, 'take_part');
        const name = await deps.portal.participantName(visitor);
        authorized.set(request, {
          identity: { kind: 'participant', visitor, name, portalToken },
          session: { id: visitor.sessionId, organizationId: visitor.organizationId },
          member: { kind: 'participant', id: visitor.participantId, name },
        });
      },
    },
    (socket, request) => open(socket, request),
  );

  app.get(
    '/live',
    {
      websocket: true,
      preHandler: async (request) => {
        requireOwnOrigin(request);
        const identity = staffIdentity(request);
        authorized.set(request, { identity, session: null, member: { kind: 'staff', id: identity.actor.id, name: identity.actor.name } });
      },
    },
    (socket, request) => open(socket, request),
  );

  function open(socket: WebSocket, request: FastifyRequest) {
    const { identity, session, member } = authorized.get(request)!;
    if (!session) return deps.hub.attachStaff(socket, identity as Extract<LiveIdentity, { kind: 'staff' }>);
    deps.hub.attachSession(socket, identity, session, member).catch((error: unknown) => {
      request.log.error({ err: error }, 'live channel failed to open');
      socket.close(1011, 'Server error');
    });
  }
}
