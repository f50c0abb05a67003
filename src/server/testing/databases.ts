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

/** A fresh, migrated database of its own for one test file. */
export async function openTestDatabase(source: TestDatabaseSource): Promise<DatabaseHandle> {
  if (source.kind === 'pglite') {
    const image = new Blob([await readFile(source.imagePath)]);
    return openDatabase({ kind: 'pglite', image });
  }
  const name = `carebeam_t_${source.runId}_${randomBytes(4).toString('hex')}`;
  await adminQuery(source.serverUrl, `CREATE DATABASE ${name} TEMPLATE ${source.template}`);
  const handle = await openDatabase({ kind: 'postgres', url: databaseUrl(source.serverUrl, name), poolSize: 5 });
  return {
    ...handle,
    close: async () => {
      await handle.close();
      await adminQuery(source.serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}
