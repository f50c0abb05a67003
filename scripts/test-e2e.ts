import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findBrowser } from './find-browser';
import { captureMailInto } from './mail-capture';
import { ensureWebBuild } from './web-build';

// Browser tests: build the SPA (when its sources changed), then let Playwright start the real server on a fresh
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

/** coturn's port inside the video tests' own network namespace (nothing else listens there). */
const TURN_PORT = 3478;

/** Runs a command without blocking this process, so the SMTP server below keeps answering. */
const runAsync = (command: string, args: string[], env: NodeJS.ProcessEnv) =>
  new Promise<number>((resolve) => spawn(command, args, { stdio: 'inherit', env }).on('exit', (code) => resolve(code ?? 1)));

// The SPA as `npm start` serves it: rebuilt only when its sources changed.
ensureWebBuild();
// E2E_NOW passes on to Playwright (see test/e2e/playwright.config.ts): browsers and server at that instant.
if (process.env.E2E_NOW) console.log(`Browser tests at E2E_NOW=${process.env.E2E_NOW}: the browsers' and the server's clocks start there.`);

const dataDir = mkdtempSync(join(tmpdir(), 'carebeam-e2e-'));
// A real SMTP server receives what the app sends; tests read each message from a file.
const mailDir = join(dataDir, 'mail');
const smtp = await captureMailInto(mailDir);
const playwright = ['playwright', 'test', '-c', 'test/e2e/playwright.config.ts', '--pass-with-no-tests', ...process.argv.slice(2)];
const env = { ...process.env, CHROME_PATH: browser, E2E_MAIL_DIR: mailDir, E2E_SMTP_URL: smtp.url };
let status = await runAsync('npx', [...playwright, '--project', 'main'], { ...env, E2E_DATA_DIR: join(dataDir, 'db') });
// Specs that change the demo clinic's own settings (what every participant's link asks, say) run
// alone afterwards, on the same database, so no other spec runs while they hold.
status ||= await runAsync('npx', [...playwright, '--project', 'organization-wide'], { ...env, E2E_DATA_DIR: join(dataDir, 'db') });

// Video specs run in a network namespace with only loopback (unprivileged: a user namespace too),
// so WebRTC between the test's browsers never uses the machine's other interfaces. Their own
// server starts inside it, on a fresh database.
// With coturn installed (Debian `coturn`), a TURN server runs in there too and every call is
// relay-only through it (the hardest path: what strict clinic firewalls leave), so a test can cut
// the media by pausing it.
if (spawnSync('unshare', ['-rn', 'true']).status === 0) {
  const quoted = playwright.map((arg) => `'${arg.replaceAll("'", "'\\''")}'`).join(' ');
  const turn = spawnSync('sh', ['-c', 'command -v turnserver']).status === 0;
  const secret = randomBytes(24).toString('hex');
  // The outer mail capture's loopback is out of reach in there: the video run has its own.
  const withMail = `npx tsx scripts/mail-capture.ts '${join(dataDir, 'mail-video')}'`;
  const turnArgs = [
    '-n', '--listening-ip=127.0.0.1', '--relay-ip=127.0.0.1', `--listening-port=${TURN_PORT}`, '--min-port=49160', '--max-port=49300',
    '--use-auth-secret', `--static-auth-secret=${secret}`, '--realm=carebeam.test', '--allow-loopback-peers',
    '--no-tls', '--no-dtls', '--no-cli', '--no-software-attribute', '--log-file=stdout',
    `--pidfile=${join(dataDir, 'turnserver.pid')}`, `--userdb=${join(dataDir, 'turndb')}`,
  ].join(' ');
  const inside = turn
    ? `ip link set lo up; turnserver ${turnArgs} >${join(dataDir, 'turnserver.log')} 2>&1 & export E2E_TURN_PID=$!; ${withMail} npx ${quoted} --project video; code=$?; kill $E2E_TURN_PID; exit $code`
    : `ip link set lo up && exec ${withMail} npx ${quoted} --project video`;
  const turnEnv = turn ? { E2E_ICE_SERVERS: `turn:127.0.0.1:${TURN_PORT}?transport=udp`, E2E_TURN_SECRET: secret } : {};
  if (!turn) console.log('Video browser tests run without a TURN server (install `coturn` to run them relay-only, as CI does).');
  const video = await runAsync('unshare', ['-rn', 'sh', '-c', inside], { ...env, ...turnEnv, E2E_DATA_DIR: join(dataDir, 'db-video') });
  status ||= video;
} else {
  const message = 'Video browser tests skipped: no network namespace here (`unshare -rn` failed), and WebRTC tests run on loopback only.';
  console.log(process.env.E2E_REQUIRED === '1' ? `${message} E2E_REQUIRED=1, so this fails.` : message);
  if (process.env.E2E_REQUIRED === '1') status ||= 1;
}
await smtp.close();
rmSync(dataDir, { recursive: true, force: true });
process.exit(status);
