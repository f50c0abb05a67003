import { Worker } from 'node:worker_threads';

/**
 * The fan-out load, plain JavaScript run in a worker thread (off the server's event loop): opens
 * every session's sockets, then sends each session a message at a steady rate and times each one
 * from its send to each socket of the session; send and receive happen here, on one clock.
 *
 * Both the app and the floor send the same frames to the sockets: `{ type: 'chat.message',
 * message: { body: 'bench message <n>', … } }`. The app's sockets say `hello` first and count as
 * connected once the chat answered it (`chat.unread`); a floor socket once it is open.
 */
const LOADER = `
const { parentPort, workerData } = require('node:worker_threads');
const http = require('node:http');
const { randomUUID } = require('node:crypto');
const WebSocket = require('ws');
const { app, sessions, perSecond, warmupMs, durationMs, drainMs } = workerData;
const PREFIX = 'bench message ';
const agent = new http.Agent({ keepAlive: true, maxSockets: 4 * sessions.length });
const messages = [];
const sockets = [];
const failures = [];
let firstMeasuredSend = Infinity;
let lastMeasuredReceive = 0;
let duplicates = 0;
let lastReceive = 0;
const latencies = [];

function open(url, cookie, onFrame) {
  return new Promise((resolve, reject) => {
    // A browser's Origin: the page's own site (each instance checks it is its own).
    const socket = new WebSocket(url, { origin: 'http://' + new URL(url).host, headers: cookie ? { cookie } : {} });
    sockets.push(socket);
    socket.on('error', reject);
    socket.on('unexpected-response', (_request, response) => reject(new Error('upgrade refused: ' + response.statusCode)));
    socket.on('close', (code) => code !== 1000 && code !== 1005 && failures.push('socket closed ' + code));
    socket.on('message', (data) => {
      const now = performance.now();
      const frame = JSON.parse(data.toString());
      if (!app) return onFrame(frame, now);
      if (frame.type === 'ready') socket.send(JSON.stringify({ type: 'hello', after: 0 }));
      else if (frame.type === 'chat.unread') resolve(socket);
      else if (frame.type === 'error') failures.push('error frame ' + frame.code);
      onFrame(frame, now);
    });
    if (!app) socket.on('open', () => resolve(socket));
  });
}

/** Opens the sockets a few at a time (as pages would come and go, not 500 at once). */
async function openAll(list, concurrency) {
  let next = 0;
  async function loop() {
    while (next < list.length) await list[next++]();
  }
  await Promise.all(Array.from({ length: concurrency }, loop));
}

let unanswered = 0;
const answerTimes = [];
function post(send, body) {
  unanswered += 1;
  const sentAt = performance.now();
  const target = new URL(send.url);
  const request = http.request(
    { agent, host: target.hostname, port: target.port, path: target.pathname, method: 'POST', headers: { cookie: send.cookie, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } },
    (response) => {
      const chunks = [];
      response.on('data', (chunk) => chunks.push(chunk));
      response.on('end', () => {
        unanswered -= 1;
        answerTimes.push(performance.now() - sentAt);
        if (response.statusCode !== 201) failures.push(response.statusCode + ' ' + Buffer.concat(chunks).toString().slice(0, 200));
      });
    },
  );
  request.on('error', (error) => {
    unanswered -= 1;
    failures.push(String(error));
  });
  request.end(body);
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

(async () => {
  const opening = [];
  const senders = [];
  sessions.forEach((session, s) => {
    session.clients.forEach((client, c) => {
      opening.push(() =>
        open(client.url, client.cookie, (frame, now) => {
          if (frame.type !== 'chat.message' || !frame.message.body.startsWith(PREFIX)) return;
          const message = messages[Number(frame.message.body.slice(PREFIX.length))];
          if (!message || message.session !== s) return failures.push('unexpected message ' + frame.message.body);
          lastReceive = now;
          if (message.counts[c]++ > 0) return (duplicates += 1);
          if (!message.measured) return;
          latencies.push(now - message.sentAt);
          lastMeasuredReceive = Math.max(lastMeasuredReceive, now);
        }),
      );
    });
    if (!app) opening.push(async () => (senders[s] = await open(session.send.url, undefined, () => undefined)));
  });
  await openAll(opening, 8);

  function send(s, measured) {
    const session = sessions[s];
    const n = messages.length;
    const body = PREFIX + n;
    const clientMessageId = 'bench-' + randomUUID();
    messages.push({ session: s, sentAt: performance.now(), counts: new Uint16Array(session.clients.length), measured });
    if (measured) firstMeasuredSend = Math.min(firstMeasuredSend, messages[n].sentAt);
    if (app) return post(session.send, JSON.stringify({ body, clientMessageId }));
    const message = { id: randomUUID(), seq: n + 1, body, sender: { kind: 'staff', id: randomUUID(), name: 'Bench Provider' }, to: null, attachments: [], clientMessageId, createdAt: new Date().toISOString() };
    senders[s].send(JSON.stringify({ type: 'chat.message', message }));
  }

  // Each session every 1/perSecond s, the sessions spread evenly within that interval.
  const interval = 1000 / perSecond;
  const ticks = Math.round(((warmupMs + durationMs) / 1000) * perSecond);
  const warmupTicks = Math.round((warmupMs / 1000) * perSecond);
  const start = performance.now();
  for (let tick = 0; tick < ticks; tick++) {
    for (let s = 0; s < sessions.length; s++) {
      const due = start + tick * interval + (s * interval) / sessions.length;
      const wait = due - performance.now();
      if (wait > 1) await sleep(wait);
      send(s, tick >= warmupTicks);
    }
  }
  const lastSend = performance.now();
  const complete = () => messages.every((m) => m.counts.every((count) => count > 0));
  // A server behind is waited for while it still delivers: lost is what never came in drainMs of silence.
  while (!complete() && performance.now() - Math.max(lastSend, lastReceive) < drainMs) await sleep(20);
  // Late duplicates would arrive right behind the last message.
  await sleep(200);

  // A send still unanswered is a stalled server, not a lost message: said apart.
  if (unanswered > 0) failures.push(unanswered + ' sends unanswered');
  let lost = 0;
  for (const message of messages) for (const count of message.counts) if (count === 0) lost += 1;
  const percentile = (values, p) => values.sort((a, b) => a - b)[Math.min(values.length - 1, Math.ceil((p / 100) * values.length) - 1)];
  const at = (p) => percentile(latencies, p);
  for (const socket of sockets) socket.close(1000);
  agent.destroy();
  parentPort.postMessage({
    messages: messages.length,
    deliveries: latencies.length,
    deliveriesPerSecond: (latencies.length / (lastMeasuredReceive - firstMeasuredSend)) * 1000,
    p50: at(50),
    p95: at(95),
    p99: at(99),
    answerP50: app ? percentile(answerTimes, 50) : null,
    answerP95: app ? percentile(answerTimes, 95) : null,
    lost,
    duplicates,
    failures: failures.slice(0, 5),
    failureCount: failures.length,
  });
})().catch((error) => {
  for (const socket of sockets) socket.terminate();
  parentPort.postMessage({ error: String(error && error.stack || error) });
});
`;

