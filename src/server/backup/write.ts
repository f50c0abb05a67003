import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Clock } from '../clock';
import type { DatabaseHandle } from '../db/connect';
import { latestAppliedMigration } from '../db/migrate';
import { copyFilesOut } from './files';
import { DATABASE_FILE, FILES_DIR, type Manifest, writeManifest } from './manifest';
import { dumpPglite, isEmptyDirectory } from './pglite';
import { dumpPostgres } from './postgres';

export interface BackupSource {
  database: DatabaseHandle;
  /** PostgreSQL: the URL pg_dump connects with (the owner's, which may read every sequence). */
  postgresUrl?: string;
  /** The local files directory; null when files live in an S3 bucket. */
  filesDir: string | null;
  clock: Clock;
}

/**
 * Writes a backup into `into` (new or empty): the database, then the stored files (copied after the
 * database's snapshot, so every file it references is there), then the manifest, last.
 */
export async function writeBackup(into: string, source: BackupSource): Promise<Manifest> {
  if (!isEmptyDirectory(into)) throw new Error(`${into} is not empty: back up into a new directory`);
  await mkdir(into, { recursive: true, mode: 0o700 });
  const createdAt = source.clock.now().toISOString();
  const kind = source.database.kind;
  const databaseFile = join(into, DATABASE_FILE[kind]);
  const rowCounts =
    kind === 'pglite' ? await dumpPglite(source.database, databaseFile) : await dumpPostgres(source.database, source.postgresUrl!, databaseFile);
  const files = source.filesDir === null ? null : await copyFilesOut(source.filesDir, join(into, FILES_DIR));
  const manifest: Manifest = { format: 1, kind, createdAt, migration: await latestAppliedMigration(source.database.db), rowCounts, files };
  await writeManifest(into, manifest);
  return manifest;
}
