import { execSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import type { APIRequestContext, Locator, Page } from '@playwright/test';
import { expect } from './fixtures';

/**
 * Helpers of the video specs, which run in a loopback-only network namespace with fake camera and
 * microphone (playwright.config.ts `video` project) and, with coturn, relay-only through TURN.
 */

/** A Meet Now video session of the host with the named participants (link only); their join links. */
export async function meetNowVideo(api: APIRequestContext, hostId: string, names: string[]) {
  const services = await (await api.get('/api/services')).json();
  const types = await (await api.get('/api/session-types')).json();
  const video = types.find((type: { modality: string }) => type.modality === 'video');
  const service = services.find((s: { sessionTypeIds: string[] }) => s.sessionTypeIds.includes(video.id));
  const unique = Date.now().toString(36);
  const created = await api.post('/api/sessions', {
    data: {
      serviceId: service.id,
      sessionTypeId: video.id,
      hostId,
      meetNow: true,
      allowOutsideWorkHours: true,
      participants: names.map((name) => ({ name: `${name} ${unique}`, timeZone: 'Europe/Madrid', invitationType: 'none' })),
    },
  });
  expect(created.status(), await created.text()).toBe(201);
  const session = await created.json();
  const links: string[] = [];
  for (const participant of session.participants) {
    links.push((await (await api.post(`/api/sessions/${session.id}/participants/${participant.id}/link`)).json()).url);
  }
  return { id: session.id as string, names: session.participants.map((p: { name: string }) => p.name as string), links };
}

/** Through the device check into the call (staff) or its waiting room (participant). */
export async function joinThroughDeviceCheck(page: Page, scope: Locator) {
  await scope.getByRole('button', { name: 'Join', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Check your camera and microphone' })).toBeVisible();
  await expect(page.getByTestId('camera-preview')).toBeVisible();
  await page.getByRole('button', { name: 'Join', exact: true }).last().click();
}

/** Resolves when the remote video of `name` (or any, without a name) shows real frames. */
export async function remoteVideoPlays(page: Page, name?: string) {
  const video = name ? page.getByRole('region', { name }).getByTestId('remote-video') : page.getByTestId('remote-video').first();
  await expect.poll(() => video.evaluate((el: HTMLVideoElement) => el.videoWidth), { timeout: 30_000 }).toBeGreaterThan(0);
  return video;
}

/** A canvas grab of a video: how many distinct colours it has (a blank frame has one or two). */
export const grabColours = (video: Locator) =>
  video.evaluate((el: HTMLVideoElement) => {
    const canvas = document.createElement('canvas');
    canvas.width = el.videoWidth;
    canvas.height = el.videoHeight;
    const context = canvas.getContext('2d')!;
    context.drawImage(el, 0, 0);
    const data = context.getImageData(0, 0, canvas.width, canvas.height).data;
    const colours = new Set<number>();
    for (let i = 0; i < data.length; i += 4 * 97) colours.add((data[i]! << 16) | (data[i + 1]! << 8) | data[i + 2]!);
    return colours.size;
  });

/** The video's playback position: it moves while frames arrive. */
export const playbackTime = (video: Locator) => video.evaluate((el: HTMLVideoElement) => el.currentTime);

/** Stops or resumes the namespace's TURN server (a relay-only call's media goes through it). */
export function pauseTurn(paused: boolean): boolean {
  const pid = Number(process.env.E2E_TURN_PID);
  if (!pid) return false;
  process.kill(pid, paused ? 'SIGSTOP' : 'SIGCONT');
  return true;
}

/** CPU seconds used so far by every Chromium process on the machine (utime + stime from /proc). */
function chromiumCpuSeconds(): number {
  const ticks = Number(execSync('getconf CLK_TCK').toString());
  let total = 0;
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const close = stat.lastIndexOf(')');
      if (!/chrom/i.test(stat.slice(stat.indexOf('(') + 1, close))) continue;
      const fields = stat.slice(close + 2).split(' ');
      total += (Number(fields[11]) + Number(fields[12])) / ticks;
    } catch {
      // The process ended between listing and reading.
    }
  }
  return total;
}

/** The browser's CPU over `ms` of the call as it runs, in percent of one core (this machine has 2). */
export async function browserCpuPercent(ms: number): Promise<number> {
  const before = chromiumCpuSeconds();
  const started = performance.now();
  await new Promise((resolve) => setTimeout(resolve, ms));
  return Math.round(((chromiumCpuSeconds() - before) / ((performance.now() - started) / 1000)) * 100);
}
