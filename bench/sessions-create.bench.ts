import { randomUUID } from 'node:crypto';
import { GENESIS_HASH, rowHash } from '../src/server/modules/audit/chain';
import { INVITATION_LABELS } from '../src/shared/participants';
import type { BenchApp, BenchDatabase } from './lib/bench-app';
import { p95, requestsFromWorker, type WorkerRequest } from './lib/worker-load';
import type { Figure } from './lib/report';
import { sized } from './lib/profile';

const BOOKINGS = sized(500, 2_000, 60);
const WARMUP = sized(100, 100, 20);
const CONNECTIONS = 10;
/** A second, sequential run: its p95 has no queueing behind other connections in it. */
const SEQUENTIAL_BOOKINGS = sized(150, 300, 30);
const SERVICE = 'New patient consultation'; // 60 min, three default documents: every table the booking writes gets rows
const HOUR = 60 * 60_000;

async function loadContext(app: BenchApp) {
  const { db } = app;
  const dispatcher = await db
    .selectFrom('users')
    .select(['id', 'name', 'organization_id'])
    .where('email', '=', 'dispatcher@demo.carebeam.test')
    .executeTakeFirstOrThrow();
  const hosts = await db
    .selectFrom('users')
    .select('id')
    .where('email', 'in', ['provider@demo.carebeam.test', 'provider2@demo.carebeam.test'])
    .orderBy('email')
    .execute();
  const service = await db
    .selectFrom('services')
    .select(['id', 'name', 'duration_minutes'])
    .where('name', '=', SERVICE)
    .executeTakeFirstOrThrow();
  const sessionType = await db
    .selectFrom('service_session_types')
    .select('session_type_id')
    .where('service_id', '=', service.id)
    .executeTakeFirstOrThrow();
  const templates = await db
    .selectFrom('service_document_templates as sdt')
    .innerJoin('document_templates as t', 't.id', 'sdt.template_id')
    .innerJoin('document_template_versions as v', (join) => join.onRef('v.template_id', '=', 't.id').onRef('v.version', '=', 't.current_version'))
    .select(['t.id', 't.name', 't.audience', 'v.id as versionId'])
    .where('sdt.service_id', '=', service.id)
    .orderBy('t.name')
    .execute();
  const participant = await db
    .selectFrom('participants')
    .select(['id', 'name', 'invitation_type'])
    .where('name', '=', 'Maria Gonzalez')
    .executeTakeFirstOrThrow();
  return { dispatcher, hosts: hosts.map((h) => h.id), service, sessionTypeId: sessionType.session_type_id, templates, participant };
}

type Context = Awaited<ReturnType<typeof loadContext>>;
interface Slot {
  hostId: string;
  start: Date;
  end: Date;
}

/** The invitations the app queued for one booking (email and SMS), so the floor writes the same messages. */
async function sampleInvitations(app: BenchApp) {
  const first = await app.db.selectFrom('outbox_messages').select('session_id').where('kind', '=', 'invitation').executeTakeFirstOrThrow();
  return app.db
    .selectFrom('outbox_messages')
    .select(['channel', 'recipient', 'subject', 'body_text', 'body_html', 'attachments'])
    .where('session_id', '=', first.session_id)
    .where('kind', '=', 'invitation')
    .execute();
}
type Invitations = Awaited<ReturnType<typeof sampleInvitations>>;

const REMINDER_OFFSETS = [24 * 60, 60]; // the organization's default

/**
 * One booking as the service writes it (sessions, session_participants, session_documents,
 * outbox_messages, reminders, session_history, audit_events rows chained to their head, same columns and
 * value shapes) in one raw transaction: no HTTP, no validation, no reads, no Kysely. (Join links are
 * minted when an invitation is delivered, not by the booking.) Like the app it locks the
 * organization's audit chain head, which serializes every booking of one organization: the floor
 * pays that wait too.
 */
