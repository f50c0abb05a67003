import { spawn } from 'node:child_process';
import { appendFileSync, cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, expect, it } from 'vitest';

// SLOW (two web builds side by side, minutes on a busy machine). Two `npm start`s at once after a
// change of the web sources: both call ensureWebBuild(); neither may fail or leave the other a
// half-written dist/web. Run in a copy of the project, so the change touches no real source.

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const copy = mkdtempSync(join(tmpdir(), 'carebeam-web-build-'));
afterAll(() => rmSync(copy, { recursive: true, force: true }));

for (const entry of ['src/web', 'src/shared', 'scripts', 'vite.config.ts', 'tsconfig.json', 'package.json', 'package-lock.json']) cpSync(join(ROOT, entry), join(copy, entry), { recursive: true });
symlinkSync(join(ROOT, 'node_modules'), join(copy, 'node_modules'));

/** One start's web-build step, in its own process as `npm start` runs it. */
function ensureWebBuildInChild(): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', '-e', "import('./scripts/web-build.ts').then((m) => console.log(JSON.stringify(m.ensureWebBuild())))"], { cwd: copy, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, output })));
}

it('two starts at once after a source changed both succeed and leave one complete dist/web', { timeout: 900_000 }, async () => {
  appendFileSync(join(copy, 'src/web/main.tsx'), `\n// changed by web-build.test.ts at ${new Date().toISOString()}\n`);

  const [first, second] = await Promise.all([ensureWebBuildInChild(), ensureWebBuildInChild()]);

  expect(first.code, first.output).toBe(0);
  expect(second.code, second.output).toBe(0);
  const results = [first, second].map((run) => JSON.parse(run.output.trim().split('\n').at(-1)!) as { built: boolean; name: string });
  expect(results[0]!.name).toBe(results[1]!.name);
  expect(results.some((r) => r.built)).toBe(true);
  const dist = join(copy, 'dist');
  expect(readlinkSync(join(dist, 'web'))).toBe(results[0]!.name);
  // Complete: the page and every script and stylesheet it names are there.
  const html = readFileSync(join(dist, 'web', 'index.html'), 'utf8');
  const assets = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+)"/g)].map((m) => m[1]!);
  expect(assets.length).toBeGreaterThan(0);
  for (const asset of assets) expect(existsSync(join(dist, 'web', asset)), asset).toBe(true);
  // No temporary build or link left behind by the one that lost the race.
  expect(readdirSync(dist).filter((entry) => entry.startsWith('.'))).toEqual([]);
  // A production build though this test runs with NODE_ENV=test: none of React's development warnings.
  const scripts = readdirSync(join(dist, 'web', 'assets')).filter((file) => file.endsWith('.js'));
  expect(scripts.filter((file) => readFileSync(join(dist, 'web', 'assets', file), 'utf8').includes('should have a unique "key" prop'))).toEqual([]);
});
