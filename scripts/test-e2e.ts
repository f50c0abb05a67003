import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findBrowser } from './find-browser';

// Browser tests: build the SPA, then let Playwright start the real server on a fresh
// embedded database and drive the system's Chromium through the seed's flows.
if (process.env.SKIP_E2E === '1') {
  console.log('Browser tests skipped (SKIP_E2E=1).');
  process.exit(0);
}
const browser = findBrowser();
if (!browser) {
  const message = 'Browser tests skipped: no Chromium or Chrome found (install the `chromium` package or set CHROME_PATH).';
  if (process.env.E2E_REQUIRED === '1') {
    console.error(`${message} E2E_REQUIRED=1, so this fails.`);
    process.exit(1);
  }
  console.log(message);
  process.exit(0);
}

const run = (command: string, args: string[], env: NodeJS.ProcessEnv = process.env) =>
  spawnSync(command, args, { stdio: 'inherit', env }).status ?? 1;

if (run('npx', ['vite', 'build', '--logLevel', 'warn']) !== 0) process.exit(1);

const dataDir = mkdtempSync(join(tmpdir(), 'carebeam-e2e-'));
const status = run('npx', ['playwright', 'test', '-c', 'test/e2e/playwright.config.ts', ...process.argv.slice(2)], {
  ...process.env,
  CHROME_PATH: browser,
  E2E_DATA_DIR: dataDir,
});
rmSync(dataDir, { recursive: true, force: true });
process.exit(status);
