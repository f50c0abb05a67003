import { join } from 'node:path';
import { sql } from 'kysely';
import { type DatabaseHandle, openDatabase } from '../db/connect';
import { grantAppRole } from '../db/migrate';
import { copyFilesIn, hasNoFiles, verifyFiles } from './files';
import { DATABASE_FILE, FILES_DIR, type Manifest, readManifest } from './manifest';
import { restorePglite } from './pglite';
import { restorePostgres } from './postgres';
import { countDifferences, countRows } from './row-counts';

export interface RestoreTarget {
  database: { kind: 'pglite'; dataDir: string } | { kind: 'postgres'; url: string };
  /** Granted the app's privileges after a PostgreSQL restore (see privileges.ts); null: none. */
  appRole: string | null;
  /** The local files directory; null when files live in an S3 bucket. */
  filesDir: string | null;
}

async function isEmptyPostgres(url: string): Promise<boolean> {
  const database = await openDatabase({ kind: 'postgres', url, poolSize: 1 });
  try {
    const tables = await sql<{ n: string }>`SELECT count(*) AS n FROM information_schema.tables WHERE table_schema = 'public'`.execute(database.db);
    return Number(tables.rows[0]!.n) === 0;
  } finally {
    await database.close();
  }
}

/**
 * Restores a backup into an empty database and files directory, after checking every file of the
 * backup against its SHA-256; then counts the rows of every table against the manifest. Throws
 * (touching nothing) when the target is not empty or the backup is damaged.
 */
export async function restoreBackup(from: string, target: RestoreTarget): Promise<Manifest> {
  const manifest = await readManifest(from);
  if (manifest.kind !== target.database.kind) {
    throw new Error(`This backup is of ${manifest.kind === 'pglite' ? 'an embedded (PGlite)' : 'a PostgreSQL'} database; the configuration names ${target.database.kind === 'pglite' ? 'an embedded one (DATA_DIR)' : 'a PostgreSQL one (DATABASE_URL)'}`);
  }
  if (manifest.files && target.filesDir === null) throw new Error('This backup holds stored files but FILES_DIR is not in use (S3 is configured)');
  if (manifest.files) await verifyFiles(join(from, FILES_DIR), manifest.files);
  if (target.filesDir && !(await hasNoFiles(target.filesDir))) throw new Error(`FILES_DIR ${target.filesDir} already holds files: restore into a new one`);
  const databaseFile = join(from, DATABASE_FILE[manifest.kind]);
  let database: DatabaseHandle;
  if (target.database.kind === 'pglite') {
    database = await restorePglite(databaseFile, target.database.dataDir);
  } else {
    if (!(await isEmptyPostgres(target.database.url))) throw new Error('The database is not empty: restore into a new, empty database');
    await restorePostgres(target.database.url, databaseFile);
    database = await openDatabase({ kind: 'postgres', url: target.database.url, poolSize: 1 });
  }
  try {
    // The backup's own schema, unmigrated: the server migrates at its next start.
    if (target.database.kind === 'postgres') await grantAppRole(database.db, target.appRole);
    const differences = countDifferences(manifest.rowCounts, await countRows(database.db));
    if (differences.length > 0) throw new Error(`The restored database differs from the backup's manifest:\n  ${differences.join('\n  ')}`);
  } finally {
    await database.close();
  }
  if (manifest.files && target.filesDir) await copyFilesIn(join(from, FILES_DIR), target.filesDir, manifest.files);
  return manifest;
}
