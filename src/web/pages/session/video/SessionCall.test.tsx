import { Notifications } from '@mantine/notifications';
import { act, screen, waitFor, within } from '@testing-library/react';
import { Route, Routes } from 'react-router';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CLIENT, HOST_IN_CALL, iceConfig, MARTA_IN_CALL, roster } from '../../../testing/call';
import { MARTA, problem, SESSION_ID } from '../../../testing/chat-server';
import { FakeWebSocket } from '../../../testing/fake-websocket';
import { FakePeerConnection, installFakeDevices, removeFakeDevices } from '../../../testing/fake-webrtc';
import { stubEverythingInView } from '../../../testing/in-view';
import { setup } from '../../../testing/render';
import { HOST_ME, sessionDetails, SignedIn } from '../../../testing/staff';
import { SessionDetailsPage } from '../SessionDetailsPage';

// A canvas that draws video frames is beyond happy-dom: the still is a stand-in PNG.
vi.mock('../../../video/capture', () => ({ captureStill: vi.fn(async () => new Blob(['a png'], { type: 'image/png' })) }));

const BASE = `/api/sessions/${SESSION_ID}`;

interface Post {
  readonly path: string;
  readonly body: unknown;
}

/** The session's API as the page reads it; every POST is kept, FormData as a plain object. */
function serve() {
  const posts: Post[] = [];
  const session = sessionDetails({ status: 'in_progress', startedAt: '2026-03-03T15:01:00Z' });
  vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
    const path = String(input).split('?')[0]!;
    if (init?.method === 'POST') {
      const body = init.body instanceof FormData ? Object.fromEntries(init.body) : JSON.parse(String(init.body ?? '{}'));
      posts.push({ path, body });
      if (path === `${BASE}/screenshots`) return Response.json({ id: 'i1' }, { status: 201 });
      if (path === `${BASE}/end`) return Response.json({ ...session, status: 'completed' });
      return new Response(null, { status: 204 });
    }
    if (path.startsWith('/api/me')) return Response.json(HOST_ME);
    if (path === BASE) return Response.json(session);
    if (path === `${BASE}/messages`) return Response.json({ items: [], nextAfter: null });
    if (path === `${BASE}/messages/unread`) return Response.json({ threads: [] });
    if (path === `${BASE}/video/ice`) return Response.json(iceConfig());
    if (path === `${BASE}/attendance`) return Response.json({ items: [] });
    return problem(404, 'not_found');
  });
  return posts;
}

async function openCall() {
  const posts = serve();
  const result = setup(
    <SignedIn>
      <Notifications />
      <Routes>
        <Route path="/sessions/:id" element={<SessionDetailsPage />} />
      </Routes>
    </SignedIn>,
    { route: `/sessions/${SESSION_ID}?call=1` },
  );
  // The page loads the session, the signed-in user and the chat first: slow on a busy machine.
  await waitFor(() => expect(FakeWebSocket.all).toHaveLength(1), { timeout: 5000 });
  act(() => FakeWebSocket.latest.open());
  const call = () => within(screen.getByRole('region', { name: 'Video call' }));
  await call().findByLabelText('Your camera preview', {}, { timeout: 5000 });
  await result.user.click(call().getByRole('button', { name: 'Join' }));
  await waitFor(() => expect(FakeWebSocket.latest.sent.at(-1)).toEqual({ type: 'video.join', media: { camera: true, microphone: true, screen: false } }));
  act(() => FakeWebSocket.latest.receive(roster(CLIENT.host, [HOST_IN_CALL, MARTA_IN_CALL])));
  await call().findByRole('region', { name: MARTA.name });
  return { ...result, posts, call, tile: () => within(call().getByRole('region', { name: MARTA.name })) };
}

