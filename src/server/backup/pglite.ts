import { readdirSync, rmSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type DatabaseHandle, openPglite, pgliteDatabase } from '../db/connect';
import { LOCK_FILE } from '../db/data-dir-lock';
import { countRows } from './row-counts';

/** The embedded data directory as it stands, and its row counts, taken while nothing else runs. */
export async function dumpPglite(database: DatabaseHandle, file: string): Promise<Record<string, number>> {
  if (!database.dumpDataDir) throw new Error('Only an embedded (PGlite) database is dumped from the process that holds it');
  const { image, result } = await database.dumpDataDir(countRows);
  await writeFile(file, Buffer.from(await image.arrayBuffer()), { mode: 0o600 });
  return result;
}

export function isEmptyDirectory(directory: string): boolean {
  try {
    return readdirSync(directory).length === 0;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return true;
    throw error;
  }
}

/**
 * Unpacks a dumped data directory into `dataDir`, which must be new (missing or empty); answers
 * the database, open. The dump carries the lock file of the process that made it: that one is
 * not a lock on the new directory, so it goes.
 */
export async function restorePglite(file: string, dataDir: string): Promise<DatabaseHandle> {
  if (!isEmptyDirectory(dataDir)) throw new Error(`DATA_DIR ${dataDir} is not empty: restore into a new data directory`);
  const pglite = await openPglite({ dataDir, image: new Blob([await readFile(file)]) });
  rmSync(join(dataDir, LOCK_FILE), { force: true });
  return pgliteDatabase(pglite);
}
