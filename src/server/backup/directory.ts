import { readdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Clock } from '../clock';
import type { Config } from '../config';
import type { DatabaseHandle } from '../db/connect';
import { readManifest } from './manifest';
import { type BackupSource, writeBackup } from './write';

export interface BackupSummary {
  name: string;
  createdAt: string;
  /** The size of the backup on disk: database and files. */
  bytes: number;
}

export interface BackupDirectory {
  /** Writes a new backup, then removes the oldest beyond `keep`. One at a time per process. */
  create(): Promise<BackupSummary>;
  /** Complete backups, newest first. */
  list(): Promise<BackupSummary[]>;
}

const PREFIX = 'carebeam-';
const PARTIAL = '.partial';

async function sizeOf(path: string): Promise<number> {
  const info = await stat(path);
  if (!info.isDirectory()) return info.size;
  let total = 0;
  for (const name of await readdir(path)) total += await sizeOf(join(path, name));
  return total;
}

/**
 * Backups in BACKUP_DIR, one directory each, named by their time (`carebeam-2026-12-01T04-30-00-000Z`).
 * A backup is written under `<name>.partial` and renamed when complete, so a crash mid-way never
 * leaves something that looks like a backup.
 */
export function backupDirectory(directory: string, keep: number, source: BackupSource): BackupDirectory {
  let running: Promise<unknown> = Promise.resolve();

  async function names(): Promise<string[]> {
    const entries = await readdir(directory, { withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return [];
      throw error;
    });
    return entries.filter((entry) => entry.isDirectory() && entry.name.startsWith(PREFIX) && !entry.name.endsWith(PARTIAL)).map((entry) => entry.name).sort().reverse();
  }

  async function summary(name: string): Promise<BackupSummary> {
    const manifest = await readManifest(join(directory, name));
    return { name, createdAt: manifest.createdAt, bytes: await sizeOf(join(directory, name)) };
  }

  async function create(): Promise<BackupSummary> {
    const name = `${PREFIX}${source.clock.now().toISOString().replaceAll(/[:.]/g, '-')}`;
    const partial = join(directory, `${name}${PARTIAL}`);
    await rm(partial, { recursive: true, force: true });
    try {
      await writeBackup(partial, source);
      await rename(partial, join(directory, name));
    } catch (error) {
      await rm(partial, { recursive: true, force: true });
      throw error;
    }
    for (const old of (await names()).slice(keep)) await rm(join(directory, old), { recursive: true, force: true });
    return summary(name);
  }

  return {
    create() {
      const next = running.then(create, create);
      running = next.catch(() => undefined);
      return next;
    },
    async list() {
      return Promise.all((await names()).map(summary));
    },
  };
}

/** The server's own backups: only of an embedded database, and only with BACKUP_DIR; else null. */
export function serverBackups(config: Config, database: DatabaseHandle, clock: Clock): BackupDirectory | null {
  if (database.kind !== 'pglite' || !config.backups.directory) return null;
  return backupDirectory(config.backups.directory, config.backups.keep, { database, filesDir: config.files.kind === 'local' ? config.files.directory : null, clock });
}
