import { vi } from 'vitest';

/**
 * WebRTC and media devices for component tests (happy-dom has neither): a peer connection whose
 * signalling states follow the JSEP rules that perfect negotiation depends on (offer/answer,
 * explicit and implicit rollback, `addIceCandidate` refused before a remote description,
 * `negotiationneeded` only when stable), tracks and streams, and `navigator.mediaDevices`.
 */

const settle = () => new Promise<void>((resolve) => setTimeout(resolve, 0));
const invalidState = (message: string) => new DOMException(message, 'InvalidStateError');

let trackCount = 0;

export class FakeTrack extends EventTarget {
  readonly id = `track-${++trackCount}`;
  enabled = true;
  readyState: MediaStreamTrackState = 'live';
  constructor(
    readonly kind: 'audio' | 'video',
    readonly label = `${kind} ${trackCount}`,
    private readonly settings: MediaTrackSettings = {},
  ) {
    super();
  }
  getSettings(): MediaTrackSettings {
    return this.settings;
  }
  stop() {
    this.readyState = 'ended';
  }
  /** As when the person stops sharing from the browser's own bar. */
  end() {
    this.readyState = 'ended';
    this.dispatchEvent(new Event('ended'));
  }
}

export class FakeMediaStream {
  readonly id = `stream-${++trackCount}`;
  readonly #tracks: MediaStreamTrack[];
  constructor(tracks: readonly MediaStreamTrack[] = []) {
    this.#tracks = [...tracks];
  }
  getTracks = () => [...this.#tracks];
  getAudioTracks = () => this.#tracks.filter((t) => t.kind === 'audio');
  getVideoTracks = () => this.#tracks.filter((t) => t.kind === 'video');
  addTrack = (track: MediaStreamTrack) => void this.#tracks.push(track);
  removeTrack = (track: MediaStreamTrack) => void this.#tracks.splice(this.#tracks.indexOf(track), 1);
}

export const track = (kind: 'audio' | 'video', settings: MediaTrackSettings = {}) => new FakeTrack(kind, undefined, settings) as unknown as MediaStreamTrack;
export const stream = (...tracks: MediaStreamTrack[]) => new FakeMediaStream(tracks) as unknown as MediaStream;

class FakeSender {
  /** Empty until the connection has negotiated, as in browsers. */
  parameters: { encodings: RTCRtpEncodingParameters[] } = { encodings: [] };
  constructor(public track: MediaStreamTrack | null) {}
  getParameters = () => structuredClone(this.parameters);
  setParameters = vi.fn(async (next: { encodings: RTCRtpEncodingParameters[] }) => {
    await settle();
    this.parameters = structuredClone(next);
  });
  replaceTrack = vi.fn(async (next: MediaStreamTrack | null) => {
    await settle();
    this.track = next;
  });
}

interface FakeTransceiver {
  direction: RTCRtpTransceiverDirection;
  sender: FakeSender;
  receiver: { track: MediaStreamTrack };
}

export class FakePeerConnection extends EventTarget {
  static all: FakePeerConnection[] = [];
  signalingState: RTCSignalingState = 'stable';
  connectionState: RTCPeerConnectionState = 'new';
  localDescription: RTCSessionDescriptionInit | null = null;
  remoteDescription: RTCSessionDescriptionInit | null = null;
  readonly transceivers: FakeTransceiver[] = [];
  readonly candidates: RTCIceCandidateInit[] = [];
  /** What happened, in order: 'offer', 'answer', 'rollback', 'implicit rollback', 'restartIce'. */
  readonly log: string[] = [];
  stats: RTCStatsReport = new Map() as unknown as RTCStatsReport;
  #stableLocal: RTCSessionDescriptionInit | null = null;
  #needed = false;
  #restart = false;
  #scheduled = false;
  #operations = 0;
  #descriptions = 0;

  constructor(public config: RTCConfiguration) {
    super();
    FakePeerConnection.all.push(this);
  }

  static install() {
    FakePeerConnection.all = [];
    return (config: RTCConfiguration) => new FakePeerConnection(config) as unknown as RTCPeerConnection;
  }

