import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSmtpCapture } from '../src/server/testing/smtp-capture';
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

/** Runs a command without blocking this process, so the SMTP server below keeps answering. */
const runAsync = (command: string, args: string[], env: NodeJS.ProcessEnv) =>
  new Promise<number>((resolve) => spawn(command, args, { stdio: 'inherit', env }).on('exit', (code) => resolve(code ?? 1)));

if (run('npx', ['vite', 'build', '--logLevel', 'warn']) !== 0) process.exit(1);

const dataDir = mkdtempSync(join(tmpdir(), 'carebeam-e2e-'));
// A real SMTP server receives what the app sends; tests read each message from a file.
const mailDir = join(dataDir, 'mail');
mkdirSync(mailDir);
let received = 0;
const smtp = await startSmtpCapture((mail) => {
  const to = mail.to && !Array.isArray(mail.to) ? mail.to.value.map((a) => a.address) : [];
  writeFileSync(join(mailDir, `${String(++received).padStart(5, '0')}.json`), JSON.stringify({ to, subject: mail.subject, text: mail.text, html: mail.html }));
});
const status = await runAsync('npx', ['playwright', 'test', '-c', 'test/e2e/playwright.config.ts', ...process.argv.slice(2)], {
  ...process.env,
  CHROME_PATH: browser,
  E2E_DATA_DIR: join(dataDir, 'db'),
  E2E_MAIL_DIR: mailDir,
  E2E_SMTP_URL: smtp.url,
});
await smtp.close();
rmSync(dataDir, { recursive: true, force: true });
process.exit(status);
