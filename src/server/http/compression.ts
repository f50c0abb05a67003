import { constants } from 'node:zlib';
import fastifyCompress from '@fastify/compress';
import type { FastifyInstance } from 'fastify';

/** Smaller answers are not worth the CPU, nor the extra round of a compressor's header. */
export const COMPRESS_ABOVE_BYTES = 1024;

/**
 * API answers above 1 KB go out brotli- or gzip-compressed when the client asks (`Vary:
 * Accept-Encoding` is set). Brotli at quality 4: close to gzip's speed with smaller output (the
 * default, 11, is for assets compressed once at build; see scripts/precompress.ts). Files served
 * already compressed (the web app's .br/.gz) and types that do not compress (images, PDFs) pass as
 * they are. Request bodies are never decompressed: nothing we take arrives compressed, and
 * inflating what a client sends would step around the body limit.
 */
export async function registerCompression(app: FastifyInstance): Promise<void> {
  await app.register(fastifyCompress, {
    threshold: COMPRESS_ABOVE_BYTES,
    encodings: ['br', 'gzip'],
    brotliOptions: { params: { [constants.BROTLI_PARAM_QUALITY]: 4 } },
    globalDecompression: false,
  });
}
