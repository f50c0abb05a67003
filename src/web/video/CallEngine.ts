import type { ClientFrame, ServerFrame } from '../../shared/live';
import type { AdmissionState, CallMember, IceConfig, MediaState, Signal } from '../../shared/video';
import type { LiveStatus } from '../live/LiveChannel';
import { ApiError } from '../api/client';
import { type CallPhase, type CallState, IDLE_CALL, NO_CALL, type RemoteView } from './call-state';
import { rtcConfiguration } from './ice';
import { CallMonitor, type MonitorReport, selfKey } from './monitor';
import { errorName, type OutgoingTracks, Peer } from './peer';
import { sendBudget } from './send-budget';

/** What the call needs of the page's live channel (a `LiveChannel` is one). */
export interface LiveLink {
  readonly status: LiveStatus;
  send(frame: ClientFrame): boolean;
  onFrame(listener: (frame: ServerFrame) => void): () => void;
  onStatus(listener: (status: LiveStatus) => void): () => void;
}

export interface JoinChoice {
  /** From the device check; the engine owns it from now on and stops it when the call ends. */
  readonly stream: MediaStream;
  readonly camera: boolean;
  readonly microphone: boolean;
  readonly cameraId?: string | null;
}

export interface CallEngineOptions {
  readonly live: LiveLink;
  readonly iceConfig: () => Promise<IceConfig>;
  readonly createPeerConnection?: (config: RTCConfiguration) => RTCPeerConnection;
  /** The camera alone, for turning it on in a call joined without one. */
  readonly openCamera?: (cameraId: string | null) => Promise<MediaStreamTrack | null>;
  readonly displayMedia?: () => Promise<MediaStream>;
  readonly now?: () => number;
}

/** The server's refusals that end this person's attempt to be in the call. */
const REFUSALS = new Set(['call_full', 'not_admitted', 'join_closed', 'no_video']);
/** How long a signal from someone not yet in our roster is kept for them. */
const EARLY_SIGNAL_MS = 10_000;

/**
 * A person's side of the session's video call, framework-free: a WebRTC mesh with one `Peer` per
 * other member, signalled over the page's live channel. The roster decides who is connected;
 * when the channel itself comes back after a drop, the server sees a new socket, so the engine
 * closes every peer, sends `video.join` again and rebuilds them from the next roster.
 *
 * Rule for perfect negotiation: the member whose client id sorts lower is polite.
 */
export class CallEngine {
  #state: CallState = IDLE_CALL;
  readonly #listeners = new Set<() => void>();
  readonly #peers = new Map<string, Peer>();
  readonly #early = new Map<string, { at: number; signals: Signal[] }>();
  readonly #monitor: CallMonitor;
  #report: MonitorReport = { quality: {}, speaking: {} };
  #inCall = false;
  /** Each (re)join counts; an older one still waiting for its ICE configuration gives way. */
  #attempt = 0;
  #config: RTCConfiguration | null = null;
  #tracks: { microphone: MediaStreamTrack | null; camera: MediaStreamTrack | null; screen: MediaStreamTrack | null } = { microphone: null, camera: null, screen: null };
  #streams = new Map<MediaStreamTrack, MediaStream>();
  #cameraId: string | null = null;

  constructor(private readonly options: CallEngineOptions) {
    this.#monitor = new CallMonitor(() => ({ peers: this.#peers, microphone: this.#streamOf(this.#tracks.microphone) }), this.#onReport, this.#now);
  }

  subscribe = (listener: () => void) => {
    this.#listeners.add(listener);
    return () => void this.#listeners.delete(listener);
  };

  getState = (): CallState => this.#state;

