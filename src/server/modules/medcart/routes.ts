import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { IMAGE_LABEL_MAX, MAX_IMAGE_BYTES, sessionImageSchema } from '../../../shared/images';
import { attachCartSchema, correctionSchema, newReadingSchema, readingListSchema, readingSchema, sessionCartSchema, sessionImageListSchema } from '../../../shared/medcart';
import { invalid } from '../../errors';
import { requireUploadName } from '../files';
import { file, json, noContent, problems } from '../../http/responses';
import { sendStoredFile } from '../../http/send-file';
import type { App } from '../../http/types';
import { staffOf } from '../auth';
import type { CartsService } from './carts';
import type { ImagesService, ImageUpload } from './images';
import type { ReadingsService } from './readings';
import { sessionRead } from '../audit';

const sessionParams = z.object({ id: z.uuid() });
const readingParams = z.object({ id: z.uuid(), readingId: z.uuid() });
const imageParams = z.object({ id: z.uuid(), imageId: z.uuid() });
const tags = ['MedCart'];

/** The multipart fields of an image upload, as documented. */
const imagePart = z.object({
  file: z.file().mime(['image/png', 'image/jpeg']).max(MAX_IMAGE_BYTES),
  label: z.string().max(IMAGE_LABEL_MAX).optional(),
  participantId: z.uuid().optional().describe('Whose video it is (a screenshot)'),
});
const imageFile = {
  description: 'The image: a download, or shown inline with `?inline=1` (a thumbnail)',
  content: { 'image/png': file('image/png', '').content['image/png'], 'image/jpeg': file('image/jpeg', '').content['image/jpeg'] },
};

/** The `file` part and the text fields of an image upload, in any order; a file over the limit is 413. */
async function readImageUpload(request: FastifyRequest): Promise<ImageUpload> {
  let upload: { filename: string; bytes: Uint8Array } | undefined;
  const fields: Record<string, string> = {};
  for await (const part of request.parts({ limits: { fileSize: MAX_IMAGE_BYTES, files: 1 } })) {
    if (part.type === 'file') {
      requireUploadName(part.filename);
      const bytes = new Uint8Array(await part.toBuffer());
      if (part.fieldname === 'file') upload = { filename: part.filename, bytes };
    } else {
      fields[part.fieldname] = String(part.value);
    }
  }
  if (!upload) throw invalid([{ path: 'file', message: 'Choose a PNG or JPEG image' }]);
  const participantId = fields.participantId?.trim() || undefined;
  if (participantId && !z.uuid().safeParse(participantId).success) throw invalid([{ path: 'participantId', message: 'Unknown participant' }]);
  return { ...upload, label: fields.label, participantId };
}

