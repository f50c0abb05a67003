import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Where uploaded files live: local disk by default, or an S3-compatible bucket (s3-file-store.ts)
 * for instances that share no disk.
 */
export interface FileStore {
  put(key: string, bytes: Uint8Array): Promise<void>;
  get(key: string): Promise<Uint8Array>;
}

const SAFE_KEY = /^[a-z0-9-]{8,64}$/;

/** Keys are our own ids; refusing anything else rules out path tricks in either store. */
export function assertFileKey(key: string): string {
  if (!SAFE_KEY.test(key)) throw new Error(`not a file key: ${key}`);
  return key;
}

export function localFileStore(directory: string): FileStore {
  const pathOf = (key: string) => join(directory, assertFileKey(key));
  return {
    async put(key, bytes) {
      await mkdir(directory, { recursive: true });
      const path = pathOf(key);
      // Written beside, then renamed: a crash never leaves half a file under the key.
      await writeFile(`${path}.partial`, bytes);
      await rename(`${path}.partial`, path);
    },
    async get(key) {
      return new Uint8Array(await readFile(pathOf(key)));
    },
  };
}
