import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/**
 * The server and the command-line tool as plain JavaScript (dist/server/main.js, cli.js) that
 * `node` runs with no TypeScript tooling. `npm run build` calls it, and so does the start bench.
 */
export async function buildServer(): Promise<void> {
  await build({
    absWorkingDir: ROOT,
    entryPoints: { main: 'src/server/main.ts', cli: 'src/server/cli/main.ts' },
    outdir: join(ROOT, 'dist', 'server'),
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // Our code only: packages load from node_modules as they are (PGlite's WASM, argon2's binary).
    packages: 'external',
    // Code loaded on first use (PDF, FHIR validation: `import()`) goes to chunks of its own, with
    // the packages it imports, so a start does not load them.
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    sourcemap: 'linked',
    logLevel: 'warning',
  });
}
