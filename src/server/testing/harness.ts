import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import { inject } from 'vitest';
import type { Role } from '../../shared/roles';
import { buildApp } from '../app';
import type { Config } from '../config';
import { testConfig } from './config';
import type { DatabaseKind } from '../db/connect';
import type { Database } from '../db/schema';
import type { App } from '../http/types';
import { localFileStore } from '../storage/file-store';
import { createTestClock, type TestClock } from './clock';
import { openTestDatabase } from './databases';
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
  clock: TestClock;
  request(request: ApiRequest): Promise<ApiResponse>;
  /** A new organization with one signed-in user of the given roles. */
  staff(roles: Role[], organizationId?: string): Promise<SignedIn>;
  signIn(email: string, password?: string): Promise<string>;
  close(): Promise<void>;
}

/** Boots the real app on a fresh copy of the migrated database, with a pinned clock. */
export async function startTestApp(options: { config?: Partial<Config>; webRoot?: string } = {}): Promise<TestApp> {
  const database = await openTestDatabase(inject('testDatabase'));
  const clock = createTestClock();
  const filesDir = mkdtempSync(join(tmpdir(), 'carebeam-files-'));
  const app = await buildApp({ config: testConfig(options.config), database, clock, storage: localFileStore(filesDir), webRoot: options.webRoot ?? '/nonexistent' });
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
    const json = /json/.test(String(response.headers['content-type'])) && text.length > 0;
    return { status: response.statusCode, headers: response.headers, body: json ? JSON.parse(text) : text, text, rawPayload: response.rawPayload };
  }

  async function signIn(email: string, password = TEST_PASSWORD): Promise<string> {
    const response = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password } });
    if (response.statusCode !== 200) throw new Error(`sign-in failed (${response.statusCode}): ${response.body}`);
    const cookie = response.cookies.find((c) => c.name === 'carebeam_session');
    if (!cookie) throw new Error('sign-in set no session cookie');
    return `${cookie.name}=${cookie.value}`;
  }

  async function staff(roles: Role[], organizationId?: string): Promise<SignedIn> {
    const orgId = organizationId ?? (await createOrganization(database.db)).id;
    const user = await createUser(database.db, orgId, { roles });
    return { ...user, cookie: await signIn(user.email) };
  }

  return {
    app,
    db: database.db,
    kind: database.kind,
    clock,
    request,
    staff,
    signIn,
    close: async () => {
      await app.close();
      await database.close();
      rmSync(filesDir, { recursive: true, force: true });
    },
  };
}