async function rawBooking(app: BenchApp, c: Context, slot: Slot, invitations: Invitations): Promise<void> {
  const org = c.dispatcher.organization_id;
  const id = randomUUID();
  const now = new Date();
  await app.raw.transaction(async (tx) => {
    await tx.query(
      'insert into "sessions" ("id", "organization_id", "service_id", "session_type_id", "host_id", "created_by", "starts_at", "ends_at", "created_at", "updated_at") values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)',
      [id, org, c.service.id, c.sessionTypeId, slot.hostId, c.dispatcher.id, slot.start, slot.end, now, now],
    );
    await tx.query(
      'insert into "session_participants" ("organization_id", "session_id", "participant_id", "invitation_type", "added_at") values ($1, $2, $3, $4, $5)',
      [org, id, c.participant.id, c.participant.invitation_type, now],
    );
    const documents = c.templates.map((t) =>
      t.audience === 'host' ? [org, id, t.id, t.versionId, null, slot.hostId, now] : [org, id, t.id, t.versionId, c.participant.id, null, now],
    );
    await tx.query(
      `insert into "session_documents" ("organization_id", "session_id", "template_id", "template_version_id", "participant_id", "host_id", "created_at") values ${documents
        .map((_, i) => `(${[1, 2, 3, 4, 5, 6, 7].map((n) => `$${i * 7 + n}`).join(', ')})`)
        .join(', ')}`,
      documents.flat(),
    );
    const messages = invitations.map((m) => [org, id, c.participant.id, 'invitation', m.channel, m.recipient, m.subject, m.body_text, m.body_html, JSON.stringify(m.attachments), now, now]);
    await tx.query(
      `insert into "outbox_messages" ("organization_id", "session_id", "participant_id", "kind", "channel", "recipient", "subject", "body_text", "body_html", "attachments", "next_attempt_at", "created_at") values ${messages
        .map((_, i) => `(${Array.from({ length: 12 }, (_, n) => `$${i * 12 + n + 1}`).join(', ')})`)
        .join(', ')}`,
      messages.flat(),
    );
    const reminders = REMINDER_OFFSETS.map((offset) => {
      const due = new Date(slot.start.getTime() - offset * 60_000);
      return [org, id, c.participant.id, offset, due, due > now ? 'pending' : 'skipped'];
    });
    await tx.query(
      `insert into "reminders" ("organization_id", "session_id", "participant_id", "offset_minutes", "due_at", "status") values ${reminders
        .map((_, i) => `(${[1, 2, 3, 4, 5, 6].map((n) => `$${i * 6 + n}`).join(', ')})`)
        .join(', ')} on conflict do nothing`,
      reminders.flat(),
    );
    const data = {
      start: slot.start.toISOString(),
      end: slot.end.toISOString(),
      hostId: slot.hostId,
      participants: [{ id: c.participant.id, name: c.participant.name, invitation: INVITATION_LABELS[c.participant.invitation_type] }],
      documents: c.templates.map((t) => t.name),
    };
    await tx.query(
      'insert into "session_history" ("organization_id", "session_id", "at", "type", "actor_kind", "actor_id", "actor_name", "summary", "data") values ($1, $2, $3, $4, $5, $6, $7, $8, $9)',
      [org, id, now, 'created', 'user', c.dispatcher.id, c.dispatcher.name, `Scheduled ${c.service.name} with ${c.participant.name}`, JSON.stringify(data)],
    );
    // The audit row, chained as the app chains it: lock the organization's head, hash, move the head.
    const head = await tx.query<{ seq: number; hash: string }>(
      'insert into "audit_chain_heads" ("organization_id", "seq", "hash") values ($1, 0, $2) on conflict ("organization_id") do update set "seq" = "audit_chain_heads"."seq" returning "seq", "hash"',
      [org, GENESIS_HASH],
    );
    const { seq: lastSeq, hash: prevHash } = head.rows[0]!;
    const audit = {
      organization_id: org,
      seq: Number(lastSeq) + 1,
      at: now,
      actor_kind: 'user',
      actor_user_id: c.dispatcher.id,
      actor_participant_id: null,
      action: 'session.created',
      entity_type: 'session',
      entity_id: id,
      participant_ids: [c.participant.id],
      session_id: id,
      outcome: 'success',
      address: null,
      data: {},
    };
    const hash = rowHash(audit, prevHash);
    await tx.query(
      'insert into "audit_events" ("organization_id", "actor_user_id", "actor_kind", "action", "entity_type", "entity_id", "participant_ids", "session_id", "at", "data", "seq", "prev_hash", "hash") values ($1, $2, $3, $4, $5, $6, $7::uuid[], $8, $9, $10, $11, $12, $13)',
      [org, c.dispatcher.id, 'user', 'session.created', 'session', id, `{${c.participant.id}}`, id, now, '{}', audit.seq, prevHash, hash],
    );
    await tx.query('update "audit_chain_heads" set "seq" = $2, "hash" = $3 where "organization_id" = $1', [org, audit.seq, hash]);
  });
}

/** Runs `book` once per slot from `connections` concurrent loops; each call's latency in ms. */
async function timed(slots: Slot[], connections: number, book: (slot: Slot) => Promise<void>): Promise<{ latencies: number[]; elapsedMs: number }> {
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  const loop = async () => {
    while (next < slots.length) {
      const slot = slots[next++]!;
      const t0 = performance.now();
      await book(slot);
      latencies.push(performance.now() - t0);
    }
  };
  await Promise.all(Array.from({ length: connections }, loop));
  return { latencies, elapsedMs: performance.now() - started };
}

/**
 * The demo providers at work around the clock, and POST /api/sessions bodies as `email` (with the
 * cookie of `app`), each at the next distinct free slot: the providers in turn, back to back from
 * the next whole hour + 1 h.
 */