export interface FanoutSession {
  /** Every socket of the session (staff's and participants'), each with its cookie for the app. */
  clients: { url: string; cookie?: string }[];
  /** App: `POST /api/sessions/:id/messages` as staff. Floor: a socket whose frames the server broadcasts. */
  send: { url: string; cookie?: string };
}

export interface FanoutRun {
  messages: number;
  /** Measured deliveries (after the warm-up): one per message and socket of its session. */
  deliveries: number;
  deliveriesPerSecond: number;
  p50: number;
  p95: number;
  p99: number;
  /** App: the time from a send to its answer (201), which the latency above includes. */
  answerP50: number | null;
  answerP95: number | null;
  /** Over every message sent, warm-up included: a socket that never got it, or got it again. */
  lost: number;
  duplicates: number;
  failures: string[];
  failureCount: number;
}

/** Runs the fan-out load from a worker thread; `app` says the sockets speak the live channel. */
export function fanoutFromWorker(options: {
  app: boolean;
  sessions: FanoutSession[];
  perSecond: number;
  warmupMs: number;
  durationMs: number;
  drainMs: number;
}): Promise<FanoutRun> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(LOADER, { eval: true, workerData: options, execArgv: [] });
    worker.once('message', (result: FanoutRun | { error: string }) => ('error' in result ? reject(new Error(result.error)) : resolve(result)));
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`fan-out worker exited with ${code}`));
    });
  });
}
