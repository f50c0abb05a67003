import { z } from 'zod';
import { outboxMessageSchema, remindersQueuedSchema } from '../../../shared/outbox';
import { json, problems } from '../../http/responses';
import type { App } from '../../http/types';
import { staffOf } from '../auth';
import type { MessagingService } from './service';
import { listRead, noteAuditSubject } from '../audit';

const sessionParams = z.object({ id: z.uuid() });
const tags = ['Messaging'];

export function messagingRoutes(app: App, messaging: MessagingService): void {
  app.post(
    '/sessions/:id/reminders',
    {
      schema: {
        tags,
        summary: 'Send a reminder now',
        description: 'To every participant of a scheduled session, by their invitation type.',
        params: sessionParams,
        response: { 202: json(remindersQueuedSchema), ...problems(400, 401, 403, 404) },
      },
    },
    async (request, reply) => reply.code(202).send(await messaging.sendReminder(staffOf(request), request.params.id)),
  );
  app.get(
    '/outbox',
    {
      config: { audit: listRead('outbox.read', 'outbox_message') },
      schema: {
        tags,
        summary: 'The outbox: every email and SMS',
        description: 'Administrators only. As recipients saw them, private links redacted; newest first.',
        querystring: z.object({
          sessionId: z.uuid().optional(),
          status: z.enum(['queued', 'sent', 'failed']).optional(),
          channel: z.enum(['email', 'sms']).optional(),
          limit: z.coerce.number().int().min(1).max(500).default(100),
        }),
        response: { 200: json(z.array(outboxMessageSchema), 'The messages'), ...problems(400, 401, 403) },
      },
    },
    async (request) => {
      const messages = await messaging.outbox(staffOf(request), request.query);
      const participantIds = new Set(messages.flatMap((m) => (m.participantId ? [m.participantId] : [])));
      noteAuditSubject(request, { participantIds: [...participantIds], sessionId: request.query.sessionId ?? null });
      return messages;
    },
  );
}
