import type { FastifyReply } from 'fastify';

/** A file goes out as a download, never rendered inline from our origin unless asked for reading. */
export function sendFile(reply: FastifyReply, file: { filename: string; bytes: Uint8Array }, disposition: 'attachment' | 'inline') {
  const name = encodeURIComponent(file.filename);
  return reply
    .type('application/pdf')
    .header('content-disposition', `${disposition}; filename="${name.replace(/%20/g, ' ')}"; filename*=UTF-8''${name}`)
    .header('content-security-policy', "default-src 'none'; frame-ancestors 'self'")
    // Our own pages may show a PDF to read in a frame; nobody else's.
    .header('x-frame-options', 'SAMEORIGIN')
    .send(Buffer.from(file.bytes));
}

/**
 * An uploaded file (an image) as it was stored: a download unless shown inline (a thumbnail).
 * Nothing in it may run: no sniffing, a CSP that allows nothing.
 */
export function sendStoredFile(reply: FastifyReply, file: { filename: string; contentType: string; bytes: Uint8Array }, disposition: 'attachment' | 'inline') {
  const name = encodeURIComponent(file.filename);
  return reply
    .type(file.contentType)
    .header('content-disposition', `${disposition}; filename="${name.replace(/%20/g, ' ')}"; filename*=UTF-8''${name}`)
    .header('content-security-policy', "default-src 'none'")
    .header('x-content-type-options', 'nosniff')
    .send(Buffer.from(file.bytes));
}
