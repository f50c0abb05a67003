import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { type WebSocket, WebSocketServer } from 'ws';
import { type BenchApp, benchPostgres, demoSessions, startBenchApp } from './lib/bench-app';
import { fanoutFromWorker, type FanoutRun, type FanoutSession } from './lib/fanout-load';
import type { Figure } from './lib/report';
import { sized } from './lib/profile';

const SESSIONS = 10;
/** Each session's participants; their pages (tabs) share the session's sockets with two of the host's. */
const PARTICIPANTS = 10;
const STAFF_TABS = 2;
/** Messages a second to each session: a busy group chat. */
const PER_SECOND = 3;
/** The sizes are 200 and 500 clients for 30 s (`--long`); quick 200 for 10 s; CI (`--smoke`) 50 for 2 s. */
const PROFILE = sized({ sizes: [200], durationMs: 10_000 }, { sizes: [200, 500], durationMs: 30_000 }, { sizes: [50], durationMs: 2_000 });
const WARMUP_MS = 2_000;
/** How long without any delivery, after the last send, before a missing one counts as lost. */
const DRAIN_MS = 10_000;
const POSTGRES_DATABASE = 'carebeam_bench_chat';

const wsOf = (address: string) => address.replace(/^http/, 'ws');

/**
 * Ten new sessions of the demo provider, `size` sockets over them: per session two tabs of the
 * host (staff channel) and the rest the participants' pages, round-robin over their ten portal
 * cookies; socket i of a session goes to instance i mod n, and session s sends through instance s mod n.
 */
async function appSessions(instances: BenchApp[], size: number, skipHours: number): Promise<FanoutSession[]> {
  const first = instances[0]!;
  const admin = await first.signIn('admin@demo.carebeam.test');
  const host = await first.signIn('provider@demo.carebeam.test');
  const sessions = await demoSessions(first, admin, { count: SESSIONS, participants: PARTICIPANTS, skipHours });
  const instance = (i: number) => instances[i % instances.length]!;
  const result: FanoutSession[] = [];
  for (const [s, session] of sessions.entries()) {
    const cookies: string[] = [];
    for (const id of session.participantIds) cookies.push(await first.participantCookie(session.id, id, host));
    const clients = Array.from({ length: size / SESSIONS }, (_, c) =>
      c < STAFF_TABS
        ? { url: `${wsOf(instance(c).address)}/api/sessions/${session.id}/live`, cookie: host }
        : { url: `${wsOf(instance(c).address)}/api/portal/live`, cookie: cookies[(c - STAFF_TABS) % PARTICIPANTS]! },
    );
    result.push({ clients, send: { url: `${instance(s).address}/api/sessions/${session.id}/messages`, cookie: host } });
  }
  return result;
}

