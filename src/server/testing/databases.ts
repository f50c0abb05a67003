import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import pg from 'pg';
import { type DatabaseHandle, openDatabase } from '../db/connect';

export type TestDatabaseSource =
  | { kind: 'pglite'; imagePath: string }
  | { kind: 'postgres'; serverUrl: string; template: string; runId: string };

export function databaseUrl(serverUrl: string, name: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function adminQuery(serverUrl: string, statement: string) {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    return await client.query(statement);
  } finally {
    await client.end();
  }
}

/** A fresh, migrated database of its own for one test file; `url` for PostgreSQL, so a second instance can share it. */
export async function openTestDatabase(source: TestDatabaseSource): Promise<DatabaseHandle & { url?: string }> {
  if (source.kind === 'pglite') {
    const image = new Blob([await readFile(source.imagePath)]);
    return openDatabase({ kind: 'pglite', image });
  }
  const name = `carebeam_t_${source.runId}_${randomBytes(4).toString('hex')}`;
  await adminQuery(source.serverUrl, `CREATE DATABASE ${name} TEMPLATE ${source.template}`);
  const url = databaseUrl(source.serverUrl, name);
  const handle = await openDatabase({ kind: 'postgres', url, poolSize: 5 });
  return {
    ...handle,
    url,
    close: async () => {
      await handle.close();
      await adminQuery(source.serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}
