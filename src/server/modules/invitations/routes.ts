import { z } from 'zod';
import { staffOf } from '../../http/session-cookie';
import type { App } from '../../http/types';
import type { InvitationsService } from './service';

const sessionParams = z.object({ id: z.uuid() });

export function invitationsRoutes(app: App, invitations: InvitationsService): void {
  app.post('/sessions/:id/reminders', { schema: { params: sessionParams } }, async (request, reply) =>
    reply.code(202).send(await invitations.sendReminder(staffOf(request), request.params.id)),
  );
  app.post('/sessions/:id/participants/:participantId/link', { schema: { params: sessionParams.extend({ participantId: z.uuid() }) } }, (request) =>
    invitations.copyLink(staffOf(request), request.params.id, request.params.participantId),
  );
  app.get(
    '/outbox',
    {
      schema: {
        querystring: z.object({
          sessionId: z.uuid().optional(),
          status: z.enum(['queued', 'sent', 'failed']).optional(),
          channel: z.enum(['email', 'sms']).optional(),
          limit: z.coerce.number().int().min(1).max(500).default(100),
        }),
      },
    },
    (request) => invitations.outbox(staffOf(request), request.query),
  );
}
