import { expect, snap, test, workEveryDay } from './fixtures';
import { startTcpProxy } from './tcp-proxy';
import { browserCpuPercent, grabColours, joinThroughDeviceCheck, meetNowVideo, pauseTurn, playbackTime, remoteVideoPlays } from './video-fixtures';

// A video visit end to end in Chromium with fake devices, inside a loopback-only network
// namespace; with coturn every call is relay-only through a real TURN server (scripts/test-e2e.ts).
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, timezoneId: 'Europe/Madrid' };

test('a video visit: device check, waiting room, admit, both see and hear each other, a screenshot, a dropped network, end with attendance', async ({
  page,
  newContext,
  adminApi,
  freshUser,
  signInAsUser,
  baseURL,
}) => {
  test.setTimeout(180_000);
  const host = await freshUser(['provider'], { name: 'Dr. Video Tester' });
  await workEveryDay(adminApi, host.id, 'UTC');
  const session = await meetNowVideo(adminApi, host.id, ['Ana Video', 'Ben Video']);
  const [anaName, benName] = session.names as [string, string];

  // The host joins first: the session starts.
  await signInAsUser(host, `/sessions/${session.id}`);
  await joinThroughDeviceCheck(page, page.locator('main'));
  const call = page.getByRole('region', { name: 'Video call' });
  await expect(call.getByRole('toolbar', { name: 'Call controls' })).toBeVisible();
  await expect(page.getByText('In progress').first()).toBeVisible();

  // Ana, on a phone whose network goes through a proxy the test controls, waits to be let in.
  const proxy = await startTcpProxy(Number(new URL(baseURL!).port));
  const ana = await (await newContext(PHONE)).newPage();
  await ana.goto(session.links[0]!.replace(/:\d+\//, `:${proxy.port}/`));
  await joinThroughDeviceCheck(ana, ana.getByRole('region', { name: 'Video' }));
  await expect(ana.getByRole('heading', { name: 'The host will let you in' })).toBeVisible();
  await snap(ana, 'video-waiting-room');
  await expect(ana.getByTestId('remote-video')).toHaveCount(0);

  const lobby = page.getByRole('region', { name: 'Waiting to join the call' });
  await expect(lobby.getByRole('listitem').filter({ hasText: anaName })).toBeVisible();
  await snap(page, 'video-lobby');
  const admittedAt = Date.now();
  await lobby.getByRole('listitem').filter({ hasText: anaName }).getByRole('button', { name: 'Admit' }).click();

  // Both see each other: frames in the remote <video>, and a canvas grab that is not blank.
  const hostOnPhone = await remoteVideoPlays(ana, 'Dr. Video Tester');
  const firstFrameMs = Date.now() - admittedAt;
  const anaOnHost = await remoteVideoPlays(page, anaName);
  expect(await grabColours(hostOnPhone)).toBeGreaterThan(8);
  expect(await grabColours(anaOnHost)).toBeGreaterThan(8);
  console.log(`figure: Admit → first remote frame on the participant's phone: ${firstFrameMs} ms`);

  // Ana mutes: the host sees it on her tile.
  await ana.getByRole('button', { name: 'Mute' }).click();
  await expect(call.getByRole('region', { name: anaName }).getByText('Microphone off')).toBeAttached();
  await snap(page, 'video-call-host');
  await snap(ana, 'video-call-phone');

  // A still of Ana's video, labelled; she is told.
  await call.getByRole('region', { name: anaName }).getByRole('button', { name: 'Capture screenshot' }).click();
  const still = page.getByRole('dialog', { name: `Screenshot of ${anaName}` });
  await still.getByRole('textbox', { name: 'Label (optional)' }).fill('left ear');
  await still.getByRole('button', { name: 'Save screenshot' }).click();
  await expect(page.getByText('Screenshot saved')).toBeVisible();
  await expect(ana.getByRole('alert').filter({ hasText: 'A still picture was taken' })).toContainText('left ear');
  await page.getByRole('tab', { name: 'MedCart' }).click();
  await expect(page.getByRole('list', { name: 'Screenshots and images' }).getByRole('img', { name: 'left ear' })).toBeVisible();

  // Ben is turned away: he never gets anyone's media.
  const ben = await (await newContext()).newPage();
  await ben.goto(session.links[1]!);
  await joinThroughDeviceCheck(ben, ben.getByRole('region', { name: 'Video' }));
  await lobby.getByRole('listitem').filter({ hasText: benName }).getByRole('button', { name: 'Deny' }).click();
  await expect(ben.getByText('The clinic did not let you into the call')).toBeVisible();
  await expect(ben.getByTestId('remote-video')).toHaveCount(0);
  await ben.close();

  // Ana's network drops: signalling (the proxy) and media (the TURN relay) both stop, then return.
  proxy.cut();
  const turnPaused = pauseTurn(true);
  await expect(ana.getByRole('alert').filter({ hasText: 'Reconnecting…' })).toBeVisible({ timeout: 20_000 });
  await ana.waitForTimeout(3_000);
  const droppedAt = Date.now();
  proxy.restore();
  if (turnPaused) pauseTurn(false);
  await expect(ana.getByRole('alert').filter({ hasText: 'Reconnecting…' })).toHaveCount(0, { timeout: 30_000 });
  const video = await remoteVideoPlays(ana, 'Dr. Video Tester');
  const before = await playbackTime(video);
  await expect.poll(() => playbackTime(video), { timeout: 30_000 }).toBeGreaterThan(before + 0.5);
  console.log(`figure: network back → video playing again without a reload: ${Date.now() - droppedAt} ms (TURN ${turnPaused ? 'paused too' : 'not in use'})`);

  // The host ends the session for all: completed, with attendance.
  await call.getByRole('button', { name: 'End session for all' }).click();
  await page.getByRole('dialog', { name: 'End the session for everyone?' }).getByRole('button', { name: 'End session for all' }).click();
  await expect(ana.getByText('The session has ended')).toBeVisible({ timeout: 15_000 });
  await expect(page.getByText('Completed').first()).toBeVisible();
  const attendance = page.getByRole('region', { name: 'Attendance' });
  await expect(attendance.getByRole('row').filter({ hasText: 'Dr. Video Tester' })).toBeVisible();
  await expect(attendance.getByRole('row').filter({ hasText: anaName })).toBeVisible();
  await snap(page, 'video-ended-attendance');
  const details = await (await adminApi.get(`/api/sessions/${session.id}`)).json();
  expect(details.status).toBe('completed');
  const history = await (await adminApi.get(`/api/sessions/${session.id}/history`)).json();
  expect(history.map((h: { type: string }) => h.type)).toEqual(expect.arrayContaining(['started', 'video_admitted', 'video_denied', 'video_joined', 'video_left', 'ended']));
  await proxy.close();
});

test('calls of two, three and four: everyone sees everyone (and what the mesh costs the browser)', async ({ page, newContext, adminApi, freshUser, signInAsUser }) => {
  // About 2 minutes on a quiet machine; over 4 when other work shares its 2 cores.
  test.setTimeout(420_000);
  for (const size of [2, 3, 4]) {
    // A host per call: a Meet Now session keeps its host's half hour even once ended.
    const host = await freshUser(['provider'], { name: `Dr. Mesh ${size}` });
    await workEveryDay(adminApi, host.id, 'UTC');
    const session = await meetNowVideo(adminApi, host.id, ['Cleo', 'Dan', 'Eve'].slice(0, size - 1));
    await signInAsUser(host, `/sessions/${session.id}`);
    await joinThroughDeviceCheck(page, page.locator('main'));
    const guests = [];
    for (const link of session.links) {
      const guest = await (await newContext(PHONE)).newPage();
      await guest.goto(link);
      await joinThroughDeviceCheck(guest, guest.getByRole('region', { name: 'Video' }));
      await expect(guest.getByRole('heading', { name: 'The host will let you in' })).toBeVisible();
      guests.push(guest);
    }
    const lobby = page.getByRole('region', { name: 'Waiting to join the call' });
    await expect(lobby.getByRole('listitem')).toHaveCount(size - 1);
    await lobby.getByRole('button', { name: size > 2 ? 'Admit all' : 'Admit' }).click();
    for (const viewer of [page, ...guests]) {
      await expect.poll(() => viewer.getByTestId('remote-video').count(), { timeout: 30_000 }).toBe(size - 1);
      for (const video of await viewer.getByTestId('remote-video').all()) {
        await expect.poll(() => video.evaluate((el: HTMLVideoElement) => el.videoWidth), { timeout: 30_000 }).toBeGreaterThan(0);
      }
    }
    // The attendance follows the call as people come in.
    await expect(page.getByRole('region', { name: 'Attendance' }).getByRole('row').filter({ hasText: 'still in the call' })).toHaveCount(size);
    if (size === 3) await snap(page, 'video-call-of-three');
    console.log(`figure: a ${size}-person mesh, all ${size} in one headless Chromium: ${await browserCpuPercent(8_000)}% of one core`);
    for (const guest of guests) await guest.context().close();
  }
});