beforeEach(() => {
  FakeWebSocket.install();
  stubEverythingInView();
  installFakeDevices();
  vi.stubGlobal('RTCPeerConnection', FakePeerConnection);
  FakePeerConnection.all = [];
  vi.spyOn(URL, 'createObjectURL').mockReturnValue('blob:still');
  vi.spyOn(URL, 'revokeObjectURL').mockReturnValue(undefined);
});
afterEach(() => {
  removeFakeDevices();
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
  sessionStorage.clear();
});

// Whole pages with their queries, sockets and devices: give a busy machine time.
describe('the staff’s call on the session page', { timeout: 20_000 }, () => {
  it('joins from ?call=1 after the device check, with the chat beside the tiles', async () => {
    const { call } = await openCall();
    expect(call().getByRole('tab', { name: /^Chat/ })).toBeTruthy();
    expect(call().getByRole('region', { name: 'You' })).toBeTruthy();
    expect(call().getByRole('button', { name: 'Share screen' })).toBeTruthy();
    // The page's one socket carries the chat and the call.
    expect(FakeWebSocket.all).toHaveLength(1);
    expect(screen.queryByRole('button', { name: 'Join' })).toBeNull();
  });

  it('captures a still of a participant with a label and saves it with the session', async () => {
    const { user, posts, tile } = await openCall();
    await user.click(tile().getByRole('button', { name: 'Capture screenshot' }));
    const dialog = within(await screen.findByRole('dialog', { name: `Screenshot of ${MARTA.name}` }));
    await user.type(dialog.getByRole('textbox', { name: 'Label (optional)' }), 'left ear');
    await user.click(dialog.getByRole('button', { name: 'Save screenshot' }));
    expect(await screen.findByText('Screenshot saved')).toBeTruthy();
    const [saved] = posts.filter((p) => p.path === `${BASE}/screenshots`);
    const { file, ...fields } = saved!.body as { file: File; label: string; participantId: string };
    expect(fields).toEqual({ label: 'left ear', participantId: MARTA.id });
    expect([file.name, file.type]).toEqual(['screenshot.png', 'image/png']);
  });

  it('removes a participant from the call after asking', async () => {
    const { user, posts, tile } = await openCall();
    await user.click(tile().getByRole('button', { name: 'Remove from call' }));
    const dialog = within(await screen.findByRole('dialog', { name: `Remove ${MARTA.name} from the call?` }));
    await user.click(dialog.getByRole('button', { name: 'Remove from call' }));
    await waitFor(() => expect(posts).toEqual([{ path: `${BASE}/video/remove`, body: { participantId: MARTA.id } }]));
  });

  it('shows who waits above the call while in it', async () => {
    await openCall();
    act(() => FakeWebSocket.latest.receive({ type: 'video.lobby', waiting: [{ participantId: MARTA.id, name: MARTA.name, since: '2026-03-03T15:02:00Z' }] }));
    const lobby = within(await screen.findByRole('region', { name: 'Waiting to join the call' }));
    expect(lobby.getByRole('button', { name: 'Admit' })).toBeTruthy();
  });

  it('lets the host end the session for all, after asking, and leaves the call', async () => {
    const { user, posts, call } = await openCall();
    await user.click(call().getByRole('button', { name: 'End session for all' }));
    const dialog = within(await screen.findByRole('dialog', { name: 'End the session for everyone?' }));
    await user.click(dialog.getByRole('button', { name: 'End session for all' }));
    await waitFor(() => expect(posts.map((p) => p.path)).toEqual([`${BASE}/end`]));
    await waitFor(() => expect(FakeWebSocket.latest.sent.at(-1)).toEqual({ type: 'video.leave' }));
    expect(screen.queryByRole('region', { name: 'Video call' })).toBeNull();
  });

  it('offers "End session for all" only to the host', async () => {
    const { call } = await openCall();
    act(() => FakeWebSocket.latest.receive(roster(CLIENT.nurse, [{ ...HOST_IN_CALL, clientId: CLIENT.nurse, host: false }, MARTA_IN_CALL])));
    await waitFor(() => expect(call().queryByRole('button', { name: 'End session for all' })).toBeNull());
  });
});
