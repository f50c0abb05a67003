import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import Fastify from 'fastify';
import { type Browser, chromium } from 'playwright-core';
import { build } from 'vite';
import { CHROMIUM_ARGS, findBrowser } from '../scripts/find-browser';
import { precompress } from '../scripts/precompress';
import { ensureWebBuild } from '../scripts/web-build';
import { registerWeb } from '../src/server/http/web';
import { demoFollowUp, startBenchApp } from './lib/bench-app';
import type { Figure } from './lib/report';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const WEB_ROOT = join(ROOT, 'dist/web');

/** The phone profile: 150 ms latency, 1.6 Mbit/s down, 750 kbit/s up, a 4× slower CPU. */
const PHONE_NETWORK = { offline: false, latency: 150, downloadThroughput: 1_600_000 / 8, uploadThroughput: 750_000 / 8 };
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };

interface PageLoad {
  /** JS and CSS as they came over the wire (compressed), in KB. */
  kb: number;
  fcpMs: number;
  lcpMs: number;
}

/** Opens `url` in a fresh context (empty cache) until `ready` shows; what it downloaded and when it painted. */
async function loadPage(browser: Browser, url: string, ready: string, throttled: boolean): Promise<PageLoad> {
  const context = await browser.newContext(PHONE);
  try {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    if (throttled) {
      await cdp.send('Network.emulateNetworkConditions', PHONE_NETWORK);
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
    }
    const types = new Map<string, string>();
    let bytes = 0;
    cdp.on('Network.responseReceived', (event) => types.set(event.requestId, event.type));
    cdp.on('Network.loadingFinished', (event) => {
      const type = types.get(event.requestId);
      if (type === 'Script' || type === 'Stylesheet') bytes += event.encodedDataLength;
    });
    await page.goto(url);
    await page.locator(ready).first().waitFor({ timeout: 60_000 });
    await page.waitForLoadState('networkidle');
    const paints = await page.evaluate(
      () =>
        new Promise<{ fcp: number; lcp: number }>((resolve) => {
          const fcp = performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? Number.NaN;
          new PerformanceObserver((list) => resolve({ fcp, lcp: list.getEntries().at(-1)!.startTime })).observe({ type: 'largest-contentful-paint', buffered: true });
        }),
    );
    return { kb: bytes / 1024, fcpMs: paints.fcp, lcpMs: paints.lcp };
  } finally {
    await context.close();
  }
}

/** A bare React page built by Vite as the app is (precompressed) and served as the app serves its files. */
async function startFloorPage() {
  const outDir = mkdtempSync(join(tmpdir(), 'carebeam-page-floor-'));
  await build({ root: join(ROOT, 'bench/page-floor'), configFile: false, logLevel: 'warn', plugins: [react(), precompress()], build: { outDir, emptyOutDir: true } });
  const server = Fastify();
  await registerWeb(server, outDir);
  const address = await server.listen({ port: 0, host: '127.0.0.1' });
  return {
    address,
    close: async () => {
      await server.close();
      rmSync(outDir, { recursive: true, force: true });
    },
  };
}

/** Two participants' private links to a session of the demo provider, on the bench app's address (each opened on a fresh phone). */
async function participantLinks(app: Awaited<ReturnType<typeof startBenchApp>>): Promise<string[]> {
  const admin = await app.signIn('admin@demo.carebeam.test');
  const { host, service } = await demoFollowUp(app.db);
  const post = (path: string, body: unknown) => app.api(path, 'POST', admin, body);
  const session = await post('/sessions', {
    serviceId: service.id,
    sessionTypeId: service.session_type_id,
    hostId: host.id,
    meetNow: true,
    allowOutsideWorkHours: true,
    participants: ['Paula Phone', 'Pablo Phone'].map((name) => ({ name, timeZone: 'Europe/Madrid', invitationType: 'none' })),
  });
  const links: string[] = [];
  for (const participant of session.participants as { id: string }[]) {
    const { url } = await post(`/sessions/${session.id}/participants/${participant.id}/link`, {});
    links.push(`${app.address}${new URL(url).pathname}`);
  }
  return links;
}

/**
 * Page weight and paint on a phone: the participant's page (from their link) and the staff
 * sign-in, each in a fresh Chromium context, beside a bare React page built and served the same
 * way. Bytes are JS + CSS over the wire (compressed); paints under the throttled profile.
 */
export async function benchPageWeight(): Promise<Figure[]> {
  const executablePath = findBrowser();
  if (!executablePath) {
    console.log('page weight: skipped, no Chromium (install `chromium` or set CHROME_PATH)');
    return [];
  }
  // The web app as `npm start` serves it, rebuilt only if its sources changed since the last build.
  ensureWebBuild();
  const app = await startBenchApp({}, { webRoot: WEB_ROOT });
  const floor = await startFloorPage();
  const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
  try {
    const floorUrl = `${floor.address}/`;
    const floorBytes = await loadPage(browser, floorUrl, 'h1', false);
    const floorPaint = await loadPage(browser, floorUrl, 'h1', true);
    const [first, second] = await participantLinks(app);
    const patientBytes = await loadPage(browser, first!, 'h1', false);
    const patientPaint = await loadPage(browser, second!, 'h1', true);
    const signIn = await loadPage(browser, `${app.address}/signin`, 'input[type=password]', false);
    const kb = (name: string, value: number, target: string): Figure => ({ name, value, unit: 'KB', floor: floorBytes.kb, floorName: 'bare React page', higherIsBetter: false, target });
    const ms = (name: string, value: number, floorValue: number, target?: string): Figure => ({ name, value, unit: 'ms', floor: floorValue, floorName: 'bare React page, same profile', higherIsBetter: false, ...(target ? { target } : {}) });
    return [
      kb("participant's page: JS + CSS, compressed", patientBytes.kb, '≤ 180 KB'),
      kb('staff sign-in: JS + CSS, compressed', signIn.kb, '≤ 250 KB'),
      ms("participant's page: first contentful paint (phone profile)", patientPaint.fcpMs, floorPaint.fcpMs),
      ms("participant's page: largest contentful paint (phone profile)", patientPaint.lcpMs, floorPaint.lcpMs, '≤ 2,500 ms'),
    ];
  } finally {
    await browser.close();
    await floor.close();
    await app.close();
  }
}
