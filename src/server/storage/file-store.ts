import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Where uploaded files live. Local disk by default; an S3-compatible store can stand behind
 * the same two methods for deployments whose instances share no disk.
 */
export interface FileStore {
  put(key: string, bytes: Uint8Array): Promise<void>;
  get(key: string): Promise<Uint8Array>;
}

const SAFE_KEY = /^[a-z0-9-]{8,64}$/;

export function localFileStore(directory: string): FileStore {
  const pathOf = (key: string) => {
    // Keys are our own ids; refusing anything else rules out path tricks.
    if (!SAFE_KEY.test(key)) throw new Error(`not a file key: ${key}`);
    return join(directory, key);
  };
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
