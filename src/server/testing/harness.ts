import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Writable } from 'node:stream';
import type { Kysely } from 'kysely';
import { inject } from 'vitest';
import type { Role } from '../../shared/roles';
import { buildApp } from '../app';
import type { Config } from '../config';
import { testConfig } from './config';
import type { DatabaseKind } from '../db/connect';
import type { Database } from '../db/schema';
import { loggerOptions } from '../http/logging';
import type { App } from '../http/types';
import { type FileStore, localFileStore } from '../storage/file-store';
import { createTestClock, type TestClock } from './clock';
import { openTestDatabase } from './databases';
import { openDatabase } from '../db/connect';
import { createOrganization, createUser, TEST_PASSWORD, type TestUser } from './factories';

export interface ApiRequest {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  url: string;
  cookie?: string | undefined;
  body?: unknown;
  headers?: Record<string, string>;
  /** The caller's IP address (defaults to 127.0.0.1). */
  remoteAddress?: string;
}

export interface ApiResponse {
  status: number;
  headers: Record<string, string | string[] | number | undefined>;
  body: any;
  text: string;
  /** The body's bytes, for binary answers such as PDFs. */
  rawPayload: Buffer;
}

export interface SignedIn extends TestUser {
  cookie: string;
}

export interface TestApp {
  app: App;
  db: Kysely<Database>;
  kind: DatabaseKind;
  /** The database's URL on PostgreSQL (for tools such as pg_dump); undefined on PGlite. */
  databaseUrl: string | undefined;
  clock: TestClock;
  /** Where the app keeps uploaded files (for jobs a test runs beside it). */
  storage: FileStore;
  /** The directory of `storage` (FILES_DIR in the app's configuration). */
  filesDir: string;
  request(request: ApiRequest): Promise<ApiResponse>;
  /** Listens on a loopback port (for real sockets); returns its http:// and ws:// origins. */
  listen(): Promise<{ http: string; ws: string }>;
  /**
   * Another app instance on the same PostgreSQL database (several instances behind a load
   * balancer); undefined on PGlite, which is one process.
   */
  anotherInstance(): Promise<TestApp | undefined>;
  /** Opens a participant's page through a freshly copied join link; returns their cookie. */
  participantCookie(sessionId: string, participantId: string, staffCookie: string): Promise<string>;
  /** A new organization with one signed-in user of the given roles. */
  staff(roles: Role[], organizationId?: string): Promise<SignedIn>;
  signIn(email: string, password?: string): Promise<string>;
  /** Writes the queued audit events of reads (they are batched, at most a second late). */
  flushAudit(): Promise<void>;
  close(): Promise<void>;
}

/** Boots the real app on a fresh copy of the migrated database, with a pinned clock. */
export async function startTestApp(
  options: {
    config?: Partial<Config>;
    webRoot?: string;
    sharedDatabaseUrl?: string;
    clock?: TestClock;
    ehrTimeoutMs?: number;
    /** Receives every log line at info and above, as the app writes them in production. */
    logStream?: Writable;
  } = {},
): Promise<TestApp> {
  const database = options.sharedDatabaseUrl
    ? { ...(await openDatabase({ kind: 'postgres', url: options.sharedDatabaseUrl, poolSize: 5 })), url: options.sharedDatabaseUrl }
    : await openTestDatabase(inject('testDatabase'));
  const clock = options.clock ?? createTestClock();
  const filesDir = mkdtempSync(join(tmpdir(), 'carebeam-files-'));
  const storage = localFileStore(filesDir);
  const app = await buildApp({
    config: testConfig({ files: { kind: 'local', directory: filesDir }, ...options.config }),
    database,
    clock,
    storage,
    webRoot: options.webRoot ?? '/nonexistent',
    ...(options.logStream ? { logger: loggerOptions('info', options.logStream) } : {}),
    ...(options.ehrTimeoutMs ? { ehrTimeoutMs: options.ehrTimeoutMs } : {}),
  });
  await app.ready();

  async function request({ method = 'GET', url, cookie, body, headers = {}, remoteAddress }: ApiRequest): Promise<ApiResponse> {
    const response = await app.inject({
      method,
      url,
      headers: { ...(cookie ? { cookie } : {}), ...headers },
      ...(body !== undefined ? { payload: body as object } : {}),
      ...(remoteAddress ? { remoteAddress } : {}),
    });
    const text = response.body;
    // A compressed answer (the test asked for it) is left to the test to decode from rawPayload.
    const json = /json/.test(String(response.headers['content-type'])) && !response.headers['content-encoding'] && text.length > 0;
    return { status: response.statusCode, headers: response.headers, body: json ? JSON.parse(text) : text, text, rawPayload: response.rawPayload };
  }

  async function signIn(email: string, password = TEST_PASSWORD): Promise<string> {
    const response = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password } });
    if (response.statusCode !== 200) throw new Error(`sign-in failed (${response.statusCode}): ${response.body}`);
    const cookie = response.cookies.find((c) => c.name === 'carebeam_session');
    if (!cookie) throw new Error('sign-in set no cookie');
    return `${cookie.name}=${cookie.value}`;
  }

  async function staff(roles: Role[], organizationId?: string): Promise<SignedIn> {
    const orgId = organizationId ?? (await createOrganization(database.db)).id;
    const user = await createUser(database.db, orgId, { roles });
    return { ...user, cookie: await signIn(user.email) };
  }

  async function participantCookie(sessionId: string, participantId: string, staffCookie: string): Promise<string> {
    const link = await request({ method: 'POST', url: `/api/sessions/${sessionId}/participants/${participantId}/link`, cookie: staffCookie });
    if (link.status !== 200) throw new Error(`copy link failed (${link.status}): ${link.text}`);
    const exchange = await request({ method: 'POST', url: '/api/portal/exchange', body: { token: /\/join\/(.+)$/.exec(link.body.url)![1] } });
    if (exchange.status !== 200) throw new Error(`exchange failed (${exchange.status}): ${exchange.text}`);
    return String(exchange.headers['set-cookie']).split(';')[0]!;
  }

  async function listen() {
    const address = await app.listen({ port: 0, host: '127.0.0.1' });
    return { http: address, ws: address.replace(/^http/, 'ws') };
  }

  return {
    app,
    db: database.db,
    kind: database.kind,
    databaseUrl: database.url,
    clock,
    storage,
    filesDir,
    request,
    staff,
    signIn,
    listen,
    participantCookie,
    flushAudit: () => app.auditBatcher.flush(),
    anotherInstance: async () => (database.url ? startTestApp({ ...options, sharedDatabaseUrl: database.url, clock }) : undefined),
    close: async () => {
      await app.close();
      await database.close();
      rmSync(filesDir, { recursive: true, force: true });
    },
  };
}
