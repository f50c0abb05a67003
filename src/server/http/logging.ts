import type { Writable } from 'node:stream';
import type { FastifyServerOptions } from 'fastify';
import { redactUrl } from './redact';

/**
 * What the logs may keep of a request: its method, its route pattern and its path (join and feed
 * tokens masked). Never the query string: searches carry names, emails and phone numbers.
 */
export function requestForLog(request: { method: string; url: string; ip?: string; routeOptions?: { url?: string } }) {
  return { method: request.method, route: request.routeOptions?.url ?? null, url: redactUrl(request.url.split('?')[0]!), ip: request.ip };
}

// A contact detail a message may quote (an SMTP server rejecting a recipient names the address).
const EMAIL = /[^\s<>"'(),;:]+@[^\s<>"'(),;:]+/g;
const PHONE = /\+?\d[\d ()-]{6,}\d/g;
const scrub = (text: string | undefined) => text?.replace(EMAIL, '[email]').replace(PHONE, '[number]');

interface ErrorLike {
  name?: string;
  message?: string;
  stack?: string;
  code?: unknown;
  severity?: unknown;
  constraint?: unknown;
  table?: unknown;
  column?: unknown;
}

/**
 * What the logs may keep of an error. A database error (pg and PGlite both set `severity` and a
 * SQLSTATE `code`) keeps its code and where it happened, never its message or detail: those quote
 * values ("Failing row contains (…)", "Key (email)=(…)", `invalid input syntax for type uuid: "…"`).
 * Any other error keeps its type, code, and its message and stack with contact details masked;
 * extra properties (an SMTP reply, a rejected recipient list) are dropped.
 */
export function errorForLog(error: unknown): { type: string; message: string; stack: string; [key: string]: unknown } {
  if (!error || typeof error !== 'object') return { type: typeof error, message: 'a non-error was thrown', stack: '' };
  const e = error as ErrorLike;
  if (typeof e.severity === 'string' && typeof e.code === 'string') {
    // Its stack starts with its message, so neither is kept.
    return { type: 'DatabaseError', message: `SQLSTATE ${e.code}`, stack: '', code: e.code, constraint: e.constraint, table: e.table, column: e.column };
  }
  return { type: e.name ?? 'Error', message: scrub(e.message) ?? '', stack: scrub(e.stack) ?? '', code: typeof e.code === 'string' ? e.code : undefined };
}

/** The app's logger: ids, routes and outcomes only (see DESIGN.md, "No PHI in logs"). */
export function loggerOptions(level: string, stream?: Writable): FastifyServerOptions['logger'] {
  return {
    level,
    ...(stream ? { stream } : {}),
    redact: ['req.headers.cookie', 'req.headers.authorization', 'res.headers["set-cookie"]'],
    serializers: { req: requestForLog, err: errorForLog },
  };
}
