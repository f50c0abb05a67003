import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ServerFrame } from '../../shared/live';
import { JAVIER, uuid } from '../testing/chat-server';
import { CLIENT, HOST_IN_CALL, iceConfig, MARTA_IN_CALL, member, roster } from '../testing/call';
import { FakeWebSocket } from '../testing/fake-websocket';
import { FakeMediaStream, FakePeerConnection, type FakeTrack, stream, track } from '../testing/fake-webrtc';
import { LiveChannel } from '../live/LiveChannel';
import { readServerFrame } from '../live/server-frame';
import { CallEngine, type CallEngineOptions } from './CallEngine';
import { RESTART_AFTER_MS } from './peer';
import { sendBudget } from './send-budget';

const JAVIER_IN_CALL = member(CLIENT.javier, JAVIER);
const OFFER = { description: { type: 'offer' as const, sdp: 'offer 1 audio video' } };

/** Marta's side of the call on a real LiveChannel over a fake socket, opened and greeted. */
function martasCall(options: Partial<CallEngineOptions> = {}) {
  const live = new LiveChannel<ServerFrame>({ path: '/api/portal/live', read: readServerFrame, greeting: () => ({ type: 'hello', after: 0 }), random: () => 0 });
  live.connect();
  FakeWebSocket.latest.open();
  const ice = vi.fn(async () => iceConfig());
  const engine = new CallEngine({ live, iceConfig: ice, createPeerConnection: FakePeerConnection.install(), ...options });
  const detach = engine.attach();
  const socket = () => FakeWebSocket.latest;
  const receive = (frame: ServerFrame) => socket().receive(frame);
  const camera = track('video');
  const microphone = track('audio');
  const join = (choice: { camera?: boolean; microphone?: boolean } = {}) =>
    engine.join({ stream: stream(microphone, camera), camera: choice.camera ?? true, microphone: choice.microphone ?? true });
  return { live, engine, detach, socket, receive, join, ice, camera: camera as unknown as FakeTrack, microphone: microphone as unknown as FakeTrack };
}

const sentTypes = (socket: FakeWebSocket) => socket.sent.map((frame) => (frame as { type: string }).type);
const signalsTo = (socket: FakeWebSocket, clientId: string) =>
  socket.sent.filter((f): f is { type: 'video.signal'; to: string; signal: Record<string, unknown> } => (f as { type: string; to?: string }).type === 'video.signal' && (f as { to: string }).to === clientId);
const pcs = () => FakePeerConnection.all;

