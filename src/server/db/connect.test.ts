import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { IN_MEMORY, openPglite } from './connect';

describe('openPglite', () => {
  // Tests and benchmarks open in-memory databases from the repository root; each used to leave a
  // `memory:` folder there. (The on-disk branch, a data directory made with its parents, is what
  // every e2e run starts from.)
  it('keeps an in-memory database off the disk: nothing appears in the working directory', async () => {
    const startedIn = process.cwd();
    const scratch = mkdtempSync(join(tmpdir(), 'carebeam-cwd-'));
    process.chdir(scratch);
    try {
      const pglite = await openPglite({ dataDir: IN_MEMORY });
      await pglite.close();
      expect(readdirSync(scratch)).toEqual([]);
    } finally {
      process.chdir(startedIn);
      rmSync(scratch, { recursive: true, force: true });
    }
  });
});
