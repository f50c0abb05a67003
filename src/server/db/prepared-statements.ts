import pg from 'pg';

/**
 * How many statements one connection prepares at most. The app's queries come from a bounded set
 * of shapes (a few hundred); the cap keeps a connection's server memory bounded all the same, and
 * statements past it run unnamed as before.
 */
export const PREPARED_PER_CONNECTION = 500;

/** The server refuses a prepared statement whose columns changed under it (a migration added one to a `SELECT *`). */
const isStaleResultType = (error: unknown) =>
  (error as { code?: string }).code === '0A000' && /cached plan must not change result type/.test((error as Error).message);

/**
 * A PostgreSQL connection that prepares each parameterized statement once, by name, and then only
 * binds and executes it: the server parses and plans it once (after five runs it may keep a generic
 * plan) instead of on every call. Planning was most of the cost of the app's larger statements:
 * the booking's one read took 1.2–1.5 ms unnamed, for 0.4 ms of execution. Statements without
 * parameters (BEGIN, COMMIT, migrations of several commands) keep the simple protocol. A prepared
 * statement outlives a rolled-back transaction, and the server re-plans it when a table it reads
 * changes; only a change of its result columns fails it, once, and the next call prepares it anew.
 * Behind PgBouncer in transaction mode, use 1.21 or later with max_prepared_statements set.
 */
export class PreparingClient extends pg.Client {
  readonly #names = new Map<string, string>();
  #prepared = 0;

  // pg's query() has many overloads: Kysely's driver calls query(text, values) and awaits it; a
  // pg.Pool's query() calls query(text, values, callback).
  override query(...args: unknown[]): any {
    const [text, values, callback] = args;
    const name = typeof text === 'string' && Array.isArray(values) && values.length > 0 ? this.#nameOf(text) : undefined;
    if (!name) return (super.query as (...a: unknown[]) => unknown)(...args);
    const forgetIfStale = (error: unknown) => {
      if (isStaleResultType(error)) this.#names.delete(text as string);
    };
    const config = { name, text: text as string, values: values as unknown[] };
    if (typeof callback === 'function') {
      return super.query(config, (error: Error | null, result: unknown) => {
        if (error) forgetIfStale(error);
        callback(error, result);
      });
    }
    return super.query(config).catch((error: unknown) => {
      forgetIfStale(error);
      throw error;
    });
  }

  #nameOf(text: string): string | undefined {
    const known = this.#names.get(text);
    if (known || this.#prepared >= PREPARED_PER_CONNECTION) return known;
    const name = `carebeam_${++this.#prepared}`;
    this.#names.set(text, name);
    return name;
  }
}
