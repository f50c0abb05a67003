import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/schema';
import { createOrganization } from '../../testing/factories';
import { startTestApp, type TestApp } from '../../testing/harness';
import { type BookedSession, sessionWorld } from '../../testing/session-world';
import { type AuditEvent, createAuditBatcher, verifyAuditChain } from './index';

let t: TestApp;
let organizationId: string;
beforeAll(async () => {
  t = await startTestApp();
  organizationId = (await createOrganization(t.db)).id;
});
afterAll(() => t.close());

const event = (entityId: string, organization = organizationId): AuditEvent => ({
  organizationId: organization,
  actorUserId: null,
  action: 'test.read',
  entityType: 'test',
  entityId,
  at: new Date(),
  data: { note: 'Ana Alvarez' },
});
const written = async (entityId: string) => (await t.db.selectFrom('audit_events').select('id').where('entity_id', '=', entityId).execute()).length;

/** Captures error logs, to check they carry no field of the events. */
function captureLogs() {
  const lines: unknown[] = [];
  return { lines, logger: { error: (fields: unknown, message: string) => void lines.push({ fields, message }) } };
}

/** The database, with its next `failures` transactions failing as a lost connection would. */
function flaky(db: Kysely<Database>, failures: number): Kysely<Database> {
  return new Proxy(db, {
    get(target, property) {
      if (property === 'transaction' && failures-- > 0) {
        return () => ({ execute: () => Promise.reject(Object.assign(new Error('Connection lost while writing Ana Alvarez'), { code: '08006' })) });
      }
      const value = Reflect.get(target, property, target) as unknown;
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}

describe('the audit batcher', () => {
  it('writes a queued event within a second without being asked', async () => {
    const batcher = createAuditBatcher({ db: t.db, logger: captureLogs().logger });
    const id = randomUUID();
    batcher.add(event(id));
    expect(await written(id)).toBe(0);
    const started = Date.now();
    while ((await written(id)) === 0 && Date.now() - started < 3000) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await written(id)).toBe(1);
    expect(Date.now() - started).toBeLessThan(1500);
    await batcher.close();
  });

  it('writes at once, in one batch, when many are queued', async () => {
    const batcher = createAuditBatcher({ db: t.db, logger: captureLogs().logger, maxDelayMs: 60_000, maxBatch: 5 });
    const ids = Array.from({ length: 5 }, () => randomUUID());
    for (const id of ids) batcher.add(event(id));
    await batcher.flush();
    for (const id of ids) expect(await written(id)).toBe(1);
    await batcher.close();
  });

  it('retries a failed write, logging no field of the events, and loses nothing', async () => {
    const { lines, logger } = captureLogs();
    const batcher = createAuditBatcher({ db: flaky(t.db, 2), logger, retryDelayMs: 10 });
    const ids = [randomUUID(), randomUUID()];
    for (const id of ids) batcher.add(event(id));
    await batcher.flush();
    for (const id of ids) expect(await written(id)).toBe(1);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toEqual({ fields: { code: '08006', events: 2 }, message: 'audit batch write failed; will retry' });
    expect(JSON.stringify(lines)).not.toMatch(/Ana|test\.read/);
    expect(await verifyAuditChain(t.db, organizationId)).toMatchObject({ intact: true });
    await batcher.close();
  });

  it('an event the database refuses on its own is dropped and logged; the others are written', async () => {
    const { lines, logger } = captureLogs();
    const batcher = createAuditBatcher({ db: t.db, logger, retryDelayMs: 10 });
    const good = randomUUID();
    // An organization that does not exist: the foreign key refuses it every time.
    batcher.add(event(randomUUID(), randomUUID()));
    batcher.add(event(good));
    await batcher.flush();
    expect(await written(good)).toBe(1);
    expect(batcher.pending).toBe(0);
    expect(lines.at(-1)).toEqual({ fields: { code: '23503', action: 'test.read' }, message: 'audit event refused by the database; dropped' });
    await batcher.close();
  });

  it('close writes what is still queued (also after a flush that found nothing)', async () => {
    const batcher = createAuditBatcher({ db: t.db, logger: captureLogs().logger, maxDelayMs: 60_000 });
    await batcher.flush();
    const id = randomUUID();
    batcher.add(event(id));
    await batcher.close();
    expect(await written(id)).toBe(1);
  });
});

const readRows = async (organization: string) =>
  (await t.db.selectFrom('audit_events').select('id').where('organization_id', '=', organization).where('action', 'in', ['session.read', 'note.read']).execute()).length;

describe('the app', () => {
  it('writes the reads still queued when it closes (SIGTERM)', async () => {
    const other = await startTestApp();
    const world = await sessionWorld(other);
    const session: BookedSession = await world.book();
    await other.flushAudit();
    const response = await other.request({ url: `/api/sessions/${session.id}`, cookie: world.host.cookie });
    expect(response.status).toBe(200);
    await other.app.close();
    const rows = await other.db.selectFrom('audit_events').select('action').where('session_id', '=', session.id).where('action', '=', 'session.read').execute();
    await other.close();
    expect(rows).toEqual([{ action: 'session.read' }]);
  });

  it('30 parallel reads and bookings, over two instances on PostgreSQL: every row written, the chain intact', async () => {
    const world = await sessionWorld(t);
    const sessions = [await world.book(), await world.book()];
    const other = (await t.anotherInstance()) ?? t;
    try {
      const readsBefore = await readRows(world.host.organizationId);
      const responses = await Promise.all(
        Array.from({ length: 30 }, (_, i) => {
          const app = i % 2 === 0 ? t : other;
          if (i % 3 === 0) {
            return app.request({
              method: 'POST',
              url: '/api/sessions',
              cookie: world.host.cookie,
              body: {
                serviceId: world.service.id,
                sessionTypeId: world.service.sessionTypeIds[0],
                start: new Date(Date.UTC(2026, 2, 10) + i * 3600_000).toISOString(),
                participants: [{ name: `Race Patient ${i}`, timeZone: 'UTC', invitationType: 'none' }],
              },
            });
          }
          return app.request({ url: `/api/sessions/${sessions[i % 2]!.id}${i % 3 === 1 ? '' : '/notes'}`, cookie: world.host.cookie });
        }),
      );
      expect(responses.map((r) => r.status).sort()).toEqual([...Array<number>(20).fill(200), ...Array<number>(10).fill(201)]);
      await Promise.all([t.flushAudit(), other.flushAudit()]);
      expect((await readRows(world.host.organizationId)) - readsBefore).toBe(20);
      expect(await verifyAuditChain(t.db, world.host.organizationId)).toMatchObject({ intact: true, firstBroken: null });
    } finally {
      if (other !== t) await other.close();
    }
  });
});
