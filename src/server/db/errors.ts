/** PostgreSQL SQLSTATE codes we turn into domain errors. Both pg and PGlite expose `code`. */
const UNIQUE_VIOLATION = '23505';
const EXCLUSION_VIOLATION = '23P01';

interface PgError {
  code?: string;
  constraint?: string;
}

const asPgError = (error: unknown): PgError => (typeof error === 'object' && error !== null ? error : {}) as PgError;

export const isUniqueViolation = (error: unknown, constraint: string) =>
  asPgError(error).code === UNIQUE_VIOLATION && asPgError(error).constraint === constraint;

export const isExclusionViolation = (error: unknown, constraint: string) =>
  asPgError(error).code === EXCLUSION_VIOLATION && asPgError(error).constraint === constraint;
