import { STATUS_CODES } from 'node:http';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import type { FieldError, Problem } from '../../shared/problem';
import { isConnectionLost } from '../db/errors';
import { DomainError, type ErrorKind } from '../errors';

const STATUS_OF: Record<ErrorKind, number> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  unprocessable: 422,
  unsupported_media_type: 415,
  rate_limited: 429,
};

export function sendProblem(
  reply: FastifyReply,
  status: number,
  code: string,
  detail: string,
  errors?: FieldError[],
  extensions: Record<string, unknown> = {},
): FastifyReply {
  const body: Problem = {
    ...extensions,
    type: `urn:carebeam:problem:${code}`,
    title: STATUS_CODES[status] ?? 'Error',
    status,
    detail,
    code,
    ...(errors && errors.length > 0 ? { errors } : {}),
  };
  return reply.code(status).type('application/problem+json').send(body);
}

/** `/weekly/2/end` (what the validator reports) → `weekly.2.end` (what forms use). */
const toPath = (instancePath: string) => instancePath.replace(/^\//, '').replaceAll('/', '.');

// Fastify's own 4xx errors (bad JSON, too large, wrong media type) keep their status; their
// codes become ours so clients can branch on them.
const FASTIFY_CODES: Record<string, string> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'malformed_json',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'malformed_json',
  FST_ERR_CTP_BODY_TOO_LARGE: 'payload_too_large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported_media_type',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'bad_request',
  FST_REQ_FILE_TOO_LARGE: 'payload_too_large',
  FST_INVALID_MULTIPART_CONTENT_TYPE: 'unsupported_media_type',
};

// @fastify/busboy's errors for a multipart body it cannot read (no boundary, cut short, a broken part
// header) carry no code, only these messages: the client's fault, not ours.
const MALFORMED_MULTIPART = /^(Multipart: Boundary not found|Unexpected end of (form|file|multipart data)|Malformed part header)/;

/**
 * Errors the router raises before any route or hook runs (a path that is not valid percent-encoded
 * UTF-8, a path parameter over the length limit): problem+json like every other answer. The path is
 * not echoed: it may carry a token (calendar feeds).
 */
export function answerFrameworkError(error: FastifyError, _request: FastifyRequest, reply: FastifyReply): FastifyReply {
  if (error.code === 'FST_ERR_MAX_PARAM_LENGTH') return sendProblem(reply, 414, 'uri_too_long', 'A part of the address is too long');
  return sendProblem(reply, 400, 'bad_url', 'The address is not valid');
}

/** The one place that turns any error into RFC 9457 problem+json. */
export function registerProblemHandlers(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof DomainError) {
      if (error.details.retryAfterSeconds) reply.header('Retry-After', String(error.details.retryAfterSeconds));
      return sendProblem(reply, STATUS_OF[error.kind], error.code, error.message, error.details.errors, error.details.extensions);
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      // A malformed id in the path names nothing that exists.
      if (error.validationContext === 'params') return sendProblem(reply, 404, 'not_found', 'Nothing exists at this address');
      // One message per field: a field can fail its own check and a refinement over the object.
      const byPath = new Map<string, string>();
      for (const issue of error.validation) {
        const path = toPath(issue.instancePath);
        if (!byPath.has(path)) byPath.set(path, issue.message ?? 'Invalid value');
      }
      const errors = [...byPath].map(([path, message]) => ({ path, message }));
      const where = error.validationContext === 'body' ? 'body' : error.validationContext;
      return sendProblem(reply, 400, 'invalid_request', `The request ${where} has invalid fields`, errors);
    }
    if (error instanceof SyntaxError || error.code === 'FST_ERR_CTP_INVALID_JSON_BODY') {
      return sendProblem(reply, 400, 'malformed_json', 'The request body is not valid JSON');
    }
    if (MALFORMED_MULTIPART.test(error.message)) return sendProblem(reply, 400, 'malformed_multipart', 'The multipart body could not be read');
    // @fastify/multipart answers a non-multipart body with 406; the media type is what is wrong (415).
    const status = error.code === 'FST_INVALID_MULTIPART_CONTENT_TYPE' ? 415 : (error.statusCode ?? 500);
    if (status >= 400 && status < 500) {
      return sendProblem(reply, status, FASTIFY_CODES[error.code] ?? 'bad_request', error.message);
    }
    if (isConnectionLost(error)) {
      // The pool replaces the dead connection; the next request gets a new one.
      request.log.warn({ code: error.code }, 'database connection lost under a request');
      reply.header('Retry-After', '1');
      return sendProblem(reply, 503, 'database_unavailable', 'The database connection was interrupted. Please try again.');
    }
    request.log.error({ err: error }, 'request failed');
    return sendProblem(reply, 500, 'internal_error', 'Something went wrong on our side. Please try again.');
  });
}
