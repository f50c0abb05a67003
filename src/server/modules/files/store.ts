import { createHash, randomUUID } from 'node:crypto';
import { invalid } from '../../errors';
import type { FileStore } from '../../storage/file-store';

/** Puts the bytes in the store under a new random key; the row is written by the caller's transaction. */
export async function storeBytes(storage: FileStore, bytes: Uint8Array): Promise<{ storageKey: string; size: number; sha256: string }> {
  const storageKey = randomUUID();
  await storage.put(storageKey, bytes);
  return { storageKey, size: bytes.byteLength, sha256: createHash('sha256').update(bytes).digest('hex') };
}

const MAX_NAME = 200;
/** The longest file name file systems keep (ext4, NTFS, APFS): a longer one was never a real file's. */
const MAX_UPLOAD_NAME = 255;

/** An upload's name as the browser sent it: refused (400) when no file system could have held it. */
export function requireUploadName(name: string | undefined): void {
  // eslint-disable-next-line no-control-regex
  if (name && (name.length > MAX_UPLOAD_NAME || /[\u0000-\u001f\u007f]/.test(name))) {
    throw invalid([{ path: 'file', message: `Rename the file: at most ${MAX_UPLOAD_NAME} characters, without control characters` }]);
  }
}

/**
 * The name a file is offered under: the last part of what the browser sent, without control
 * characters or path separators, at most 200 characters; `fallback` when nothing is left.
 */
export function safeFilename(name: string | undefined, fallback: string): string {
  const base = (name ?? '').split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  const cleaned = base.replace(/[\u0000-\u001f\u007f"]/g, '').trim().replace(/^\.+/, '');
  return cleaned.slice(0, MAX_NAME) || fallback;
}
