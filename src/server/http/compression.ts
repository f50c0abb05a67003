import { constants } from 'node:zlib';
import fastifyCompress from '@fastify/compress';
import type { FastifyInstance } from 'fastify';

/** Smaller answers are not worth the CPU, nor the extra round of a compressor's header. */
export const COMPRESS_ABOVE_BYTES = 1024;

/**
 * Answers up to this size are compressed in one synchronous call. Through a zlib stream on the
 * thread pool (the plugin's default above 8 KB on 2 cores) a 32 KB availability answer took 1–4 ms
 * longer than uncompressed; compressed in one call it takes ~0.1 ms (brotli quality 4; 64 KB ~0.25 ms).
 * Larger answers (exports, long lists) still stream and never hold the event loop long.
 */
export const COMPRESS_IN_ONE_CALL_UP_TO_BYTES = 64 * 1024;

/**
 * API answers above 1 KB go out brotli- or gzip-compressed when the client asks (`Vary:
 * Accept-Encoding` is set). Brotli at quality 4, gzip at level 4: close to their fastest, with
 * output near their defaults' (brotli's default, 11, is for assets compressed once at build; see
 * scripts/precompress.ts; gzip's 6 took 2.6× as long for 4% less on an availability answer). Files served
 * already compressed (the web app's .br/.gz) and types that do not compress (images, PDFs) pass as
 * they are. Request bodies are never decompressed: nothing we take arrives compressed, and
 * inflating what a client sends would step around the body limit.
 */
export async function registerCompression(app: FastifyInstance): Promise<void> {
  await app.register(fastifyCompress, {
    threshold: COMPRESS_ABOVE_BYTES,
    syncThreshold: COMPRESS_IN_ONE_CALL_UP_TO_BYTES,
    zlibOptions: { level: 4 },
    encodings: ['br', 'gzip'],
    brotliOptions: { params: { [constants.BROTLI_PARAM_QUALITY]: 4 } },
    globalDecompression: false,
  });
}
