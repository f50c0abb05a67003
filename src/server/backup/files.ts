import { createHash } from 'node:crypto';
import { copyFile, mkdir, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Manifest } from './manifest';

type FileEntry = NonNullable<Manifest['files']>[number];

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** Keys in a files directory; a `.partial` is an upload cut short and never referenced. */
async function keysIn(directory: string): Promise<string[]> {
  try {
    return (await readdir(directory, { withFileTypes: true })).filter((entry) => entry.isFile() && !entry.name.endsWith('.partial')).map((entry) => entry.name).sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

/** Copies every stored file into `into`, answering each with its size and SHA-256 (read back from the copy). */
export async function copyFilesOut(filesDir: string, into: string): Promise<FileEntry[]> {
  await mkdir(into, { recursive: true });
  const entries: FileEntry[] = [];
  for (const key of await keysIn(filesDir)) {
    await copyFile(join(filesDir, key), join(into, key));
    const bytes = await readFile(join(into, key));
    entries.push({ key, bytes: bytes.length, sha256: sha256(bytes) });
  }
  return entries;
}

/** Checks every file the manifest lists against its SHA-256; throws naming the first that differs. */
export async function verifyFiles(from: string, files: readonly FileEntry[]): Promise<void> {
  for (const file of files) {
    const bytes = await readFile(join(from, file.key)).catch(() => null);
    if (!bytes || sha256(bytes) !== file.sha256) throw new Error(`The backup's file ${file.key} is ${bytes ? 'damaged (its SHA-256 differs)' : 'missing'}`);
  }
}

/** Whether a files directory holds no stored file (a restore never mixes two sets). */
export async function hasNoFiles(filesDir: string): Promise<boolean> {
  return (await keysIn(filesDir)).length === 0;
}

/** Copies the backup's files into FILES_DIR and checks each copy against the manifest. */
export async function copyFilesIn(from: string, filesDir: string, files: readonly FileEntry[]): Promise<void> {
  await mkdir(filesDir, { recursive: true });
  for (const file of files) await copyFile(join(from, file.key), join(filesDir, file.key));
  await verifyFiles(filesDir, files);
}
