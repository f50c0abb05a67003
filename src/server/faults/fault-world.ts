import { mkdtempSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, inject } from 'vitest';
import { type DatabaseHandle, openDatabase, PGLITE_EXTENSIONS } from '../db/connect';
import { adminQuery, databaseUrl } from '../testing/databases';
import { type SmtpCapture, startSmtpCapture } from '../testing/smtp-capture';
import { freePort, type ServerProcess, startServer } from './server-process';

/**
 * Where a spawned server keeps its data: a fresh embedded directory, or a fresh database on the
 * PostgreSQL server of TEST_DATABASE_URL when that is set (the suite runs on both). Either starts
 * as a copy of the test run's migrated database: a new embedded directory would cost an initdb and
 * every migration, many seconds on a loaded machine.
 */
export interface Store {
  /** What a server process needs to use it. */
  env: Record<string, string>;
  kind: 'pglite' | 'postgres';
  /** Opens it from the test itself (on PGlite only once no server process holds it). */
  open(): Promise<DatabaseHandle>;
  remove(): Promise<void>;
}

export async function freshStore(): Promise<Store> {
  const source = inject('testDatabase');
  if (source.kind === 'postgres') {
    const name = `carebeam_faults_${source.runId}_${randomBytes(4).toString('hex')}`;
    await adminQuery(source.serverUrl, `CREATE DATABASE ${name} TEMPLATE ${source.template}`);
    const url = databaseUrl(source.serverUrl, name);
    return {
      env: { DATABASE_URL: url },
      kind: 'postgres',
      open: () => openDatabase({ kind: 'postgres', url, poolSize: 2 }),
      remove: async () => void (await adminQuery(source.serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)),
    };
  }
  const root = mkdtempSync(join(tmpdir(), 'carebeam-faults-'));
  const dataDir = join(root, 'db');
  const pglite = new PGlite(dataDir, { loadDataDir: new Blob([await readFile(source.imagePath)]), extensions: PGLITE_EXTENSIONS });
  await pglite.close();
  return {
    env: { DATA_DIR: dataDir, FILES_DIR: join(root, 'files') },
    kind: 'pglite',
    open: () => openDatabase({ kind: 'pglite', dataDir }),
    remove: async () => rmSync(root, { recursive: true, force: true }),
  };
}

export interface FaultWorld {
  smtp: SmtpCapture;
  store: Store;
  /** A server process on a free port, on the store, sending mail to `smtp`; killed at the end if still running. */
  start(env?: Record<string, string>): Promise<ServerProcess>;
}

/** One SMTP capture and one fresh store for a test file, made before its tests and removed after them. */
export function useFaultWorld(): FaultWorld {
  let smtp: SmtpCapture | undefined;
  let store: Store | undefined;
  const servers: ServerProcess[] = [];
  beforeAll(async () => {
    smtp = await startSmtpCapture();
    store = await freshStore();
  });
  afterAll(async () => {
    for (const server of servers) server.child.kill('SIGKILL');
    await Promise.all(servers.map((server) => server.exited));
    await smtp?.close();
    await store?.remove();
  });
  const world: FaultWorld = {
    get smtp() {
      return smtp!;
    },
    get store() {
      return store!;
    },
    async start(env = {}) {
      const server = await startServer(await freePort(), { ...store!.env, SMTP_URL: smtp!.url, ...env });
      servers.push(server);
      return server;
    },
  };
  return world;
}

/** Bookings start at least this far ahead: clear of the restart's clock jump, and of when their reminders (24 h and 1 h before) fall due. */
const BOOK_FROM_MS = 2 * 24 * 60 * 60_000;

/**
 * A provider of the demo clinic, a service and free start times far enough apart to book them all,
 * from two days ahead. The first free times of all (minutes away at some hours) fell inside the
 * tests' 3-minute clock jump: a retried booking then started in the past (400 at 23:40 New York time).
 */
export async function demoBookingTargets(origin: string, cookie: string, count: number) {
  const get = async (path: string) => (await fetch(`${origin}${path}`, { headers: { cookie } })).json();
  const me = await get('/api/me');
  const services = (await get('/api/services')) as { id: string; durationMinutes: number; sessionTypeIds: string[] }[];
  const service = services.find((s) => s.sessionTypeIds.length > 0)!;
  const hostId = (me.user?.id ?? me.id) as string;
  const from = new Date(Date.now() + BOOK_FROM_MS).toISOString();
  const availability = await get(`/api/availability?hostId=${hostId}&serviceId=${service.id}&from=${from}`);
  const starts: string[] = [];
  let free = 0;
  for (const slot of availability.slots as { start: string; end: string }[]) {
    if (Date.parse(slot.start) < free) continue;
    starts.push(slot.start);
    free = Date.parse(slot.end);
    if (starts.length === count) break;
  }
  return { hostId, serviceId: service.id, sessionTypeId: service.sessionTypeIds[0]!, starts };
}

/**
 * The i-th booking of a stream, sent with an Idempotency-Key as a client that may retry does: at the
 * i-th free time, for a participant `<prefix>-<i>@example.test` who is invited by email.
 */
export function keyedBooking(targets: Awaited<ReturnType<typeof demoBookingTargets>>, cookie: string, prefix: string, i: number): RequestInit {
  return {
    method: 'POST',
    headers: { cookie, 'content-type': 'application/json', 'idempotency-key': `${prefix}-booking-${i}` },
    body: JSON.stringify({
      serviceId: targets.serviceId,
      sessionTypeId: targets.sessionTypeId,
      start: targets.starts[i],
      participants: [{ name: `Patient ${prefix} ${i}`, email: `${prefix}-${i}@example.test`, timeZone: 'UTC', invitationType: 'email' }],
    }),
  };
}
