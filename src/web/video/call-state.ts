import type { CallMember, MediaState, Waiting } from '../../shared/video';
import type { Quality } from './quality';

/** A call's state, apart from the engine: the participant's page shows it before the engine's code has downloaded. */

/**
 * `idle` before joining (or after leaving), `joining` until the first roster, `waiting` in the
 * waiting room, `in_call`; and how a call ends for this person: `denied`, `removed`, `ended` (by
 * the host, or access ended), `refused` (the server's error: call full, join closed…).
 */
export type CallPhase = 'idle' | 'joining' | 'waiting' | 'in_call' | 'denied' | 'removed' | 'ended' | 'refused';

export interface RemoteView {
  readonly stream: MediaStream;
  readonly connection: RTCPeerConnectionState;
  readonly quality: Quality | null;
  readonly speaking: boolean;
}

export interface CallState {
  readonly phase: CallPhase;
  /** This socket's client id in the call, from the latest roster. */
  readonly you: string | null;
  /** Everyone in the call, this socket included. */
  readonly members: readonly CallMember[];
  /** The other members' connections, by client id. */
  readonly remotes: Readonly<Record<string, RemoteView>>;
  readonly media: MediaState;
  /** What we send as video now (the camera or the shared screen), for our own tile. */
  readonly preview: MediaStream | null;
  readonly speaking: boolean;
  /** Joined with a microphone at all (without one, there is nothing to unmute). */
  readonly hasMicrophone: boolean;
  /** Who waits to be let in (to staff). */
  readonly lobby: readonly Waiting[];
  readonly refusal: { readonly code: string; readonly message: string } | null;
  /** Staff took a still of this participant's video. */
  readonly screenshot: { readonly label: string | null; readonly at: number } | null;
  readonly joinedAt: number | null;
  /** The live channel dropped: media may still flow; the call rejoins once it is back. */
  readonly reconnecting: boolean;
}

const OFF: MediaState = { camera: false, microphone: false, screen: false };
/** Not in a call: nobody, nothing sent. */
export const NO_CALL = { you: null, members: [], remotes: {}, preview: null, media: OFF, joinedAt: null, reconnecting: false, speaking: false, hasMicrophone: false } as const;
/** Before joining: also the state of a call whose engine is not loaded yet. */
export const IDLE_CALL: CallState = { phase: 'idle', lobby: [], refusal: null, screenshot: null, ...NO_CALL };
