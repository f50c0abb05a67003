import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { LOGO_CONTENT_TYPES, MAX_LOGO_BYTES, organizationLogoSchema } from '../../../shared/logo';
import { invalid } from '../../errors';
import { file, json, noContent, problems } from '../../http/responses';
import type { App } from '../../http/types';
import { staffOf } from '../auth';
import { requireUploadName } from '../files';
import type { LogoService } from './logo';

const tags = ['Organization'];
const YEAR = 365 * 24 * 60 * 60;

/** The `file` part of the upload; a file over 512 KB is 413 before any of it is kept. */
async function readLogo(request: FastifyRequest): Promise<Uint8Array> {
  let bytes: Uint8Array | undefined;
  for await (const part of request.parts({ limits: { fileSize: MAX_LOGO_BYTES, files: 1 } })) {
    if (part.type !== 'file') continue;
    requireUploadName(part.filename);
    const read = new Uint8Array(await part.toBuffer());
    if (part.fieldname === 'file') bytes = read;
  }
  if (!bytes) throw invalid([{ path: 'file', message: 'Choose a PNG, JPEG or WebP image' }]);
  return bytes;
}

/**
 * The logo: administrators set and remove it; `organizationOf` says whose logo a request may see
 * (a staff member's organization, or a participant's through their page's cookie).
 */
export function logoRoutes(app: App, logos: LogoService, organizationOf: (request: FastifyRequest) => Promise<string>): void {
  app.put('/organization/logo', {
    schema: {
      tags,
      summary: "Upload or replace the organization's logo",
      description: 'Multipart: `file`, a PNG, JPEG or WebP image (decided by its content; SVG is refused) of at most 512 KB. Administrators only.',
      multipartBody: z.object({ file: z.file().mime([...LOGO_CONTENT_TYPES]).max(MAX_LOGO_BYTES) }),
      response: { 200: json(organizationLogoSchema, 'The logo as kept'), ...problems(400, 401, 403, 413, 415) },
    },
  }, async (request) => logos.set(staffOf(request), await readLogo(request)));

  app.delete('/organization/logo', {
    schema: { tags, summary: "Remove the organization's logo", description: 'Administrators only.', response: { 204: noContent, ...problems(401, 403) } },
  }, async (request, reply) => {
    await logos.remove(staffOf(request));
    return reply.code(204).send();
  });

  app.get('/organization/logo/:hash', {
    schema: {
      tags,
      summary: "The organization's logo",
      description: "For its staff and, on their page, its participants. The URL changes with the image, so it is cached for a year. An earlier logo's URL is 404.",
      security: [{ staffSession: [] }, { participantSession: [] }],
      params: z.object({ hash: z.string().regex(/^[0-9a-f]{16}$/) }),
      response: { 200: { description: 'The image', content: Object.assign({}, ...LOGO_CONTENT_TYPES.map((type) => file(type, '').content)) }, ...problems(401, 404) },
    },
  }, async (request, reply) => {
    const logo = await logos.open(await organizationOf(request), request.params.hash);
    return reply
      .type(logo.contentType)
      .header('cache-control', `private, max-age=${YEAR}, immutable`)
      .header('content-disposition', 'inline; filename="logo"')
      .header('content-security-policy', "default-src 'none'")
      .header('x-content-type-options', 'nosniff')
      .send(Buffer.from(logo.bytes));
  });
}
