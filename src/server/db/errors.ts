/** PostgreSQL SQLSTATE codes we turn into domain errors. Both pg and PGlite expose `code`. */
const UNIQUE_VIOLATION = '23505';
const EXCLUSION_VIOLATION = '23P01';
const SERIALIZATION_FAILURE = '40001';
const DEADLOCK_DETECTED = '40P01';

interface PgError {
  code?: string;
  constraint?: string;
}

const asPgError = (error: unknown): PgError => (typeof error === 'object' && error !== null ? error : {}) as PgError;

export const isUniqueViolation = (error: unknown, constraint: string) =>
  asPgError(error).code === UNIQUE_VIOLATION && asPgError(error).constraint === constraint;

export const isExclusionViolation = (error: unknown, constraint: string) =>
  asPgError(error).code === EXCLUSION_VIOLATION && asPgError(error).constraint === constraint;

/** The transaction lost to a concurrent one (deadlock, serialization failure): running it again may succeed. */
export const isTransactionConflict = (error: unknown) => [SERIALIZATION_FAILURE, DEADLOCK_DETECTED].includes(asPgError(error).code ?? '');

// The server ended the connection (57P01 on pg_terminate_backend, a shutdown, a failover) or could
// not be reached; pg reports a socket that died under a query with these messages and no code.
const CONNECTION_LOST_CODES = /^(08|57P0[1-3]$|ECONNREFUSED$|ECONNRESET$|EPIPE$|ETIMEDOUT$)/;
const CONNECTION_LOST_MESSAGES = /^(Connection terminated|Client has encountered a connection error|Connection ended)/;

/** The database connection was lost under a request: worth a retry, not a bug (503 at the edge). */
export const isConnectionLost = (error: unknown) => {
  const code = asPgError(error).code;
  if (code) return CONNECTION_LOST_CODES.test(code);
  return error instanceof Error && CONNECTION_LOST_MESSAGES.test(error.message);
};
