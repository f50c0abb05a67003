import type { FastifyInstance } from 'fastify';
import { sendProblem } from './problem';

// NUL, which PostgreSQL refuses in text (a 500 on every endpoint that stores or searches it), and
// lone surrogates, which no UTF-8 can carry (silently turned into U+FFFD). Both only ever come from
// a broken or hostile client, so any string holding one is refused before validation.
// eslint-disable-next-line no-control-regex -- matching NUL is the point
const NUL_OR_LONE_SURROGATE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** The path of the first string in `value` holding NUL or a lone surrogate (keys included), or null. */
function badTextAt(value: unknown, path: string[]): string | null {
  if (typeof value === 'string') return NUL_OR_LONE_SURROGATE.test(value) ? path.join('.') : null;
  if (value === null || typeof value !== 'object') return null;
  for (const [key, item] of Object.entries(value)) {
    if (NUL_OR_LONE_SURROGATE.test(key)) return [...path, '(key)'].join('.');
    const found = badTextAt(item, [...path, key]);
    if (found !== null) return found;
  }
  return null;
}

/** Refuses (400 `invalid_text`) a request whose JSON body, query or path holds NUL or a lone surrogate. */
export function registerTextGuard(app: FastifyInstance): void {
  app.addHook('preValidation', async (request, reply) => {
    for (const [where, value] of [['body', request.body], ['query', request.query], ['params', request.params]] as const) {
      const path = badTextAt(value, []);
      if (path !== null) {
        return sendProblem(reply, 400, 'invalid_text', `The request ${where} holds a NUL character or an unpaired surrogate`, [
          { path: path || where, message: 'Remove the NUL character or unpaired surrogate' },
        ]);
      }
    }
  });
}