beforeEach(() => {
  FakeWebSocket.install();
  vi.stubGlobal('MediaStream', FakeMediaStream);
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('CallEngine', () => {
  it('joins once it has the ICE configuration, and keeps one peer per other member as the roster changes', async () => {
    const { engine, socket, receive, join, ice } = martasCall();
    await join();
    expect(ice).toHaveBeenCalledTimes(1);
    expect(socket().sent.at(-1)).toEqual({ type: 'video.join', media: { camera: true, microphone: true, screen: false } });
    expect(engine.getState().phase).toBe('joining');

    receive(roster(CLIENT.marta, [HOST_IN_CALL, MARTA_IN_CALL, JAVIER_IN_CALL]));
    expect(engine.getState()).toMatchObject({ phase: 'in_call', you: CLIENT.marta });
    expect(Object.keys(engine.getState().remotes).sort()).toEqual([CLIENT.host, CLIENT.javier]);
    expect(pcs()).toHaveLength(2);
    expect(pcs()[0]!.config).toEqual({ iceServers: [{ urls: 'stun:127.0.0.1:3478' }], iceTransportPolicy: 'all' });
    // Marta's id sorts above the host's: she is impolite toward the host and offers; below Javier's: she waits for his offer.
    await vi.waitFor(() => expect(signalsTo(socket(), CLIENT.host).map((f) => f.signal)).toEqual([{ description: { type: 'offer', sdp: 'offer 1 audio video' } }]));
    expect(signalsTo(socket(), CLIENT.javier)).toEqual([]);

    receive(roster(CLIENT.marta, [HOST_IN_CALL, MARTA_IN_CALL]));
    expect(pcs()[1]!.closed).toBe(true);
    expect(pcs()[0]!.closed).toBe(false);
    expect(Object.keys(engine.getState().remotes)).toEqual([CLIENT.host]);
  });

  it('passes each signal to its peer, and keeps one that overtook the roster naming its sender', async () => {
    const { socket, receive, join } = martasCall();
    await join();
    receive({ type: 'video.signal', from: CLIENT.javier, signal: OFFER });
    receive({ type: 'video.signal', from: CLIENT.javier, signal: { candidate: { candidate: 'candidate:1 1 udp 1 127.0.0.1 5000 typ host', sdpMid: '0', sdpMLineIndex: 0 } } });
    expect(pcs()).toHaveLength(0);
    receive(roster(CLIENT.marta, [MARTA_IN_CALL, JAVIER_IN_CALL]));
    await vi.waitFor(() => expect(signalsTo(socket(), CLIENT.javier).map((f) => f.signal)).toEqual([{ description: { type: 'answer', sdp: 'answer 1' } }]));
    expect(pcs()[0]!.candidates).toHaveLength(1);
  });

  it('restarts ICE with fresh credentials when a connection fails or stays disconnected, the impolite side first', async () => {
    vi.useFakeTimers();
    const ice = vi.fn().mockResolvedValueOnce(iceConfig()).mockResolvedValue(iceConfig(undefined, 'turn:127.0.0.1:3478?transport=tcp'));
    const { receive, join } = martasCall({ iceConfig: ice });
    await join();
    receive(roster(CLIENT.marta, [HOST_IN_CALL, MARTA_IN_CALL, JAVIER_IN_CALL]));
    const [toHost, toJavier] = pcs();

    // Toward the host Marta is impolite: she restarts at once.
    toHost!.setConnectionState('failed');
    await vi.advanceTimersByTimeAsync(0);
    expect(toHost!.log).toContain('restartIce');
    expect(toHost!.config.iceServers).toEqual([{ urls: 'turn:127.0.0.1:3478?transport=tcp' }]);

    // Toward Javier she is polite: she leaves him the first try. A blip that recovers restarts nothing.
    toJavier!.setConnectionState('disconnected');
    await vi.advanceTimersByTimeAsync(RESTART_AFTER_MS.impolite.disconnected);
    toJavier!.setConnectionState('connected');
    await vi.advanceTimersByTimeAsync(RESTART_AFTER_MS.polite.disconnected);
    expect(toJavier!.log).not.toContain('restartIce');
    // One that lasts does, and again if the restart did not help.
    toJavier!.setConnectionState('disconnected');
    await vi.advanceTimersByTimeAsync(RESTART_AFTER_MS.polite.disconnected - 1);
    expect(toJavier!.log).not.toContain('restartIce');
    await vi.advanceTimersByTimeAsync(1);
    expect(toJavier!.log.filter((step) => step === 'restartIce')).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(toJavier!.log.filter((step) => step === 'restartIce')).toHaveLength(2);
  });

  it('caps each outgoing video by the size of the call, once the connection has negotiated, and lifts it when the call shrinks', async () => {
    const { receive, join } = martasCall();
    await join();
    receive(roster(CLIENT.marta, [HOST_IN_CALL, MARTA_IN_CALL, JAVIER_IN_CALL]));
    const toHost = pcs()[0]!;
    const video = toHost.transceivers.find((t) => t.receiver.track.kind === 'video')!.sender;
    // Nothing to cap before the first negotiation gives the sender its encoding.
    await vi.waitFor(() => expect(toHost.log).toContain('offer'));
    expect(video.setParameters).not.toHaveBeenCalled();

    video.parameters = { encodings: [{ active: true }] };
    toHost.setConnectionState('connected');
    await vi.waitFor(() => expect(video.parameters.encodings[0]).toEqual({ active: true, ...sendBudget(2) }));

    receive(roster(CLIENT.marta, [HOST_IN_CALL, MARTA_IN_CALL]));
    await vi.waitFor(() => expect(video.parameters.encodings[0]).toEqual({ active: true, ...sendBudget(1) }));
    expect(sendBudget(1).scaleResolutionDownBy).toBe(1);
    expect(video.setParameters).toHaveBeenCalledTimes(2);
  });

  it('rejoins when the live channel comes back: hello, join again, every old peer closed and rebuilt from the next roster', async () => {
    vi.useFakeTimers();
    const { engine, socket, receive, join } = martasCall();
    await join();
    receive(roster(CLIENT.marta, [HOST_IN_CALL, MARTA_IN_CALL]));
    const before = pcs()[0]!;

    socket().serverClose(1006);
    expect(engine.getState()).toMatchObject({ phase: 'in_call', reconnecting: true });
    // Media may still flow while only the signalling is down: the peer stays.
    expect(before.closed).toBe(false);

    await vi.advanceTimersByTimeAsync(500);
    expect(FakeWebSocket.all).toHaveLength(2);
    socket().open();
    await vi.advanceTimersByTimeAsync(0);
    expect(sentTypes(socket())).toEqual(['hello', 'video.join']);
    expect(before.closed).toBe(true);
    expect(engine.getState()).toMatchObject({ reconnecting: false, members: [], remotes: {} });

    const marta = { ...MARTA_IN_CALL, clientId: uuid(7999) };
    receive(roster(marta.clientId, [HOST_IN_CALL, marta]));
    expect(pcs()).toHaveLength(2);
    expect(Object.keys(engine.getState().remotes)).toEqual([CLIENT.host]);
    expect(engine.getState().you).toBe(marta.clientId);
  });

  it('takes a participant through the waiting room into the call, shows a still was taken, and ends when the host ends it', async () => {
    const { engine, receive, join, camera, microphone } = martasCall();
    await join();
    receive({ type: 'video.admission', state: 'waiting' });
    expect(engine.getState().phase).toBe('waiting');
    receive({ type: 'video.admission', state: 'admitted' });
    expect(engine.getState().phase).toBe('joining');
    receive(roster(CLIENT.marta, [HOST_IN_CALL, MARTA_IN_CALL]));
    expect(engine.getState().phase).toBe('in_call');

    receive({ type: 'video.screenshot', label: 'left ear' });
    expect(engine.getState().screenshot).toMatchObject({ label: 'left ear' });

    receive({ type: 'video.ended' });
    expect(engine.getState()).toMatchObject({ phase: 'ended', members: [], preview: null });
    expect([camera.readyState, microphone.readyState]).toEqual(['ended', 'ended']);
    expect(pcs()[0]!.closed).toBe(true);
  });

  it('ends the attempt when denied, removed or refused, releasing the camera; a removed participant may ask again', async () => {
    const first = martasCall();
    await first.join();
    first.receive({ type: 'video.admission', state: 'denied' });
    expect(first.engine.getState().phase).toBe('denied');
    expect(first.camera.readyState).toBe('ended');
    first.detach();

    const second = martasCall();
    await second.join();
    second.receive(roster(CLIENT.marta, [HOST_IN_CALL, MARTA_IN_CALL]));
    second.receive({ type: 'video.admission', state: 'removed' });
    expect(second.engine.getState().phase).toBe('removed');
    expect(pcs().at(-1)!.closed).toBe(true);
    await second.join();
    second.receive({ type: 'video.admission', state: 'waiting' });
    expect(second.engine.getState().phase).toBe('waiting');
    second.detach();

    const third = martasCall();
    await third.join();
    third.receive({ type: 'error', code: 'call_full', message: 'This call already has 6 people.' });
    expect(third.engine.getState()).toMatchObject({ phase: 'refused', refusal: { code: 'call_full', message: 'This call already has 6 people.' } });
  });

  it('mutes by disabling the track and telling the others; shares the screen on every peer and returns to the camera when sharing stops', async () => {
    const screen = track('video');
    const { engine, socket, receive, join, microphone, camera } = martasCall({ displayMedia: async () => stream(screen) });
    await join({ camera: false });
    expect(camera.enabled).toBe(false);
    receive(roster(CLIENT.marta, [HOST_IN_CALL, MARTA_IN_CALL, JAVIER_IN_CALL]));

    engine.setMicrophone(false);
    expect(microphone.enabled).toBe(false);
    expect(socket().sent.at(-1)).toEqual({ type: 'video.media', media: { camera: false, microphone: false, screen: false } });
    await engine.setCamera(true);
    expect(camera.enabled).toBe(true);
    expect(socket().sent.at(-1)).toEqual({ type: 'video.media', media: { camera: true, microphone: false, screen: false } });

    await engine.shareScreen();
    expect(engine.getState().preview!.getVideoTracks()).toEqual([screen]);
    expect(engine.getState().media.screen).toBe(true);
    expect(socket().sent.at(-1)).toEqual({ type: 'video.media', media: { camera: true, microphone: false, screen: true } });
    // The host's peer offered its transceivers; Javier's side waits for his offer, so only the host's sender exists yet.
    expect(pcs()[0]!.transceivers[1]!.sender.track).toBe(screen);

    (screen as unknown as FakeTrack).end();
    await vi.waitFor(() => expect(engine.getState().media.screen).toBe(false));
    expect(pcs()[0]!.transceivers[1]!.sender.track).toBe(camera);
  });

  it('leaves: says so, closes the peers and releases the devices; the lobby keeps coming', async () => {
    const { engine, socket, receive, join, camera } = martasCall();
    await join();
    receive(roster(CLIENT.marta, [HOST_IN_CALL, MARTA_IN_CALL]));
    engine.leave();
    expect(socket().sent.at(-1)).toEqual({ type: 'video.leave' });
    expect(engine.getState().phase).toBe('idle');
    expect(camera.readyState).toBe('ended');
    expect(pcs()[0]!.closed).toBe(true);
    // Frames of the call no longer build anything.
    receive(roster(CLIENT.marta, [HOST_IN_CALL, MARTA_IN_CALL]));
    expect(pcs()).toHaveLength(1);
    receive({ type: 'video.lobby', waiting: [{ participantId: MARTA_IN_CALL.id, name: MARTA_IN_CALL.name, since: '2026-03-03T15:00:00.000Z' }] });
    expect(engine.getState().lobby).toHaveLength(1);
  });

  it('rates each connection from getStats: round trip, loss since the last sample, available bitrate', async () => {
    vi.useFakeTimers();
    const { engine, receive, join } = martasCall();
    await join();
    receive(roster(CLIENT.marta, [HOST_IN_CALL, MARTA_IN_CALL]));
    const stats = (rtt: number, lost: number, received: number) =>
      new Map<string, unknown>([
        ['T', { type: 'transport', id: 'T', selectedCandidatePairId: 'P' }],
        ['P', { type: 'candidate-pair', id: 'P', currentRoundTripTime: rtt, availableOutgoingBitrate: 1_500_000 }],
        ['I', { type: 'inbound-rtp', id: 'I', packetsLost: lost, packetsReceived: received }],
      ]) as unknown as RTCStatsReport;
    pcs()[0]!.stats = stats(0.04, 0, 1000);
    await vi.advanceTimersByTimeAsync(2000);
    expect(engine.getState().remotes[CLIENT.host]!.quality).toBe('good');
    // 50 of the last 500 packets lost: 10 %.
    pcs()[0]!.stats = stats(0.04, 50, 1450);
    await vi.advanceTimersByTimeAsync(2000);
    expect(engine.getState().remotes[CLIENT.host]!.quality).toBe('poor');
  });
});