  addTransceiver(trackOrKind: MediaStreamTrack | string, init: RTCRtpTransceiverInit = {}) {
    const kind = typeof trackOrKind === 'string' ? trackOrKind : trackOrKind.kind;
    const transceiver: FakeTransceiver = {
      direction: init.direction ?? 'sendrecv',
      sender: new FakeSender(typeof trackOrKind === 'string' ? null : trackOrKind),
      receiver: { track: new FakeTrack(kind as 'audio' | 'video') as unknown as MediaStreamTrack },
    };
    this.transceivers.push(transceiver);
    this.#markNeeded();
    return transceiver;
  }

  getTransceivers() {
    return [...this.transceivers];
  }

  setLocalDescription(description?: RTCSessionDescriptionInit) {
    return this.#operation(() => this.#setLocal(description));
  }

  setRemoteDescription(description: RTCSessionDescriptionInit) {
    return this.#operation(() => this.#setRemote(description));
  }

  /** As a browser's operations chain: negotiationneeded waits until no operation is under way. */
  async #operation(step: () => void) {
    this.#operations++;
    try {
      await settle();
      step();
    } finally {
      this.#operations--;
      if (this.#needed) this.#fireNegotiationNeeded();
    }
  }

  #setLocal(description?: RTCSessionDescriptionInit) {
    if (description?.type === 'rollback') {
      if (this.signalingState === 'stable') throw invalidState('Nothing to roll back');
      this.log.push('rollback');
      // Our offer's wish to negotiate survives a rollback.
      this.#needed = this.signalingState === 'have-local-offer' || this.#needed;
      this.#becomeStable(this.#stableLocal);
      return;
    }
    if (this.signalingState === 'have-remote-offer') {
      this.log.push('answer');
      this.#becomeStable({ type: 'answer', sdp: `answer ${++this.#descriptions}` });
      return;
    }
    this.log.push('offer');
    // The m-lines by kind, so that the answering fake creates matching transceivers.
    const media = this.transceivers.map((t) => t.receiver.track.kind).join(' ');
    this.localDescription = { type: 'offer', sdp: `offer ${++this.#descriptions}${this.#restart ? ' ice-restart' : ''} ${media}` };
    this.signalingState = 'have-local-offer';
    this.#needed = false;
    this.#restart = false;
  }

  #setRemote(description: RTCSessionDescriptionInit) {
    if (description.type === 'offer') {
      if (this.signalingState === 'have-local-offer') {
        this.log.push('implicit rollback');
        this.localDescription = this.#stableLocal;
        // Our offer's wish to negotiate survives a rollback.
        this.#needed = true;
      }
      // An offer with m-lines we lack creates recvonly transceivers, as a browser does.
      const offered = (description.sdp ?? '').match(/\b(audio|video)\b/g) ?? [];
      for (const kind of offered) {
        const free = this.transceivers.filter((t) => t.receiver.track.kind === kind).length < offered.filter((k) => k === kind).length;
        if (free) this.transceivers.push({ direction: 'recvonly', sender: new FakeSender(null), receiver: { track: new FakeTrack(kind as 'audio' | 'video') as unknown as MediaStreamTrack } });
      }
      this.remoteDescription = description;
      this.signalingState = 'have-remote-offer';
      return;
    }
    if (this.signalingState !== 'have-local-offer') throw invalidState(`An answer in state ${this.signalingState}`);
    this.remoteDescription = description;
    this.#becomeStable(this.localDescription);
  }

  async addIceCandidate(candidate: RTCIceCandidateInit) {
    await settle();
    if (!this.remoteDescription) throw invalidState('No remote description');
    this.candidates.push(candidate);
  }

  restartIce() {
    this.log.push('restartIce');
    this.#restart = true;
    this.#markNeeded();
  }

  setConfiguration(config: RTCConfiguration) {
    this.config = config;
  }

  async getStats() {
    return this.stats;
  }

  close() {
    this.connectionState = 'closed';
    this.signalingState = 'closed';
  }

  get closed() {
    return this.connectionState === 'closed';
  }

  // Test controls.

  emitCandidate(candidate: string) {
    this.dispatchEvent(Object.assign(new Event('icecandidate'), { candidate: { candidate, sdpMid: '0', sdpMLineIndex: 0 } }));
  }

  emitTrack(kind: 'audio' | 'video') {
    const incoming = track(kind);
    this.dispatchEvent(Object.assign(new Event('track'), { track: incoming, streams: [] }));
    return incoming;
  }

  setConnectionState(state: RTCPeerConnectionState) {
    this.connectionState = state;
    this.dispatchEvent(new Event('connectionstatechange'));
  }

  #becomeStable(local: RTCSessionDescriptionInit | null) {
    this.signalingState = 'stable';
    this.localDescription = local;
    this.#stableLocal = local;
  }

  #markNeeded() {
    this.#needed = true;
    if (this.signalingState === 'stable') this.#fireNegotiationNeeded();
  }

  #fireNegotiationNeeded() {
    if (this.#scheduled) return;
    this.#scheduled = true;
    // A task, as the spec queues it: an operation started meanwhile defers the event.
    setTimeout(() => {
      this.#scheduled = false;
      if (this.#needed && this.signalingState === 'stable' && this.#operations === 0) this.dispatchEvent(new Event('negotiationneeded'));
    }, 0);
  }
}

