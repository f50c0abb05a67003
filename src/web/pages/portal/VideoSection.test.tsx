import { act, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PortalView } from '../../../shared/portal';
import { CLIENT, HOST_IN_CALL, iceConfig, MARTA_IN_CALL, roster } from '../../testing/call';
import { fakeChatServer, MARTA, STAFF } from '../../testing/chat-server';
import { FakeWebSocket } from '../../testing/fake-websocket';
import { FakePeerConnection, installFakeDevices, removeFakeDevices } from '../../testing/fake-webrtc';
import { stubEverythingInView } from '../../testing/in-view';
import { setup } from '../../testing/render';
import { PortalPage } from './PortalPage';

// 15:00Z on March 3, 2026 is 4:00 PM in Madrid (GMT+1). The join window below spans any day the
// test may run on, unless a test moves it.
const portalView = (session: Partial<PortalView['session']> = {}): PortalView => ({
  session: {
    id: 's1',
    start: '2026-03-03T15:00:00Z',
    end: '2026-03-03T15:30:00Z',
    status: 'scheduled',
    service: { name: 'Physiotherapy follow-up', durationMinutes: 30 },
    sessionType: { name: 'Video consultation', modality: 'video' },
    host: { name: STAFF.name, timeZone: 'Europe/Madrid' },
    organization: { name: 'Clínica Sol', logo: null },
    startedAt: null,
    endedAt: null,
    joinWindow: { opensAt: '2000-01-01T00:00:00Z', closesAt: '2999-01-01T00:00:00Z' },
    ...session,
  },
  participant: { id: MARTA.id, name: MARTA.name, timeZone: 'Europe/Madrid' },
});

async function openPortal(view = portalView()) {
  const server = fakeChatServer({
    base: '/api/portal',
    sender: MARTA,
    other: (url) => {
      if (url.pathname === '/api/portal/session') return Response.json(view);
      if (url.pathname === '/api/portal/documents') return Response.json([]);
      if (url.pathname === '/api/portal/video/ice') return Response.json(iceConfig());
      return new Response(null, { status: 404 });
    },
  });
  const result = setup(<PortalPage />, { route: '/portal' });
  // The page loads the session, the signed-in user and the chat first: slow on a busy machine.
  await waitFor(() => expect(FakeWebSocket.all).toHaveLength(1), { timeout: 5000 });
  act(() => FakeWebSocket.latest.open());
  return { ...result, server };
}

const video = () => within(screen.getByRole('region', { name: 'Video' }));
const sent = () => FakeWebSocket.latest.sent as { type: string }[];
const receive = (frame: Parameters<FakeWebSocket['receive']>[0]) => act(() => FakeWebSocket.latest.receive(frame));

/** "Join", the device check, and its "Join": the socket then carries video.join. */
async function joinFromDeviceCheck(user: ReturnType<typeof setup>['user']) {
  await user.click(await video().findByRole('button', { name: 'Join' }, { timeout: 5000 }));
  await video().findByLabelText('Your camera preview');
  await user.click(video().getByRole('button', { name: 'Join' }));
  await waitFor(() => expect(sent().at(-1)).toEqual({ type: 'video.join', media: { camera: true, microphone: true, screen: false } }));
}

beforeEach(() => {
  FakeWebSocket.install();
  stubEverythingInView();
  installFakeDevices();
  vi.stubGlobal('RTCPeerConnection', FakePeerConnection);
  FakePeerConnection.all = [];
});
afterEach(() => {
  removeFakeDevices();
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
  sessionStorage.clear();
});

