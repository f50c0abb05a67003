import type { FieldError } from '../shared/problem';

/**
 * What went wrong, in domain terms. The HTTP edge (http/problem.ts) turns the kind into a
 * status code; domain code never speaks HTTP.
 */
export type ErrorKind =
  | 'invalid'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'unprocessable'
  | 'unsupported_media_type'
  | 'rate_limited';

export class DomainError extends Error {
  override name = 'DomainError';
  constructor(
    readonly kind: ErrorKind,
    readonly code: string,
    message: string,
    readonly details: {
      errors?: FieldError[];
      retryAfterSeconds?: number;
      /** Extra members of the problem body (RFC 9457 extensions), e.g. the existing record. */
      extensions?: Record<string, unknown>;
    } = {},
  ) {
    super(message);
  }
}

export const invalid = (errors: FieldError[], message = 'The request has invalid fields') =>
  new DomainError('invalid', 'invalid_request', message, { errors });

export const notFound = (what: string) => new DomainError('not_found', 'not_found', `${what} was not found`);

export const forbidden = (message = 'You do not have permission to do this') =>
  new DomainError('forbidden', 'forbidden', message);

export const conflict = (code: string, message: string) => new DomainError('conflict', code, message);
