import type { Signal } from '../../shared/video';
import { Negotiation } from './negotiation';
import type { SendBudget } from './send-budget';

/**
 * How long a connection may stay `failed` or `disconnected` (a brief blip recovers by itself)
 * before this side restarts its ICE. Both sides usually see the same trouble: the impolite side
 * acts first, the polite side only if that did not help, so that they rarely offer at once. Such
 * a glare is handled, but Chromium 14x survives it badly: after rolling back, the polite side's
 * remote video kept decoding yet no longer reached its `<video>`.
 */
export const RESTART_AFTER_MS = {
  impolite: { failed: 0, disconnected: 4000 },
  polite: { failed: 6000, disconnected: 10_000 },
} as const;
/** A restart that did not help is tried again after this long. */
export const RESTART_AGAIN_MS = 10_000;

export type TrackKind = 'audio' | 'video';
export type OutgoingTracks = Readonly<Record<TrackKind, MediaStreamTrack | null>>;

export interface PeerOptions {
  readonly polite: boolean;
  readonly config: RTCConfiguration;
  /** What we send now: the microphone, and the camera or the shared screen (or none). */
  readonly tracks: OutgoingTracks;
  readonly createPeerConnection: (config: RTCConfiguration) => RTCPeerConnection;
  readonly send: (signal: Signal) => void;
  /** A remote track arrived or the connection state changed. */
  readonly onChange: () => void;
  /** The connection failed, or stayed disconnected past the grace time: restart its ICE. */
  readonly onBroken: () => void;
}

/**
 * The connection to one other member of the call. It carries exactly one audio and one video
 * transceiver each way, created by the impolite side (which offers first) and taken over by the
 * polite side when that offer arrives, so the first negotiation never collides. Changing what we
 * send (camera off and on, screen share and back) swaps the sender's track without renegotiating.
 */
export class Peer {
  readonly pc: RTCPeerConnection;
  /** What the other member sends us; their tile plays it. */
  readonly stream: MediaStream;
  readonly #negotiation: Negotiation;
  readonly #senders = new Map<TrackKind, RTCRtpSender>();
  #tracks: OutgoingTracks;
  /** What our video to this member may cost, given the size of the call (set by the call). */
  #budget: SendBudget | null = null;
  #restartTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly options: PeerOptions) {
    this.#tracks = options.tracks;
    this.stream = new MediaStream();
    const pc = (this.pc = options.createPeerConnection(options.config));
    pc.addEventListener('track', this.#onTrack);
    pc.addEventListener('connectionstatechange', this.#onState);
    this.#negotiation = new Negotiation(pc, {
      polite: options.polite,
      send: options.send,
      onError: (error) => console.warn('video: a negotiation step failed', errorName(error)),
      beforeAnswer: () => this.#adoptTransceivers(),
    });
    if (!options.polite) {
      for (const kind of ['audio', 'video'] as const) {
        this.#senders.set(kind, pc.addTransceiver(this.#tracks[kind] ?? kind, { direction: 'sendrecv' }).sender);
      }
    }
  }

  get connection(): RTCPeerConnectionState {
    return this.pc.connectionState;
  }

  receive(signal: Signal): Promise<void> {
    return this.#negotiation.receive(signal);
  }

  /** Sends this track (or nothing) from now on, on the same transceiver. */
  async setTrack(kind: TrackKind, track: MediaStreamTrack | null) {
    this.#tracks = { ...this.#tracks, [kind]: track };
    await this.#senders.get(kind)?.replaceTrack(track);
  }

  /** Caps our video to this member; applied now if the connection has negotiated, else once it has. */
  setBudget(budget: SendBudget) {
    this.#budget = budget;
    void this.#applyBudget();
  }

  /** A new ICE round over the still-open signalling, with fresh TURN credentials when given. */
  restartIce(config?: RTCConfiguration) {
    if (this.pc.connectionState === 'closed') return;
    if (config) this.pc.setConfiguration(config);
    this.pc.restartIce();
  }

  close() {
    clearTimeout(this.#restartTimer);
    this.#negotiation.close();
    this.pc.removeEventListener('track', this.#onTrack);
    this.pc.removeEventListener('connectionstatechange', this.#onState);
    this.pc.close();
  }

  /**
   * Polite side, with the first offer applied and before answering it: send our tracks on the
   * transceivers that offer created, so the answer already carries them both ways.
   */
  async #adoptTransceivers() {
    if (this.#senders.size === 2) return;
    for (const transceiver of this.pc.getTransceivers()) {
      const kind = transceiver.receiver.track.kind as TrackKind;
      if (this.#senders.has(kind) || transceiver.direction === 'stopped') continue;
      this.#senders.set(kind, transceiver.sender);
      transceiver.direction = 'sendrecv';
      await transceiver.sender.replaceTrack(this.#tracks[kind]);
    }
  }

  #onTrack = (event: RTCTrackEvent) => {
    if (!this.stream.getTracks().includes(event.track)) this.stream.addTrack(event.track);
    this.options.onChange();
  };

  #onState = () => {
    clearTimeout(this.#restartTimer);
    const state = this.pc.connectionState;
    if (state === 'connected') void this.#applyBudget();
    if (state === 'failed' || state === 'disconnected') this.#restartAfter(RESTART_AFTER_MS[this.options.polite ? 'polite' : 'impolite'][state]);
    this.options.onChange();
  };

  async #applyBudget() {
    const sender = this.#senders.get('video');
    if (!sender || !this.#budget || this.pc.connectionState === 'closed') return;
    const parameters = sender.getParameters();
    // No encodings before the first negotiation: the 'connected' state applies it then.
    const encoding = parameters.encodings?.[0];
    if (!encoding) return;
    const { maxBitrate, scaleResolutionDownBy, maxFramerate } = this.#budget;
    if (encoding.maxBitrate === maxBitrate && encoding.scaleResolutionDownBy === scaleResolutionDownBy && encoding.maxFramerate === maxFramerate) return;
    Object.assign(encoding, { maxBitrate, scaleResolutionDownBy, maxFramerate });
    await sender.setParameters(parameters).catch((error: unknown) => console.warn('video: the send budget was refused', errorName(error)));
  }

  #restartAfter(ms: number) {
    this.#restartTimer = setTimeout(() => {
      const state = this.pc.connectionState;
      if (state !== 'failed' && state !== 'disconnected') return;
      this.options.onBroken();
      this.#restartAfter(RESTART_AGAIN_MS);
    }, ms);
  }
}

/** The kind of error only: messages may carry SDP or addresses, which stay out of the console. */
export const errorName = (error: unknown) => (error instanceof Error ? error.name : typeof error);
