import { randomBytes } from 'node:crypto';
import { rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { IN_MEMORY, openDatabase, openPglite, pgliteDatabase } from '../db/connect';
import { migrateToLatest } from '../db/migrate';
import { adminQuery, databaseUrl, type TestDatabaseSource } from './databases';

declare module 'vitest' {
  interface ProvidedContext {
    testDatabase: TestDatabaseSource;
  }
}

/**
 * Migrates one database per test run; every test file then starts from a copy of it
 * (PGlite: a dump of its data directory; PostgreSQL: CREATE DATABASE … TEMPLATE).
 */
export default async function setup(project: TestProject) {
  const runId = `${process.pid}_${randomBytes(3).toString('hex')}`;
  const serverUrl = process.env.TEST_DATABASE_URL;

  if (serverUrl) {
    const template = `carebeam_tpl_${runId}`;
    await adminQuery(serverUrl, `CREATE DATABASE ${template}`);
    const handle = await openDatabase({ kind: 'postgres', url: databaseUrl(serverUrl, template), poolSize: 1 });
    await migrateToLatest(handle.db);
    await handle.close();
    project.provide('testDatabase', { kind: 'postgres', serverUrl, template, runId });
    return async () => {
      const { rows } = await adminQuery(serverUrl, `SELECT datname FROM pg_database WHERE datname LIKE 'carebeam_%${runId}%'`);
      for (const row of rows) await adminQuery(serverUrl, `DROP DATABASE IF EXISTS ${row.datname} WITH (FORCE)`);
    };
  }

  const pglite = await openPglite({ dataDir: IN_MEMORY });
  const handle = pgliteDatabase(pglite);
  await migrateToLatest(handle.db);
  const imagePath = join(tmpdir(), `carebeam-test-${runId}.tar`);
  await writeFile(imagePath, Buffer.from(await (await pglite.dumpDataDir('none')).arrayBuffer()));
  await handle.close();
  project.provide('testDatabase', { kind: 'pglite', imagePath });
  return () => rm(imagePath, { force: true });
}