// Whole pages with their queries, sockets and devices: give a busy machine time.
describe('the participant’s video', { timeout: 20_000 }, () => {
  it('goes from Join through the device check and the waiting room into the call, hears of a still, and ends with the session', async () => {
    const { user } = await openPortal();
    await joinFromDeviceCheck(user);

    receive({ type: 'video.admission', state: 'waiting' });
    const waiting = await video().findByRole('status');
    expect(within(waiting).getByRole('heading', { name: 'The host will let you in' })).toBeTruthy();
    expect(waiting.textContent).toContain('Clínica Sol');
    expect(waiting.textContent).toContain('Tue, Mar 3, 2026 · 4:00 PM – 4:30 PM Madrid (GMT+1)');
    // The chat stays right there while waiting.
    expect(screen.getByRole('region', { name: 'Chat' })).toBeTruthy();

    receive({ type: 'video.admission', state: 'admitted' });
    receive(roster(CLIENT.marta, [HOST_IN_CALL, MARTA_IN_CALL]));
    const hostTile = await video().findByRole('region', { name: STAFF.name });
    expect(within(hostTile).getByTestId('remote-video').getAttribute('aria-label')).toBe(`Video of ${STAFF.name}`);
    expect(within(hostTile).getByText('Host')).toBeTruthy();
    expect(video().getByRole('region', { name: 'You' })).toBeTruthy();
    expect(video().getByRole('timer').textContent).toMatch(/^In call 00:0\d$/);
    // Participants do not share screens.
    expect(video().queryByRole('button', { name: 'Share screen' })).toBeNull();

    await user.click(video().getByRole('button', { name: 'Mute' }));
    expect(sent().at(-1)).toEqual({ type: 'video.media', media: { camera: true, microphone: false, screen: false } });
    expect(video().getByRole('button', { name: 'Unmute' })).toBeTruthy();

    receive({ type: 'video.screenshot', label: 'left ear' });
    const notice = video().getByRole('alert');
    expect(within(notice).getByText('A still picture was taken')).toBeTruthy();
    expect(notice.textContent).toContain('The clinic took a still picture of your video: left ear.');

    receive({ type: 'video.ended' });
    expect(await video().findByText('The session has ended')).toBeTruthy();
    expect(video().queryByRole('button', { name: 'Join' })).toBeNull();
    expect(FakePeerConnection.all[0]!.closed).toBe(true);
  });

  it('says when the call opens, in the participant’s zone with the date, and offers no Join before', async () => {
    // 14:45Z on March 3, 2099 is 3:45 PM in Madrid (GMT+1): later than any day this runs.
    await openPortal(portalView({ start: '2099-03-03T15:00:00Z', end: '2099-03-03T15:30:00Z', joinWindow: { opensAt: '2099-03-03T14:45:00Z', closesAt: '2099-03-03T16:30:00Z' } }));
    expect(await video().findByText('The call opens on Tuesday, March 3, 2099 at 3:45 PM Madrid (GMT+1).')).toBeTruthy();
    expect(video().queryByRole('button', { name: 'Join' })).toBeNull();
  });

  it('says calmly when turned away, and a late frame of the waiting room changes nothing', async () => {
    const { user } = await openPortal();
    await joinFromDeviceCheck(user);
    receive({ type: 'video.admission', state: 'denied' });
    expect(await video().findByText('The clinic did not let you into the call')).toBeTruthy();

    receive({ type: 'video.admission', state: 'waiting' });
    expect(video().queryByText('The host will let you in')).toBeNull();
  });

  it('after being removed, joining again leads to the waiting room', async () => {
    const { user } = await openPortal();
    await joinFromDeviceCheck(user);
    receive(roster(CLIENT.marta, [HOST_IN_CALL, MARTA_IN_CALL]));
    receive({ type: 'video.admission', state: 'removed' });
    expect(await video().findByText('You were taken out of the call')).toBeTruthy();
    await joinFromDeviceCheck(user);
    receive({ type: 'video.admission', state: 'waiting' });
    expect(await video().findByText('The host will let you in')).toBeTruthy();
  });

  it('tells why a full call or a closed door refused them, and lets them try again', async () => {
    const { user } = await openPortal();
    await joinFromDeviceCheck(user);
    receive({ type: 'error', code: 'call_full', message: 'This call already has 6 people, the most it can hold.' });
    expect(await video().findByText('This call already has 6 people, the most it can hold.')).toBeTruthy();
    expect(video().getByRole('button', { name: 'Join' })).toBeTruthy();
  });

  it('shows no call for a phone session: the session card says what happens instead', async () => {
    await openPortal(portalView({ sessionType: { name: 'Phone call', modality: 'phone' } }));
    expect(await screen.findByText('Your provider will call you.')).toBeTruthy();
    expect(screen.queryByRole('region', { name: 'Video' })).toBeNull();
  });
});