export async function bookingLoad(app: BenchApp, email: string) {
  const c = await loadContext(app);
  await app.db
    .updateTable('work_hours')
    .set({
      weekly: JSON.stringify([1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: '00:00', end: '24:00' }))),
      overrides: '[]',
    })
    .where('user_id', 'in', c.hosts)
    .execute();
  const duration = c.service.duration_minutes * 60_000;
  const first = Math.ceil(Date.now() / HOUR) * HOUR + HOUR;
  let taken = 0;
  const nextSlots = (count: number): Slot[] =>
    Array.from({ length: count }, () => {
      const k = taken++;
      const start = first + Math.floor(k / c.hosts.length) * duration;
      return { hostId: c.hosts[k % c.hosts.length]!, start: new Date(start), end: new Date(start + duration) };
    });
  const cookie = await app.signIn(email);
  const requestsFor = (slots: Slot[]): WorkerRequest[] =>
    slots.map((slot) => ({
      headers: { cookie },
      body: JSON.stringify({
        serviceId: c.service.id,
        sessionTypeId: c.sessionTypeId,
        hostId: slot.hostId,
        start: slot.start.toISOString(),
        participants: [{ participantId: c.participant.id }],
      }),
    }));
  return { c, first, cookie, nextSlots, requestsFor };
}

/**
 * POST /api/sessions with 10 keep-alive connections, every request a distinct free slot
 * (New patient consultation: one participant, three documents), then over one connection, against
 * the same rows inserted by raw transactions on the same database: as many at once as the
 * database takes (PostgreSQL 10, PGlite's one connection 1), then one at a time.
 */
export async function benchCreateSessions(database: BenchDatabase): Promise<Figure[]> {
  const app = await database.start();
  try {
    const { c, nextSlots, requestsFor } = await bookingLoad(app, 'dispatcher@demo.carebeam.test');
    const target = { origin: app.address, path: '/api/sessions', okStatuses: [201] };
    const concurrent = await requestsFromWorker({
      ...target,
      warmup: requestsFor(nextSlots(WARMUP)),
      requests: requestsFor(nextSlots(BOOKINGS)),
      connections: CONNECTIONS,
    });
    const sequential = await requestsFromWorker({ ...target, warmup: [], requests: requestsFor(nextSlots(SEQUENTIAL_BOOKINGS)), connections: 1 });
    const failures = [...concurrent.failures, ...sequential.failures];
    if (failures.length > 0) {
      throw new Error(`POST /api/sessions: ${failures.length} non-201 answers, e.g. ${failures[0]!.status} ${failures[0]!.text}`);
    }

    // The floor in the same two shapes: as wide as the app's load where the database has the
    // connections for it (PostgreSQL: app.raw is a pool of 10), then one at a time.
    const invitations = await sampleInvitations(app);
    const floorConnections = app.label === 'PostgreSQL' ? CONNECTIONS : 1;
    const rawRun = (slots: Slot[], connections: number) => timed(slots, connections, (slot) => rawBooking(app, c, slot, invitations));
    await rawRun(nextSlots(WARMUP), floorConnections);
    const floor = await rawRun(nextSlots(BOOKINGS), floorConnections);
    const floorSequential = await rawRun(nextSlots(SEQUENTIAL_BOOKINGS), 1);

    const booked = await app.db.selectFrom('sessions').select(app.db.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const expected = 2 * (WARMUP + BOOKINGS + SEQUENTIAL_BOOKINGS);
    if (Number(booked.n) !== expected) throw new Error(`expected ${expected} sessions, found ${booked.n}`);

    const floorName = floorConnections === 1 ? 'raw insert transaction, same rows, sequential (PGlite: one connection)' : `raw insert transaction, same rows, ${floorConnections} connections`;
    const sequentialName = 'raw insert transaction, same rows, sequential';
    return [
      {
        name: `POST /api/sessions, ${CONNECTIONS} connections, distinct slots`,
        value: BOOKINGS / (concurrent.elapsedMs / 1000),
        unit: 'req/s',
        floor: BOOKINGS / (floor.elapsedMs / 1000),
        floorName: `${floorName}, tx/s`,
        higherIsBetter: true,
        ...(floorConnections > 1 ? { target: '≥ 0.5×' } : {}),
      },
      {
        name: `POST /api/sessions p95, ${CONNECTIONS} connections`,
        value: p95(concurrent.latencies),
        unit: 'ms',
        floor: p95(floor.latencies),
        floorName: `${floorName} p95`,
        higherIsBetter: false,
      },
      {
        name: 'POST /api/sessions p95, 1 connection',
        value: p95(sequential.latencies),
        unit: 'ms',
        floor: p95(floorSequential.latencies),
        floorName: `${sequentialName} p95`,
        higherIsBetter: false,
        target: '≤ 3×',
      },
    ];
  } finally {
    await app.close();
  }
}
