import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  ATTACHMENT_TYPES,
  chatAttachmentSchema,
  chatMessageSchema,
  chatPageSchema,
  listMessagesQuerySchema,
  markReadSchema,
  MAX_ATTACHMENT_BYTES,
  sendMessageSchema,
  unreadSchema,
} from '../../../shared/chat';
import { invalid } from '../../errors';
import { requireUploadName } from '../files';
import { file, json, noContent, problems } from '../../http/responses';
import type { App } from '../../http/types';
import { staffOf } from '../auth';
import type { Caller, ChatService } from './service';
import { portalRead, sessionRead } from '../audit';

const sessionParams = z.object({ id: z.uuid() });
const attachmentParams = z.object({ id: z.uuid(), attachmentId: z.uuid() });
const portalAttachmentParams = z.object({ attachmentId: z.uuid() });
const downloadQuery = z.object({ inline: z.enum(['1']).optional() });
const tags = ['Chat'];
const participantSecurity = [{ participantSession: [] }];
const uploadPart = z.object({ file: z.file().max(MAX_ATTACHMENT_BYTES) });
const attachmentFile = {
  description: 'The file, as an attachment (an image inline with `?inline=1`)',
  content: Object.fromEntries(ATTACHMENT_TYPES.map((type) => [type, file(type, '').content[type]])),
};

/** The OpenAPI schema of a chat route, for staff or (`portal`) for a participant. */
function doc<const R extends object>(portal: boolean, summary: string, description: string, rest: R) {
  return { tags, summary, description, ...(portal ? { security: participantSecurity } : {}), ...rest };
}

/** The one `file` part of a multipart upload, within the size limit (a bigger one is 413). */
async function readUpload(request: FastifyRequest) {
  const part = await request.file({ limits: { fileSize: MAX_ATTACHMENT_BYTES, files: 1 } });
  if (!part || part.fieldname !== 'file') throw invalid([{ path: 'file', message: 'Choose a file to attach' }]);
  requireUploadName(part.filename);
  return { filename: part.filename, bytes: new Uint8Array(await part.toBuffer()) };
}

/**
 * A download: always an attachment, except an image asked for inline (a thumbnail in the chat).
 * Nothing in it may run: no sniffing, a CSP that allows nothing.
 */
function sendAttachment(reply: FastifyReply, file: { filename: string; contentType: string; bytes: Uint8Array }, inline: boolean) {
  const disposition = inline && file.contentType.startsWith('image/') ? 'inline' : 'attachment';
  const name = encodeURIComponent(file.filename);
  return reply
    .type(file.contentType)
    .header('content-disposition', `${disposition}; filename="${name.replace(/%20/g, ' ')}"; filename*=UTF-8''${name}`)
    .header('content-security-policy', "default-src 'none'")
    .header('x-content-type-options', 'nosniff')
    .send(Buffer.from(file.bytes));
}

/**
 * The chat over HTTP, for staff (`/sessions/:id/…`) and for a participant on their page
 * (`/portal/…`, their own session). The live channel pushes what these write.
 */
