import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readlinkSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, expect, it } from 'vitest';
import { webSourcesHash } from './web-build';

// SLOW (a minute or more on a busy machine): `npm run build`, then the production server from the
// build alone (plain `node`, no TypeScript tooling) on a new embedded data directory.

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const dataDir = mkdtempSync(join(tmpdir(), 'carebeam-build-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const freePort = () =>
  new Promise<number>((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

it('npm run build makes dist/server/main.js, which serves the API and the web app with node alone', { timeout: 600_000 }, async () => {
  const build = spawnSync('npm', ['run', 'build'], { cwd: ROOT, encoding: 'utf8' });
  expect(build.stderr).not.toMatch(/error/i);
  expect(build.status).toBe(0);
  expect(readlinkSync(join(ROOT, 'dist/web'))).toBe(`web-${webSourcesHash()}`);

  const port = await freePort();
  const { NODE_OPTIONS: _ignored, ...env } = process.env;
  const started = performance.now();
  const server = spawn(process.execPath, [join(ROOT, 'dist/server/main.js')], {
    cwd: dataDir,
    env: { ...env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: join(dataDir, 'data'), SEED_DEMO: 'false', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  server.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  server.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => server.on('exit', (code) => resolve(code)));
  try {
    const origin = `http://127.0.0.1:${port}`;
    let health: Response | undefined;
    while (!health) {
      if (server.exitCode !== null) throw new Error(`the server exited: ${output}`);
      health = await fetch(`${origin}/api/health`).catch(() => undefined);
      if (!health) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    console.log(`production build listening after ${Math.round(performance.now() - started)} ms on a new data directory`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok', database: 'pglite' });
    const page = await fetch(`${origin}/schedule`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('<title>Carebeam</title>');
    const script = /<script type="module" crossorigin src="([^"]+)"/.exec(html)?.[1];
    expect(script).toMatch(/^\/assets\/.+\.js$/);
    expect((await fetch(`${origin}${script}`)).status).toBe(200);
  } finally {
    server.kill('SIGTERM');
  }
  expect(await exited).toBe(0);
});
