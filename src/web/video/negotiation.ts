import type { Signal } from '../../shared/video';

export interface NegotiationOptions {
  readonly polite: boolean;
  readonly send: (signal: Signal) => void;
  /** A step failed (logged; the connection-state watch restarts what broke). */
  readonly onError?: (error: unknown) => void;
  /** Runs after a remote offer is applied and before the answer is made: the moment to attach tracks to its transceivers. */
  readonly beforeAnswer?: () => Promise<void>;
}

/**
 * "Perfect negotiation" (W3C WebRTC §10.7, MDN) on one RTCPeerConnection: either side may offer at
 * any time (a track added, an ICE restart), and when both offer at once ("glare") the polite side
 * rolls its own offer back and answers, while the impolite side ignores the other's offer and
 * waits for the answer to its own. Which side is polite is the caller's rule (see CallEngine).
 *
 * Incoming signals are applied one at a time, in the order they came. Candidates that arrive
 * before the remote description are held and added right after it (`addIceCandidate` refuses
 * them before); candidates of an offer we ignored are dropped without complaint.
 */
export class Negotiation {
  #makingOffer = false;
  #ignoreOffer = false;
  #settingRemoteAnswer = false;
  #heldCandidates: RTCIceCandidateInit[] = [];
  #queue: Promise<void> = Promise.resolve();
  #closed = false;

  constructor(
    private readonly pc: RTCPeerConnection,
    private readonly options: NegotiationOptions,
  ) {
    pc.addEventListener('negotiationneeded', this.#offer);
    pc.addEventListener('icecandidate', this.#sendCandidate);
  }

  /** Applies a signal from the other side after those before it. */
  receive(signal: Signal): Promise<void> {
    this.#queue = this.#queue.then(() => this.#apply(signal)).catch((error: unknown) => {
      if (!this.#closed) this.options.onError?.(error);
    });
    return this.#queue;
  }

  close() {
    this.#closed = true;
    this.pc.removeEventListener('negotiationneeded', this.#offer);
    this.pc.removeEventListener('icecandidate', this.#sendCandidate);
  }

  #offer = async () => {
    try {
      this.#makingOffer = true;
      // Without a description the browser makes the offer that fits the state (ICE restart included).
      await this.pc.setLocalDescription();
      // An offer of theirs may have rolled ours back meanwhile: then there is nothing of ours to send.
      if (!this.#closed && this.pc.signalingState === 'have-local-offer') this.#sendDescription();
    } catch (error) {
      if (!this.#closed) this.options.onError?.(error);
    } finally {
      this.#makingOffer = false;
    }
  };

  #sendCandidate = (event: RTCPeerConnectionIceEvent) => {
    // The end-of-candidates marker (null) tells the other side nothing it needs.
    if (!event.candidate || this.#closed) return;
    const { candidate, sdpMid, sdpMLineIndex } = event.candidate;
    this.options.send({ candidate: { candidate, sdpMid, sdpMLineIndex } });
  };

  #sendDescription() {
    const description = this.pc.localDescription;
    if (description) this.options.send({ description: { type: description.type, sdp: description.sdp } });
  }

  async #apply(signal: Signal) {
    if (this.#closed) return;
    if ('description' in signal) await this.#applyDescription(signal.description as RTCSessionDescriptionInit);
    else if (signal.candidate) await this.#applyCandidate(signal.candidate);
  }

  async #applyDescription(description: RTCSessionDescriptionInit) {
    const pc = this.pc;
    const readyForOffer = !this.#makingOffer && (pc.signalingState === 'stable' || this.#settingRemoteAnswer);
    const collision = description.type === 'offer' && !readyForOffer;
    this.#ignoreOffer = !this.options.polite && collision;
    if (this.#ignoreOffer) return;
    // Polite side of a glare: drop our offer first. (Browsers also roll back implicitly inside
    // setRemoteDescription; doing it explicitly works on the older ones too.)
    if (collision && pc.signalingState === 'have-local-offer') await pc.setLocalDescription({ type: 'rollback' });
    this.#settingRemoteAnswer = description.type === 'answer';
    try {
      await pc.setRemoteDescription(description);
    } finally {
      this.#settingRemoteAnswer = false;
    }
    await this.#addHeldCandidates();
    if (description.type === 'offer') {
      await this.options.beforeAnswer?.();
      await pc.setLocalDescription();
      this.#sendDescription();
    }
  }

  async #applyCandidate(candidate: RTCIceCandidateInit) {
    if (!this.pc.remoteDescription) {
      this.#heldCandidates.push(candidate);
      return;
    }
    try {
      await this.pc.addIceCandidate(candidate);
    } catch (error) {
      if (!this.#ignoreOffer) throw error;
    }
  }

  async #addHeldCandidates() {
    const held = this.#heldCandidates;
    this.#heldCandidates = [];
    for (const candidate of held) {
      // One held from an offer that glare discarded may no longer fit: harmless, skip it.
      await this.pc.addIceCandidate(candidate).catch(() => undefined);
    }
  }
}