/** The floor: a bare `ws` server in this process that sends each frame it gets to the other sockets of its path (the session). */
async function broadcastServer() {
  const server = new WebSocketServer({ port: 0, host: '127.0.0.1' });
  await once(server, 'listening');
  const rooms = new Map<string, Set<WebSocket>>();
  server.on('connection', (socket, request) => {
    const room = rooms.get(request.url!) ?? new Set();
    rooms.set(request.url!, room.add(socket));
    socket.on('message', (data, isBinary) => {
      for (const other of room) if (other !== socket) other.send(data, { binary: isBinary });
    });
    socket.on('close', () => room.delete(socket));
  });
  return {
    url: `ws://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function figuresOf(label: string, run: FanoutRun, floor: FanoutRun): Figure[] {
  const floorName = 'bare ws broadcast';
  const ms = (name: string, key: 'p50' | 'p95' | 'p99', target?: string): Figure => ({
    name: `${label}: ${name}`,
    value: run[key],
    unit: 'ms',
    floor: floor[key],
    floorName,
    higherIsBetter: false,
    ...(target ? { target } : {}),
  });
  return [
    { name: `${label}: deliveries/s`, value: run.deliveriesPerSecond, unit: 'deliveries/s', floor: floor.deliveriesPerSecond, floorName, higherIsBetter: true, target: '≥ 0.6×' },
    ms('p50 send → recipient', 'p50'),
    ms('p95 send → recipient', 'p95', '≤ 2×'),
    ms('p99 send → recipient', 'p99'),
  ];
}

/**
 * Chat fan-out: 200 (and with `--long` 500) sockets over 10 sessions, each session sent
 * PER_SECOND messages a second by its host (`POST /api/sessions/:id/messages`); latency from each
 * send to each socket of the session, and deliveries a second, beside a bare `ws` broadcast of the
 * same frames to the same sockets at the same rate. On the in-memory PGlite, and with
 * BENCH_DATABASE_URL (a PostgreSQL server) through two instances on one database of their own,
 * the sockets split between them. Every message must reach every socket of its session once:
 * a lost or doubled one fails the run (after the figures are printed).
 */
export async function benchChatFanout(): Promise<Figure[]> {
  const profile = PROFILE;
  const load = { perSecond: PER_SECOND, warmupMs: WARMUP_MS, durationMs: profile.durationMs, drainMs: DRAIN_MS };
  const postgresUrl = process.env.BENCH_DATABASE_URL;
  const figures: Figure[] = [];
  const problems: string[] = [];
  const report = (label: string, run: FanoutRun) => {
    const answers = run.answerP50 === null ? '' : `, POST answered in p50 ${run.answerP50.toFixed(1)} ms / p95 ${run.answerP95!.toFixed(1)} ms`;
    process.stdout.write(`  ${label}: ${run.messages} messages, ${run.deliveries} measured deliveries, ${run.lost} lost, ${run.duplicates} duplicated, ${run.failureCount} failures${answers}\n`);
    if (run.lost > 0 || run.duplicates > 0 || run.failureCount > 0) problems.push(`${label}: ${run.lost} lost, ${run.duplicates} duplicated, ${run.failureCount} failures ${run.failures.join('; ')}`);
  };
  if (!postgresUrl) process.stdout.write('  (two instances on PostgreSQL skipped: set BENCH_DATABASE_URL, e.g. postgres://postgres@127.0.0.1:5432/postgres)\n');

  const floorServer = await broadcastServer();
  // Errors of the live channel (a failed event) are logged: a lost message should say why.
  const app = await startBenchApp({ logLevel: 'error' });
  const postgres = postgresUrl ? await benchPostgres(postgresUrl, POSTGRES_DATABASE) : null;
  const instances = postgres ? [await postgres.start({ logLevel: 'error' }), await postgres.start({ logLevel: 'error' })] : [];
  try {
    for (const [i, size] of profile.sizes.entries()) {
      const floorSessions = Array.from({ length: SESSIONS }, (_, s) => ({
        clients: Array.from({ length: size / SESSIONS }, () => ({ url: `${floorServer.url}/s/${s}` })),
        send: { url: `${floorServer.url}/s/${s}` },
      }));
      const floor = await fanoutFromWorker({ app: false, sessions: floorSessions, ...load });
      report(`${size} clients, bare ws`, floor);

      const label = `chat fan-out, ${size} clients`;
      const run = await fanoutFromWorker({ app: true, sessions: await appSessions([app], size, i * SESSIONS), ...load });
      report(`${label} (PGlite)`, run);
      figures.push(...figuresOf(`${label} (PGlite)`, run, floor));

      if (instances.length > 0) {
        const twoRun = await fanoutFromWorker({ app: true, sessions: await appSessions(instances, size, i * SESSIONS), ...load });
        report(`${label} (2 instances, PostgreSQL)`, twoRun);
        figures.push(...figuresOf(`${label} (2 instances, PostgreSQL)`, twoRun, floor));
      }
    }
  } finally {
    for (const instance of instances) await instance.close();
    await postgres?.drop();
    await app.close();
    await floorServer.close();
  }
  if (problems.length > 0) throw new Error(`chat fan-out: messages lost or doubled, or sends failed:\n${problems.join('\n')}`);
  return figures;
}