export interface FakeDevices {
  readonly cameras?: number;
  readonly microphones?: number;
  readonly speakers?: number;
  /** getUserMedia refuses this kind with NotAllowedError. */
  readonly denied?: readonly ('audio' | 'video')[];
}

/** `navigator.mediaDevices` with these devices; returns the spies. Remove with `removeFakeDevices()`. */
export function installFakeDevices({ cameras = 1, microphones = 1, speakers = 1, denied = [] }: FakeDevices = {}) {
  const granted = { value: false };
  const list = () => [
    ...Array.from({ length: cameras }, (_, i) => ({ kind: 'videoinput', deviceId: `camera-${i + 1}`, label: granted.value ? `Camera ${i + 1}` : '', groupId: '' })),
    ...Array.from({ length: microphones }, (_, i) => ({ kind: 'audioinput', deviceId: `microphone-${i + 1}`, label: granted.value ? `Microphone ${i + 1}` : '', groupId: '' })),
    ...Array.from({ length: speakers }, (_, i) => ({ kind: 'audiooutput', deviceId: `speaker-${i + 1}`, label: granted.value ? `Speaker ${i + 1}` : '', groupId: '' })),
  ];
  const getUserMedia = vi.fn(async (constraints: MediaStreamConstraints) => {
    await settle();
    const wanted = (['audio', 'video'] as const).filter((kind) => constraints[kind]);
    const refused = wanted.find((kind) => denied.includes(kind));
    if (refused) throw new DOMException('Permission denied', 'NotAllowedError');
    if (wanted.some((kind) => (kind === 'audio' ? microphones : cameras) === 0)) throw new DOMException('Requested device not found', 'NotFoundError');
    granted.value = true;
    return stream(...wanted.map((kind) => track(kind, { deviceId: kind === 'audio' ? 'microphone-1' : 'camera-1' })));
  });
  const getDisplayMedia = vi.fn(async () => stream(track('video', { displaySurface: 'monitor' })));
  const enumerateDevices = vi.fn(async () => list());
  const mediaDevices = Object.assign(new EventTarget(), { getUserMedia, getDisplayMedia, enumerateDevices });
  Object.defineProperty(navigator, 'mediaDevices', { configurable: true, value: mediaDevices });
  stubMediaElements();
  return mediaDevices;
}

/**
 * Streams and `<video>` elements that take them (happy-dom's `srcObject` accepts only its own
 * MediaStream, and its `play()` does nothing). `playRefusal` makes `play()` reject as a browser
 * does without a user gesture. Undone by `vi.restoreAllMocks()` and `vi.unstubAllGlobals()`.
 */
export function stubMediaElements({ playRefusal = false } = {}) {
  vi.stubGlobal('MediaStream', FakeMediaStream);
  const streams = new WeakMap<HTMLMediaElement, MediaStream | null>();
  vi.spyOn(HTMLMediaElement.prototype, 'srcObject', 'set').mockImplementation(function (this: HTMLMediaElement, value) {
    streams.set(this, value as MediaStream | null);
  });
  vi.spyOn(HTMLMediaElement.prototype, 'srcObject', 'get').mockImplementation(function (this: HTMLMediaElement) {
    return streams.get(this) ?? null;
  });
  const play = vi.spyOn(HTMLMediaElement.prototype, 'play');
  play.mockImplementation(() => (playRefusal ? Promise.reject(new DOMException('Needs a gesture', 'NotAllowedError')) : Promise.resolve()));
  return play;
}

export function removeFakeDevices() {
  Reflect.deleteProperty(navigator, 'mediaDevices');
}
