import type { WebSocket } from 'ws';
import { CLOSE, clientFrameSchema, type ClientFrame, MAX_FRAMES_PER_SECOND } from '../../../shared/live';

/** A flood this many times over the limit within one second closes the socket (1008). */
const FLOOD_FACTOR = 5;

export interface SocketHandlers {
  frame(frame: ClientFrame): void;
  /** A frame we cannot take: told to the client, never thrown. */
  refused(code: string, message: string): void;
  closed(): void;
}

/**
 * Reads one WebSocket's frames: JSON with a known `type`, at most MAX_FRAMES_PER_SECOND a second
 * (beyond that an error frame; FLOOD_FACTOR times beyond, a 1008 close). Size is ws's `maxPayload`
 * (a bigger frame closes with 1009 before it reaches us).
 */
export function readFrames(socket: WebSocket, handlers: SocketHandlers): void {
  let windowStart = Date.now();
  let count = 0;
  socket.on('message', (data, isBinary) => {
    const now = Date.now();
    if (now - windowStart >= 1000) {
      windowStart = now;
      count = 0;
    }
    count += 1;
    if (count > MAX_FRAMES_PER_SECOND * FLOOD_FACTOR) return socket.close(CLOSE.policy, 'Too many frames');
    if (count > MAX_FRAMES_PER_SECOND) return handlers.refused('rate_limited', `At most ${MAX_FRAMES_PER_SECOND} frames a second`);
    if (isBinary) return handlers.refused('malformed_frame', 'Frames are JSON text');
    let json: unknown;
    try {
      json = JSON.parse(data.toString());
    } catch {
      return handlers.refused('malformed_frame', 'Frames are JSON text');
    }
    const parsed = clientFrameSchema.safeParse(json);
    if (!parsed.success) return handlers.refused('unknown_frame', 'This frame has an unknown type or bad fields');
    handlers.frame(parsed.data);
  });
  socket.on('close', handlers.closed);
  // A socket error (a reset connection) ends in 'close'; without a listener it would throw.
  socket.on('error', () => undefined);
}

/** Sends JSON while the socket is open; frames for a closing socket are dropped. */
export function sendJson(socket: WebSocket, frame: unknown): void {
  if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(frame));
}
