import { existsSync, realpathSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { sendProblem } from './problem';

/**
 * Serves the built SPA (dist/web): hashed assets cached for a year, index.html for every
 * other page address so client-side routes survive a reload. Unknown /api paths stay 404.
 * Each file goes out as its brotli or gzip twin made at build (scripts/precompress.ts) when the
 * browser takes it. Source maps are never served: the build keeps them beside the files
 * (`hidden`) for an operator to upload to their error tracker.
 */
export async function registerWeb(app: FastifyInstance, webRoot: string): Promise<void> {
  const built = existsSync(join(webRoot, 'index.html'));
  if (built) {
    await app.register(fastifyStatic, {
      // dist/web is a link to the build of the day (scripts/web-build.ts): this instance keeps
      // serving the build it started with when a newer one takes the link.
      root: realpathSync(webRoot),
      wildcard: false,
      index: false,
      preCompressed: true,
      allowedPath: (path) => !path.endsWith('.map'),
      setHeaders: (res, path) => {
        res.header('cache-control', path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
  }
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0]!;
    // A missing file (`/assets/x.js`) is a 404, not the SPA: only page addresses get index.html.
    const isPage = (request.method === 'GET' || request.method === 'HEAD') && !path.startsWith('/api/') && !/\.\w+$/.test(path);
    if (isPage && built) return reply.header('cache-control', 'no-cache').sendFile('index.html');
    if (isPage) return reply.type('text/plain').code(503).send('The web app is not built yet: run `npm run build:web`.');
    return sendProblem(reply, 404, 'not_found', `Nothing at ${request.method} ${path}`);
  });
}
