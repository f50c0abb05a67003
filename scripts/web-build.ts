import { spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, readlinkSync, renameSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DIST = join(ROOT, 'dist');
/** What the served web app is: the server follows this link once at start (http/web.ts). */
const LINK = join(DIST, 'web');
/** Everything the SPA build reads besides node_modules (whose versions package-lock.json pins). */
const SOURCES = ['src/web', 'src/shared', 'vite.config.ts', 'scripts/precompress.ts', 'package.json', 'package-lock.json'];
/** Builds kept beside the current one, for instances still serving them. */
const KEEP = 3;

function* files(path: string): Generator<string> {
  if (!statSync(path).isDirectory()) return yield path;
  for (const name of readdirSync(path).sort()) yield* files(join(path, name));
}

/** A digest of every source file's path and bytes: the same sources give the same build name. */
export function webSourcesHash(): string {
  const hash = createHash('sha256');
  for (const source of SOURCES) {
    for (const file of files(join(ROOT, source))) hash.update(`${relative(ROOT, file)}\0`).update(readFileSync(file)).update('\0');
  }
  return hash.digest('hex').slice(0, 16);
}

const linkTarget = () => {
  try {
    return readlinkSync(LINK);
  } catch {
    return null;
  }
};

/**
 * Builds the SPA into dist/web-<hash of its sources> unless that build exists, then points the
 * dist/web link at it. A build is written to a temporary directory and renamed into place, and
 * the link is swapped by a rename too, so two starts at once never see half a build: the second
 * to finish finds the directory made and drops its own identical copy.
 */
export function ensureWebBuild(): { built: boolean; name: string } {
  const name = `web-${webSourcesHash()}`;
  const target = join(DIST, name);
  const ready = existsSync(join(target, 'index.html'));
  if (ready && linkTarget() === name) return { built: false, name };
  mkdirSync(DIST, { recursive: true });
  if (!ready) {
    const temp = join(DIST, `.${name}-${process.pid}-${randomBytes(4).toString('hex')}`);
    // Always a production build: started from a test (Vitest sets NODE_ENV=test) Vite bundled
    // React's development build, twice the size, and kept it under the sources' hash for every
    // start after (CI's browser tests and page-weight figures ran on it).
    const env = { ...process.env, NODE_ENV: 'production' };
    const vite = spawnSync(join(ROOT, 'node_modules', '.bin', 'vite'), ['build', '--logLevel', 'warn', '--outDir', temp, '--emptyOutDir'], { cwd: ROOT, stdio: 'inherit', env });
    if (vite.status !== 0) {
      rmSync(temp, { recursive: true, force: true });
      throw new Error(`vite build failed (exit ${vite.status ?? vite.signal})`);
    }
    try {
      renameSync(temp, target);
    } catch (error) {
      if (!['ENOTEMPTY', 'EEXIST'].includes((error as NodeJS.ErrnoException).code ?? '')) throw error;
      rmSync(temp, { recursive: true, force: true });
    }
  }
  // A plain directory here is a build from before the link (a `vite build` of its own).
  if (existsSync(LINK) && !lstatSync(LINK).isSymbolicLink()) rmSync(LINK, { recursive: true, force: true });
  const newLink = join(DIST, `.web-link-${process.pid}-${randomBytes(4).toString('hex')}`);
  symlinkSync(name, newLink);
  renameSync(newLink, LINK);
  pruneOldBuilds(name);
  return { built: !ready, name };
}

function pruneOldBuilds(current: string): void {
  const builds = readdirSync(DIST)
    .filter((entry) => /^web-[0-9a-f]{16}$/.test(entry) && entry !== current)
    .map((entry) => ({ entry, at: statSync(join(DIST, entry)).mtimeMs }))
    .sort((a, b) => b.at - a.at);
  for (const { entry } of builds.slice(KEEP - 1)) rmSync(join(DIST, entry), { recursive: true, force: true });
}
