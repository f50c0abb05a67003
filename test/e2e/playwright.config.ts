import { fileURLToPath } from 'node:url';
import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS } from '../../scripts/find-browser';

const port = Number(process.env.E2E_PORT ?? 3210);
const root = fileURLToPath(new URL('../..', import.meta.url));

// E2E_NOW (an ISO instant) runs the tests at that moment: the server gets it as
// TEST_CLOCK_START, and the fixtures install it as every browser context's clock. Both then run
// on in real time, the server's from its start, the browsers' from E2E_CLOCK_SET_AT (set here,
// inherited by the test workers): they differ by the server's few seconds of start-up.
const now = process.env.E2E_NOW || undefined;
if (now && !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(now)) {
  throw new Error(`E2E_NOW: use an ISO 8601 instant such as 2026-11-30T22:30:00Z (got "${now}")`);
}
process.env.E2E_CLOCK_SET_AT ??= String(Date.now());


/**
 * Video specs get fake camera and microphone, and loopback ICE candidates: they run in a network
 * namespace that has only loopback (scripts/test-e2e.ts), so WebRTC never touches the machine's
 * other interfaces; without this flag Chromium drops loopback candidates and never connects.
 * The fake camera draws 15 frames a second instead of its default 20: a four-person call holds
 * four cameras and twelve encoders in one browser on the machine's 2 cores, where real people
 * each have their own device (one such call starved in CI once).
 */
export const VIDEO_ARGS = ['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream=fps=15', '--allow-loopback-in-peer-connection'];
export const VIDEO_SPECS = /video.*\.spec\.ts$/;
/** Specs that change the demo clinic's settings for everyone: run alone, after `main` (scripts/test-e2e.ts). */
export const ORGANIZATION_WIDE_SPECS = /who-is-joining\.spec\.ts$/;

export default defineConfig({
  testDir: '.',
  outputDir: `${root}/test-results/e2e`,
  timeout: 60_000,
  // Two workers, two browsers and the server share 2 cores: a staff page that labels ~400 time
  // zones (Settings, Work Hours) rendered after 10 s while the accessibility spec ran beside it
  // (its failure screenshot shows the page complete).
  expect: { timeout: 20_000 },
  workers: 2,
  reporter: process.env.CI ? [['list']] : [['list']],
  projects: [
    { name: 'main', testIgnore: [VIDEO_SPECS, ORGANIZATION_WIDE_SPECS] },
    { name: 'organization-wide', testMatch: ORGANIZATION_WIDE_SPECS, fullyParallel: false },
    // Its own output folder: the video run comes second and would otherwise wipe the main run's failure traces.
    { name: 'video', testMatch: VIDEO_SPECS, outputDir: `${root}/test-results/e2e-video`, use: { launchOptions: { executablePath: process.env.CHROME_PATH, args: [...CHROMIUM_ARGS, ...VIDEO_ARGS] } } },
  ],
  use: {
    baseURL: `http://localhost:${port}`,
    browserName: 'chromium',
    launchOptions: { executablePath: process.env.CHROME_PATH, args: CHROMIUM_ARGS },
    locale: 'en-US',
    timezoneId: 'America/New_York',
    viewport: { width: 1280, height: 800 },
    screenshot: 'only-on-failure',
    // Every test records its trace (kept on failure): DOM snapshots and sources, without the
    // screencast filmstrip, which doubled the browser's CPU (work-hours edits twice over: 28–30 s
    // of CPU with it, 15 s without, 12–14 s untraced; load 12–14). The failure screenshot stays.
    trace: { mode: 'retain-on-failure', screenshots: false },
  },
  webServer: {
    command: 'npx tsx src/server/main.ts',
    cwd: root,
    url: `http://localhost:${port}/api/health`,
    reuseExistingServer: false,
    timeout: 90_000,
    stdout: 'ignore',
    stderr: 'pipe',
    env: {
      PORT: String(port),
      HOST: '127.0.0.1',
      PUBLIC_URL: `http://localhost:${port}`,
      DATA_DIR: process.env.E2E_DATA_DIR ?? `${root}/data-e2e`,
      SEED_DEMO: 'true',
      LOG_LEVEL: 'warn',
      EHR_KEY_SECRET: 'e2e secret that encrypts the EHR signing keys at rest',
      // The server's own backups (Settings → Backups): a directory the run may fill and drop.
      BACKUP_DIR: `${root}/test-results/e2e-backups`,
      ...(process.env.E2E_SMTP_URL ? { SMTP_URL: process.env.E2E_SMTP_URL, MAIL_FROM: 'Demo Clinic <care@demo.carebeam.test>' } : {}),
      ...(now ? { TEST_CLOCK_START: now } : {}),
      // The video run's TURN server (scripts/test-e2e.ts): every call relay-only through it.
      ...(process.env.E2E_TURN_SECRET ? { ICE_SERVERS: process.env.E2E_ICE_SERVERS ?? '', TURN_SECRET: process.env.E2E_TURN_SECRET, ICE_TRANSPORT_POLICY: 'relay' } : {}),
    },
  },
});