  /** Listens to the channel (the lobby at once, the call once joined); the returned stop also leaves the call. */
  attach(): () => void {
    const stopFrames = this.options.live.onFrame(this.#onFrame);
    const stopStatus = this.options.live.onStatus(this.#onStatus);
    window.addEventListener('online', this.#onNetworkBack);
    return () => {
      stopFrames();
      stopStatus();
      window.removeEventListener('online', this.#onNetworkBack);
      this.leave();
    };
  }

  async join({ stream, camera, microphone, cameraId = null }: JoinChoice) {
    if (this.#inCall) return;
    this.#inCall = true;
    this.#cameraId = cameraId;
    const [audio = null] = stream.getAudioTracks();
    const [video = null] = stream.getVideoTracks();
    if (audio) audio.enabled = microphone;
    if (video) video.enabled = camera;
    this.#tracks = { microphone: audio, camera: video, screen: null };
    this.#update({
      ...NO_CALL,
      phase: 'joining',
      refusal: null,
      screenshot: null,
      media: { camera: camera && video !== null, microphone: microphone && audio !== null, screen: false },
      preview: this.#streamOf(video),
      hasMicrophone: audio !== null,
      reconnecting: this.options.live.status !== 'open',
    });
    await this.#sendJoin();
  }

  /** Leaves the call (nothing happens if not in it); the camera and microphone are released. */
  leave() {
    if (!this.#inCall) return;
    this.options.live.send({ type: 'video.leave' });
    this.#stop('idle');
  }

  /** Back to `idle` after a call ended one way or another, to offer "Join" again. */
  dismiss() {
    if (!this.#inCall) this.#update({ phase: 'idle', refusal: null });
  }

  dismissScreenshot() {
    this.#update({ screenshot: null });
  }

  setMicrophone(on: boolean) {
    const track = this.#tracks.microphone;
    if (!track) return;
    track.enabled = on;
    this.#setMedia({ microphone: on });
  }

  /** Camera on or off (`enabled`, so it comes back at once); turned on in a call joined without a camera, it is opened first. */
  async setCamera(on: boolean): Promise<boolean> {
    let track = this.#tracks.camera;
    if (on && !track) {
      track = (await this.options.openCamera?.(this.#cameraId).catch(() => null)) ?? null;
      if (!track || !this.#inCall) return false;
      this.#tracks.camera = track;
      if (!this.#tracks.screen) await this.#sendVideo(track);
    }
    if (!track) return false;
    track.enabled = on;
    this.#setMedia({ camera: on }, this.#tracks.screen ? undefined : this.#streamOf(track));
    return true;
  }

  /** Staff share a screen in place of the camera; the browser's own "Stop sharing" brings the camera back. */
  async shareScreen() {
    const display = await (this.options.displayMedia ?? (() => navigator.mediaDevices.getDisplayMedia({ video: true, audio: false })))();
    const [screen] = display.getVideoTracks();
    if (!screen) return;
    if (!this.#inCall) return screen.stop();
    screen.addEventListener('ended', () => void this.stopScreen(), { once: true });
    this.#tracks.screen?.stop();
    this.#tracks.screen = screen;
    await this.#sendVideo(screen);
    this.#setMedia({ screen: true }, this.#streamOf(screen));
  }

  async stopScreen() {
    const screen = this.#tracks.screen;
    if (!screen) return;
    this.#tracks.screen = null;
    screen.stop();
    await this.#sendVideo(this.#tracks.camera);
    this.#setMedia({ screen: false }, this.#streamOf(this.#tracks.camera));
  }

  #now = () => (this.options.now ?? Date.now)();

  /**
   * Asks for the ICE servers, then to join. A participant not yet let in gets no ICE servers (the
   * server hands TURN credentials to members only): they ask to join anyway, wait, and fetch them
   * once admitted, before the first peer (see #onRoster).
   */
  async #sendJoin() {
    const attempt = ++this.#attempt;
    try {
      this.#config = rtcConfiguration(await this.options.iceConfig());
    } catch (error) {
      const waitingForAdmission = error instanceof ApiError && error.code === 'not_admitted';
      if (!waitingForAdmission) {
        if (attempt === this.#attempt && this.#inCall) {
          this.#stop('refused', { code: 'ice_unavailable', message: 'The call could not be set up: Carebeam could not be reached. Check your connection and try again.' });
        }
        return;
      }
    }
    if (attempt !== this.#attempt || !this.#inCall) return;
    // Sent now if the channel is open; if not, its next "open" sends it (see #onStatus).
    this.options.live.send({ type: 'video.join', media: this.#state.media });
  }

  /** The ICE servers, fetched now if joining did not have them yet (a participant just let in). */
  async #ensureConfig(): Promise<boolean> {
    if (this.#config) return true;
    try {
      this.#config = rtcConfiguration(await this.options.iceConfig());
      return true;
    } catch {
      if (this.#inCall) this.#stop('refused', { code: 'ice_unavailable', message: 'The call could not be set up: Carebeam could not be reached. Check your connection and try again.' });
      return false;
    }
  }

  #onStatus = (status: LiveStatus) => {
    if (!this.#inCall) return;
    if (status === 'ended') return this.#stop('ended');
    this.#update({ reconnecting: status !== 'open' });
    if (status !== 'open') return;
    // To the server a new socket is a new member, and the others have dropped our old peers.
    this.#closePeers();
    const phase = this.#state.phase === 'waiting' || this.#state.phase === 'in_call' ? this.#state.phase : 'joining';
    this.#update({ phase, you: null, members: [], remotes: {} });
    void this.#sendJoin();
  };

  #onFrame = (frame: ServerFrame) => {
    switch (frame.type) {
      case 'video.lobby':
        return this.#update({ lobby: frame.waiting });
      case 'video.admission':
        return this.#onAdmission(frame.state);
      case 'video.roster':
        if (!this.#inCall) return;
        if (this.#config) return this.#onRoster(frame.you, frame.members);
        // Signals that come meanwhile wait in #early for their peer.
        return void this.#ensureConfig().then((ready) => ready && this.#inCall && this.#onRoster(frame.you, frame.members));
      case 'video.signal':
        return this.#inCall ? this.#onSignal(frame.from, frame.signal) : undefined;
      case 'video.ended':
        return this.#stop('ended');
      case 'video.screenshot':
        return this.#update({ screenshot: { label: frame.label, at: this.#now() } });
      case 'error':
        if (this.#inCall && REFUSALS.has(frame.code) && !(frame.code === 'not_admitted' && this.#state.phase === 'waiting')) {
          this.#stop('refused', { code: frame.code, message: frame.message });
        }
        return;
    }
  };

  #onAdmission(state: AdmissionState) {
    if (!this.#inCall) return;
    if (state === 'waiting') {
      this.#closePeers();
      this.#update({ phase: 'waiting', you: null, members: [], remotes: {} });
    } else if (state === 'admitted') {
      if (this.#state.phase === 'waiting') this.#update({ phase: 'joining' });
    } else {
      this.#stop(state);
    }
  }

  #onRoster(you: string, members: readonly CallMember[]) {
    for (const [clientId, peer] of this.#peers) {
      if (clientId !== you && members.some((m) => m.clientId === clientId)) continue;
      peer.close();
      this.#peers.delete(clientId);
    }
    for (const member of members) if (member.clientId !== you && !this.#peers.has(member.clientId)) this.#addPeer(member.clientId, you);
    const budget = sendBudget(this.#peers.size);
    for (const peer of this.#peers.values()) peer.setBudget(budget);
    for (const [clientId, held] of this.#early) if (this.#now() - held.at > EARLY_SIGNAL_MS) this.#early.delete(clientId);
    this.#update({ phase: 'in_call', you, members, joinedAt: this.#state.joinedAt ?? this.#now(), remotes: this.#remotes() });
    this.#monitor.start();
  }

  #addPeer(clientId: string, you: string) {
    if (!this.#config) return;
    const peer: Peer = new Peer({
      polite: you < clientId,
      config: this.#config,
      tracks: this.#outgoing(),
      createPeerConnection: this.options.createPeerConnection ?? ((config) => new RTCPeerConnection(config)),
      send: (signal) => this.options.live.send({ type: 'video.signal', to: clientId, signal }),
      onChange: () => this.#peers.get(clientId) === peer && this.#update({ remotes: this.#remotes() }),
      onBroken: () => this.#restartIce(clientId, peer),
    });
    this.#peers.set(clientId, peer);
    const early = this.#early.get(clientId);
    this.#early.delete(clientId);
    for (const signal of early?.signals ?? []) void peer.receive(signal);
  }

  /** A signal may overtake the roster that names its sender: it is kept for them a little while. */
  #onSignal(from: string, signal: Signal) {
    const peer = this.#peers.get(from);
    if (peer) return void peer.receive(signal);
    const held = this.#early.get(from) ?? { at: this.#now(), signals: [] };
    if (held.signals.length < 200) held.signals.push(signal);
    this.#early.set(from, held);
  }

  /** Over the still-open channel, with fresh TURN credentials if the old ones are about to expire. */
  #restartIce(clientId: string, peer: Peer) {
    this.options.iceConfig().then(
      (ice) => this.#peers.get(clientId) === peer && peer.restartIce(rtcConfiguration(ice)),
      (error: unknown) => {
        console.warn('video: no fresh ICE configuration for a restart', errorName(error));
        peer.restartIce();
      },
    );
  }

  /** The network came back (a new Wi-Fi, a tunnel left): the old candidate pairs may be gone. */
  #onNetworkBack = () => {
    for (const [clientId, peer] of this.#peers) this.#restartIce(clientId, peer);
  };

  #outgoing(): OutgoingTracks {
    return { audio: this.#tracks.microphone, video: this.#tracks.screen ?? this.#tracks.camera };
  }

  async #sendVideo(track: MediaStreamTrack | null) {
    await Promise.all([...this.#peers.values()].map((peer) => peer.setTrack('video', track)));
  }

  #setMedia(patch: Partial<MediaState>, preview?: MediaStream | null) {
    const media = { ...this.#state.media, ...patch };
    this.#update({ media, ...(preview !== undefined ? { preview } : {}) });
    if (this.#state.phase === 'in_call') this.options.live.send({ type: 'video.media', media });
  }

  /** One stream per track, kept, so a tile's `srcObject` changes only when the track does. */
  #streamOf(track: MediaStreamTrack | null): MediaStream | null {
    if (!track) return null;
    let stream = this.#streams.get(track);
    if (!stream) this.#streams.set(track, (stream = new MediaStream([track])));
    return stream;
  }

  #onReport = (report: MonitorReport) => {
    this.#report = report;
    this.#update({ remotes: this.#remotes(), speaking: this.#state.media.microphone && report.speaking[selfKey] === true });
  };

  #remotes(): Record<string, RemoteView> {
    const views: Record<string, RemoteView> = {};
    for (const [clientId, peer] of this.#peers) {
      views[clientId] = {
        stream: peer.stream,
        connection: peer.connection,
        quality: this.#report.quality[clientId] ?? null,
        speaking: this.#report.speaking[clientId] === true,
      };
    }
    return views;
  }

  #closePeers() {
    for (const peer of this.#peers.values()) peer.close();
    this.#peers.clear();
  }

  #stop(phase: CallPhase, refusal: CallState['refusal'] = null) {
    this.#inCall = false;
    this.#attempt++;
    this.#closePeers();
    this.#monitor.stop();
    this.#early.clear();
    for (const track of Object.values(this.#tracks)) track?.stop();
    this.#tracks = { microphone: null, camera: null, screen: null };
    this.#streams.clear();
    this.#update({ ...NO_CALL, phase, refusal });
  }

  #update(patch: Partial<CallState>) {
    this.#state = { ...this.#state, ...patch };
    for (const listener of this.#listeners) listener();
  }
}