/** What staff do with a session's MedCart data: readings, its cart, its images. */
export function medcartRoutes(app: App, services: { readings: ReadingsService; carts: CartsService; images: ImagesService }): void {
  const { readings, carts, images } = services;

  app.get('/sessions/:id/readings', {
    config: { audit: sessionRead('reading.read') },
    schema: { tags, summary: "A session's readings", description: 'Every reading, corrected ones too (`entered-in-error`), oldest first.', params: sessionParams, response: { 200: json(readingListSchema), ...problems(401, 404) } },
  }, async (request) => ({ items: await readings.list(staffOf(request), request.params.id) }));

  app.get('/sessions/:id/readings/earlier', {
    config: { audit: sessionRead('reading.earlier_read') },
    schema: {
      tags,
      summary: 'Readings from earlier sessions',
      description: "The session's participants' final readings from their sessions before this one that the caller may see (at most 500, the latest), for trends.",
      params: sessionParams,
      response: { 200: json(readingListSchema), ...problems(401, 404) },
    },
  }, async (request) => ({ items: await readings.earlier(staffOf(request), request.params.id) }));

  app.post('/sessions/:id/readings', {
    schema: {
      tags,
      summary: 'Enter a reading',
      description: 'Staff of the session, during or after it. Accepted units are converted to the canonical one (kPa, °F, lb, in, mmol/L); an impossible value is 422 naming its field, an unusual one is stored and flagged.',
      params: sessionParams,
      body: newReadingSchema,
      response: { 201: json(readingSchema, 'The reading as stored'), ...problems(400, 401, 403, 404, 409, 422) },
    },
  }, async (request, reply) => reply.code(201).send(await readings.record(staffOf(request), request.params.id, request.body)));

  app.post('/sessions/:id/readings/:readingId/correct', {
    schema: {
      tags,
      summary: 'Correct a reading',
      description: 'Adds the right reading and marks this one `entered-in-error`; both are kept. A reading is corrected once (409 after).',
      params: readingParams,
      body: correctionSchema,
      response: { 201: json(readingSchema, 'The new reading'), ...problems(400, 401, 403, 404, 409, 422) },
    },
  }, async (request, reply) => reply.code(201).send(await readings.correct(staffOf(request), request.params.id, request.params.readingId, request.body)));

  app.get('/sessions/:id/cart', {
    schema: { tags, summary: "The session's cart", params: sessionParams, response: { 200: json(sessionCartSchema), ...problems(401, 404) } },
  }, (request) => carts.forSession(staffOf(request), request.params.id));

  app.put('/sessions/:id/cart', {
    schema: {
      tags,
      summary: 'Attach a cart',
      description: 'The cart may then post readings into this session (and only the sessions it is attached to). Replaces any cart attached before.',
      params: sessionParams,
      body: attachCartSchema,
      response: { 200: json(sessionCartSchema, 'The attached cart'), ...problems(400, 401, 403, 404, 409, 422) },
    },
  }, (request) => carts.attach(staffOf(request), request.params.id, request.body));

  app.delete('/sessions/:id/cart', {
    schema: { tags, summary: 'Detach the cart', description: 'Its readings stay; it can post no more into this session.', params: sessionParams, response: { 204: noContent, ...problems(401, 403, 404) } },
  }, async (request, reply) => {
    await carts.detach(staffOf(request), request.params.id);
    return reply.code(204).send();
  });

  for (const [path, kind, summary, description] of [
    ['screenshots', 'screenshot', 'Keep a screenshot', "Multipart: `file` (PNG or JPEG by content, at most 10 MB), `label`, and `participantId` (whose video). Staff of the session only."],
    ['images', 'upload', 'Upload an image', 'Multipart: `file` (PNG or JPEG by content, at most 10 MB) and `label`, to the MedCart tab. Staff of the session only.'],
  ] as const) {
    app.post(`/sessions/:id/${path}`, {
      schema: { tags, summary, description, params: sessionParams, multipartBody: imagePart, response: { 201: json(sessionImageSchema, 'The image kept'), ...problems(400, 401, 403, 404, 409, 413, 415) } },
    }, async (request, reply) => {
      const actor = staffOf(request);
      return reply.code(201).send(await images.add(actor, request.params.id, kind, await readImageUpload(request)));
    });
  }

  app.get('/sessions/:id/images', {
    config: { audit: sessionRead('session_image.list_read') },
    schema: { tags, summary: "The session's images", description: 'Screenshots and uploaded images, oldest first.', params: sessionParams, response: { 200: json(sessionImageListSchema), ...problems(401, 404) } },
  }, async (request) => ({ items: await images.list(staffOf(request), request.params.id) }));

  app.get('/sessions/:id/images/:imageId', {
    config: { audit: sessionRead('session_image.downloaded', 'session_image', 'imageId') },
    schema: {
      tags,
      summary: 'Open an image',
      description: 'A download, or inline with `?inline=1` for a thumbnail or the full view; either is audited.',
      params: imageParams,
      querystring: z.object({ inline: z.enum(['1']).optional() }),
      response: { 200: imageFile, ...problems(401, 404) },
    },
  }, async (request, reply) => {
    const inline = request.query.inline === '1';
    return sendStoredFile(reply, await images.open(staffOf(request), request.params.id, request.params.imageId), inline ? 'inline' : 'attachment');
  });
}
