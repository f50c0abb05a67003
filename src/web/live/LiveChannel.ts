import type { ClientFrame } from '../../shared/live';
import { CLOSE } from '../../shared/live-codes';

/**
 * `connecting` the first time, `open`, `reconnecting` after a lost connection until open again,
 * `ended` when the server ended this person's access (never reopened), `closed` by us.
 */
export type LiveStatus = 'connecting' | 'open' | 'reconnecting' | 'ended' | 'closed';

export interface LiveChannelOptions<Frame> {
  /** A path on this origin, e.g. `/api/portal/live`; the browser sends the cookies. */
  readonly path: string;
  /** The frame if the parsed JSON is one this channel carries, else null (dropped). */
  readonly read: (value: unknown) => Frame | null;
  /** Sent right after every open, the first and each reconnect (the hello with the last seq held). */
  readonly greeting?: () => ClientFrame | undefined;
  /** 0 ≤ random() < 1; spreads the reconnect delays so clients cut off together do not return together. */
  readonly random?: () => number;
}

const RECONNECT_BASE_MS = 500;
export const RECONNECT_CAP_MS = 15_000;

/** Exponential backoff with jitter: the first retry after 250–500 ms, doubling to 7.5–15 s at most. */
export function reconnectDelay(attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(RECONNECT_CAP_MS, RECONNECT_BASE_MS * 2 ** attempt);
  return ceiling / 2 + random() * (ceiling / 2);
}

export const liveUrl = (path: string) => `${window.location.protocol === 'https:' ? 'wss:' : 'ws:'}//${window.location.host}${path}`;

type Listener<T> = (value: T) => void;

/**
 * One WebSocket to a live channel that comes back by itself. It reads each frame with `read` and
 * drops what does not match. Chat writes go over HTTP; what it sends is the hello and
 * the call's frames (join, leave, media, signals), which only mean something while connected.
 */
export class LiveChannel<Frame> {
  #socket: WebSocket | null = null;
  #status: LiveStatus = 'closed';
  #attempt = 0;
  #retryTimer: ReturnType<typeof setTimeout> | undefined;
  readonly #frameListeners = new Set<Listener<Frame>>();
  readonly #statusListeners = new Set<Listener<LiveStatus>>();

  constructor(private readonly options: LiveChannelOptions<Frame>) {}

  get status(): LiveStatus {
    return this.#status;
  }

  onFrame(listener: Listener<Frame>): () => void {
    this.#frameListeners.add(listener);
    return () => this.#frameListeners.delete(listener);
  }

  onStatus(listener: Listener<LiveStatus>): () => void {
    this.#statusListeners.add(listener);
    return () => this.#statusListeners.delete(listener);
  }

  connect() {
    if (this.#socket || this.#status === 'ended') return;
    window.addEventListener('online', this.#reconnectNow);
    this.#open('connecting');
  }

  close() {
    this.#stop();
    this.#setStatus('closed');
  }

  /** Sends a frame if the socket is open; false when it is not (nothing is queued: see the call's rejoin). */
  send(frame: ClientFrame): boolean {
    if (this.#status !== 'open' || this.#socket?.readyState !== WebSocket.OPEN) return false;
    this.#socket.send(JSON.stringify(frame));
    return true;
  }

  #open(status: 'connecting' | 'reconnecting') {
    const socket = new WebSocket(liveUrl(this.options.path));
    this.#socket = socket;
    this.#setStatus(status);
    socket.onopen = () => {
      // The hello goes first: whoever hears "open" may send right away (the call rejoins then).
      const greeting = this.options.greeting?.();
      if (greeting) socket.send(JSON.stringify(greeting));
      this.#setStatus('open');
    };
    socket.onmessage = (event: MessageEvent) => {
      const frame = this.#parse(event.data);
      if (!frame) return;
      // A frame means the server took us in: the next loss starts the backoff over.
      this.#attempt = 0;
      for (const listener of this.#frameListeners) listener(frame);
    };
    // An error is always followed by a close, which decides what happens next.
    socket.onclose = (event: CloseEvent) => {
      if (this.#socket !== socket) return;
      this.#socket = null;
      if (event.code === CLOSE.accessEnded) {
        this.#stop();
        this.#setStatus('ended');
        return;
      }
      this.#setStatus('reconnecting');
      this.#retryTimer = setTimeout(() => {
        this.#retryTimer = undefined;
        this.#open('reconnecting');
      }, reconnectDelay(this.#attempt++, this.options.random));
    };
  }

  /** Back online after the device lost its network: no reason to wait out the backoff. */
  #reconnectNow = () => {
    if (this.#retryTimer === undefined || this.#socket) return;
    clearTimeout(this.#retryTimer);
    this.#retryTimer = undefined;
    this.#open('reconnecting');
  };

  #parse(data: unknown): Frame | null {
    if (typeof data !== 'string') return null;
    try {
      return this.options.read(JSON.parse(data));
    } catch {
      return null;
    }
  }

  #stop() {
    clearTimeout(this.#retryTimer);
    this.#retryTimer = undefined;
    window.removeEventListener('online', this.#reconnectNow);
    const socket = this.#socket;
    this.#socket = null;
    if (socket && socket.readyState !== WebSocket.CLOSED) socket.close(CLOSE.normal);
  }

  #setStatus(status: LiveStatus) {
    if (status === this.#status) return;
    this.#status = status;
    for (const listener of this.#statusListeners) listener(status);
  }
}
