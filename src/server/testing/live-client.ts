import WebSocket from 'ws';
import type { ServerFrame, StaffFrame } from '../../shared/live';

export interface LiveTestClient {
  socket: WebSocket;
  /** Every frame received, in order (a staff member's own channel sends StaffFrames). */
  frames: (ServerFrame | StaffFrame)[];
  /** Resolves when `check` holds over the frames received; rejects after `ms`. */
  until(check: (frames: (ServerFrame | StaffFrame)[]) => boolean, ms?: number): Promise<void>;
  /** Resolves with the first frame (already received or coming) that matches; rejects after `ms`. */
  next<T extends ServerFrame['type']>(type: T, match?: (frame: Extract<ServerFrame, { type: T }>) => boolean, ms?: number): Promise<Extract<ServerFrame, { type: T }>>;
  /** Chat messages received so far, in arrival order. */
  messages(): Extract<ServerFrame, { type: 'chat.message' }>['message'][];
  closed: Promise<{ code: number; reason: string }>;
  send(frame: unknown): void;
  close(): Promise<void>;
}

/** What a refused upgrade answered: its HTTP status and problem+json body. */
export interface RefusedUpgrade {
  status: number;
  body: string;
}

/**
 * Opens a real WebSocket to a listening test app, as a browser would (cookie, Origin). Resolves
 * once it is open, or with the HTTP answer when the upgrade is refused.
 */
export function openLive(url: string, options: { cookie?: string | undefined; origin?: string | undefined } = {}): Promise<LiveTestClient | RefusedUpgrade> {
  const headers: Record<string, string> = {};
  if (options.cookie) headers.cookie = options.cookie;
  const socket = new WebSocket(url, { headers, ...(options.origin !== undefined ? { origin: options.origin } : {}) });
  const frames: (ServerFrame | StaffFrame)[] = [];
  const waiters: (() => void)[] = [];
  socket.on('message', (data) => {
    frames.push(JSON.parse(data.toString()) as ServerFrame);
    for (const wake of waiters.splice(0)) wake();
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve) => socket.on('close', (code, reason) => resolve({ code, reason: reason.toString() })));
  return new Promise((resolve, reject) => {
    socket.on('unexpected-response', (_request, response) => {
      let body = '';
      response.on('data', (chunk: Buffer) => (body += chunk.toString()));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
    });
    socket.on('error', reject);
    socket.on('open', () => {
      resolve({
        socket,
        frames,
        closed,
        send: (frame) => socket.send(typeof frame === 'string' ? frame : JSON.stringify(frame)),
        messages: () => frames.flatMap((f) => (f.type === 'chat.message' ? [f.message] : [])),
        until(check, ms = 5000) {
          return new Promise((done, fail) => {
            const timer = setTimeout(() => fail(new Error(`not within ${ms} ms; got ${frames.map((f) => f.type).join(', ')}`)), ms);
            const test = () => {
              if (check(frames)) {
                clearTimeout(timer);
                done();
              } else waiters.push(test);
            };
            test();
          });
        },
        close: async () => {
          socket.close();
          await closed;
        },
        next(type, match = () => true, ms = 5000) {
          const find = () => frames.find((f) => f.type === type && match(f as never)) as never;
          return new Promise((done, fail) => {
            const timer = setTimeout(() => fail(new Error(`no ${type} frame within ${ms} ms; got ${frames.map((f) => f.type).join(', ')}`)), ms);
            const check = () => {
              const found = find();
              if (found) {
                clearTimeout(timer);
                done(found);
              } else waiters.push(check);
            };
            check();
          });
        },
      });
    });
  });
}

export const isRefused = (result: LiveTestClient | RefusedUpgrade): result is RefusedUpgrade => 'status' in result;