export function chatRoutes(app: App, chat: ChatService, participantOf: (request: FastifyRequest) => Promise<Caller & { kind: 'participant' }>): void {
  const staff = (request: FastifyRequest): Caller => ({ kind: 'staff', actor: staffOf(request) });

  app.get('/sessions/:id/messages', {
    config: { audit: sessionRead('chat.read') },
    schema: doc(false, 'Read the chat', 'The messages after `after` (a seq), oldest first: the whole session and every private thread.', {
      params: sessionParams,
      querystring: listMessagesQuerySchema,
      response: { 200: json(chatPageSchema), ...problems(400, 401, 404) },
    }),
  }, (request) =>
    chat.list(staff(request), request.params.id, request.query),
  );
  app.post('/sessions/:id/messages', {
    schema: doc(false, 'Send a message', 'To the whole session, or with `to` privately to one participant. A resend with the same `clientMessageId` answers 200 with the first message.', {
      params: sessionParams,
      body: sendMessageSchema,
      response: { 201: json(chatMessageSchema, 'The message'), 200: json(chatMessageSchema, 'The message sent earlier with this clientMessageId'), ...problems(400, 401, 404, 409) },
    }),
  }, async (request, reply) => {
    const { message, created } = await chat.send(staff(request), request.params.id, request.body);
    return reply.code(created ? 201 : 200).send(message);
  });
  app.post('/sessions/:id/messages/read', {
    schema: doc(false, 'Mark a thread read', "Up to `seq`: the session's conversation, or with `participantId` a private thread.", {
      params: sessionParams,
      body: markReadSchema,
      response: { 204: noContent, ...problems(400, 401, 404) },
    }),
  }, async (request, reply) => {
    await chat.markRead(staff(request), request.params.id, request.body);
    return reply.code(204).send();
  });
  app.get('/sessions/:id/messages/unread', {
    schema: doc(false, 'Unread messages per thread', 'Messages from others after the caller\'s read mark, per thread.', { params: sessionParams, response: { 200: json(unreadSchema), ...problems(401, 404) } }),
  }, (request) => chat.unread(staff(request), request.params.id));
  app.post('/sessions/:id/attachments', {
    schema: doc(false, 'Upload a file to attach', 'Multipart, the file in `file`: a PDF, PNG, JPEG, HEIC or plain text (by content), at most 10 MB. Send it with a message by its id.', {
      params: sessionParams,
      multipartBody: uploadPart,
      response: { 201: json(chatAttachmentSchema, 'The stored file, not yet sent'), ...problems(400, 401, 404, 409, 413, 415) },
    }),
  }, async (request, reply) => {
    const caller = staff(request);
    return reply.code(201).send(await chat.upload(caller, request.params.id, await readUpload(request)));
  });
  app.get('/sessions/:id/attachments/:attachmentId', {
    config: { audit: sessionRead('chat_attachment.downloaded', 'chat_attachment', 'attachmentId') },
    schema: doc(false, 'Download an attachment', 'For whoever may read its message. Every download is audited.', {
      params: attachmentParams,
      querystring: downloadQuery,
      response: { 200: attachmentFile, ...problems(400, 401, 404) },
    }),
  }, async (request, reply) =>
    sendAttachment(reply, await chat.download(staff(request), request.params.id, request.params.attachmentId), request.query.inline === '1'),
  );

  app.get('/portal/messages', {
    config: { audit: portalRead('portal.chat_read') },
    schema: doc(true, 'Read my chat', "The session's conversation and the participant's private thread with the clinic, oldest first.", {
      querystring: listMessagesQuerySchema,
      response: { 200: json(chatPageSchema), ...problems(400, 401, 404) },
    }),
  }, async (request) => {
    const caller = await participantOf(request);
    return chat.list(caller, caller.visitor.sessionId, request.query);
  });
  app.post('/portal/messages', {
    schema: doc(true, 'Send a message', "To the whole session, or with `to` = the participant's own id privately to the clinic.", {
      body: sendMessageSchema,
      response: { 201: json(chatMessageSchema, 'The message'), 200: json(chatMessageSchema, 'The message sent earlier with this clientMessageId'), ...problems(400, 401, 404, 409) },
    }),
  }, async (request, reply) => {
    const caller = await participantOf(request);
    const { message, created } = await chat.send(caller, caller.visitor.sessionId, request.body);
    return reply.code(created ? 201 : 200).send(message);
  });
  app.post('/portal/messages/read', {
    schema: doc(true, 'Mark my chat read', 'Up to `seq`, in the one view the participant has.', { body: markReadSchema.pick({ seq: true }), response: { 204: noContent, ...problems(400, 401, 404) } }),
  }, async (request, reply) => {
    const caller = await participantOf(request);
    await chat.markRead(caller, caller.visitor.sessionId, request.body);
    return reply.code(204).send();
  });
  app.get('/portal/messages/unread', {
    schema: doc(true, 'My unread messages', 'Per thread the participant sees.', { response: { 200: json(unreadSchema), ...problems(401, 404) } }),
  }, async (request) => {
    const caller = await participantOf(request);
    return chat.unread(caller, caller.visitor.sessionId);
  });
  app.post('/portal/attachments', {
    schema: doc(true, 'Upload a file to attach', 'As for staff.', {
      multipartBody: uploadPart,
      response: { 201: json(chatAttachmentSchema, 'The stored file, not yet sent'), ...problems(400, 401, 404, 409, 413, 415) },
    }),
  }, async (request, reply) => {
    const caller = await participantOf(request);
    return reply.code(201).send(await chat.upload(caller, caller.visitor.sessionId, await readUpload(request)));
  });
  app.get('/portal/attachments/:attachmentId', {
    config: { audit: portalRead('portal.attachment_downloaded', 'chat_attachment', 'attachmentId') },
    schema: doc(true, 'Download an attachment', 'Of a message the participant may read. Every download is audited.', {
      params: portalAttachmentParams,
      querystring: downloadQuery,
      response: { 200: attachmentFile, ...problems(400, 401, 404) },
    }),
  }, async (request, reply) => {
    const caller = await participantOf(request);
    return sendAttachment(reply, await chat.download(caller, caller.visitor.sessionId, request.params.attachmentId), request.query.inline === '1');
  });
}
