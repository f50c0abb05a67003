import type { PGlite } from '@electric-sql/pglite';
import pg from 'pg';

export interface ListenHandlers {
  notification(payload: string): void;
  /** The connection came back after a drop: notifications sent meanwhile were lost, so catch up. */
  reconnected(): void;
  error(error: unknown): void;
}

export interface Listening {
  /** Whether the LISTEN connection is open now (false while it reconnects). */
  isUp(): boolean;
  close(): Promise<void>;
}

const MAX_WAIT = 30_000;

/**
 * LISTEN on a dedicated PostgreSQL connection (a pooled one would hand the LISTEN to whoever takes
 * it next). When the server ends it (restart, failover, pg_terminate_backend), it reconnects with
 * backoff and says so, instead of letting the 'error' event take the process down.
 */
export async function listenOnPostgres(url: string, channel: string, handlers: ListenHandlers, applicationName: string): Promise<Listening> {
  let current: pg.Client | null = null;
  let closed = false;
  let attempt = 0;
  let timer: NodeJS.Timeout | undefined;

  const drop = (client: pg.Client) => {
    if (client !== current) return;
    current = null;
    client.end().catch(() => undefined);
    schedule();
  };
  const schedule = () => {
    if (closed || timer) return;
    const wait = Math.min(MAX_WAIT, 200 * 2 ** attempt++);
    timer = setTimeout(() => {
      timer = undefined;
      connect().then(handlers.reconnected, (error: unknown) => {
        handlers.error(error);
        schedule();
      });
    }, wait);
    timer.unref();
  };
  async function connect(): Promise<void> {
    const client = new pg.Client({ connectionString: url, application_name: applicationName });
    client.on('error', (error) => {
      handlers.error(error);
      drop(client);
    });
    client.on('end', () => drop(client));
    client.on('notification', (message) => {
      if (message.channel === channel && message.payload !== undefined) handlers.notification(message.payload);
    });
    await client.connect();
    await client.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
    if (closed) return void (await client.end());
    current = client;
    attempt = 0;
  }

  await connect();
  return {
    isUp: () => current !== null,
    async close() {
      closed = true;
      clearTimeout(timer);
      const client = current;
      current = null;
      await client?.end();
    },
  };
}

/** PGlite is in-process: its LISTEN never drops. */
export async function listenOnPglite(pglite: PGlite, channel: string, handlers: ListenHandlers): Promise<Listening> {
  const unlisten = await pglite.listen(channel, (payload) => handlers.notification(payload));
  let up = true;
  return {
    isUp: () => up,
    close: () => {
      up = false;
      return unlisten();
    },
  };
}
