import { randomUUID } from 'node:crypto';
import type { Reading } from '../src/shared/medcart';
import { checkReading, READING_KINDS, type ReadingKind } from '../src/shared/vitals';
import { type ExportInput, sessionBundle } from '../src/server/modules/ehr/fhir-mapper';
import { validateBundle } from '../src/server/modules/ehr/fhir-validate';
import { type BenchApp, type BenchDatabase, demoFollowUp, demoSessions } from './lib/bench-app';
import { measureLatency } from './lib/latency';
import { p95, requestsFromWorker, type WorkerRequest } from './lib/worker-load';
import type { Figure } from './lib/report';
import { sized } from './lib/profile';


const CARTS = 20;
/** The figure is 10,000 readings (`--long`); quick 1,000; CI (`--smoke`) 200. */
const READINGS = sized(1_000, 10_000, 200);
const WARMUP = sized(200, 200, 40);
/** A second, sequential run: its p95 has no queueing behind the other carts in it. */
const SEQUENTIAL = sized(200, 200, 40);
const BUNDLE_READINGS = sized(200, 200, 40);

/** A plausible reading of each kind, as a cart sends it (some in other units). */
const SENT: Record<ReadingKind, { value?: number; components?: { systolic: number; diastolic: number }; unit: string }> = {
  blood_pressure: { components: { systolic: 124, diastolic: 79 }, unit: 'mm[Hg]' },
  heart_rate: { value: 71, unit: '/min' },
  respiratory_rate: { value: 15, unit: '/min' },
  oxygen_saturation: { value: 97, unit: '%' },
  body_temperature: { value: 98.8, unit: '[degF]' },
  body_weight: { value: 162.4, unit: '[lb_av]' },
  body_height: { value: 171, unit: 'cm' },
  bmi: { value: 24.1, unit: 'kg/m2' },
  blood_glucose: { value: 5.9, unit: 'mmol/L' },
};
const kindOf = (i: number) => READING_KINDS[i % READING_KINDS.length]!;

/** 20 carts, each attached to its own session of the demo provider (back to back, an hour apart). */
async function cartsWithSessions(app: BenchApp) {
  const admin = await app.signIn('admin@demo.carebeam.test');
  const sessions = await demoSessions(app, admin, { count: CARTS + 1, participants: 1 });
  const carts: { token: string; sessionId: string }[] = [];
  for (const session of sessions) {
    const cart = (await app.api('/medcart/carts', 'POST', admin, { name: `Bench cart ${carts.length}`, location: 'Bench' })) as { id: string; token: string };
    await app.api(`/sessions/${session.id}/cart`, 'PUT', admin, { cartId: cart.id });
    carts.push({ token: cart.token, sessionId: session.id });
  }
  const { host } = await demoFollowUp(app.db);
  // The last one is the session whose Bundle is built below.
  return { admin, carts: carts.slice(0, CARTS), bundleSession: carts[CARTS]!, organizationId: host.organization_id };
}

function cartRequests(carts: { token: string; sessionId: string }[], count: number, prefix: string): WorkerRequest[] {
  return Array.from({ length: count }, (_, i) => {
    const cart = carts[i % carts.length]!;
    const kind = kindOf(Math.floor(i / carts.length));
    return {
      headers: { authorization: `Bearer ${cart.token}` },
      body: JSON.stringify({ sessionId: cart.sessionId, kind, ...SENT[kind], deviceLabel: 'Bench device', clientReadingId: `${prefix}-${i}`, firmware: '1.0.0' }),
    };
  });
}

/** One cart reading as the service writes it (reading, the cart's last reading time, history, notify) in a raw transaction. */
async function rawReading(app: BenchApp, row: { organizationId: string; sessionId: string; participantId: string; cartId: string; kind: ReadingKind; i: number }) {
  const sent = SENT[row.kind];
  const checked = checkReading(row.kind, sent).reading!;
  const now = new Date();
  const id = randomUUID();
  await app.raw.transaction(async (tx) => {
    await tx.query(
      `insert into "readings" ("id", "organization_id", "session_id", "participant_id", "kind", "value", "systolic", "diastolic", "unit", "original_value", "original_systolic", "original_diastolic", "original_unit", "flag", "effective_at", "recorded_at", "source", "cart_id", "device_label", "entered_by", "corrects", "client_reading_id", "raw_payload")
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, 'cart', $17, 'Bench device', null, null, $18, $19)`,
      [id, row.organizationId, row.sessionId, row.participantId, row.kind, checked.value, checked.components?.systolic ?? null, checked.components?.diastolic ?? null, checked.unit, sent.value ?? null, sent.components?.systolic ?? null, sent.components?.diastolic ?? null, sent.unit, checked.flag, now, now, row.cartId, `floor-${row.i}`, JSON.stringify({ kind: row.kind, ...sent })],
    );
    await tx.query('update "carts" set "last_reading_at" = $1 where "id" = $2', [now, row.cartId]);
    await tx.query(
      'insert into "session_history" ("organization_id", "session_id", "at", "type", "actor_kind", "actor_id", "actor_name", "summary", "data") values ($1, $2, $3, $4, $5, $6, $7, $8, $9)',
      [row.organizationId, row.sessionId, now, 'reading_recorded', 'system', null, 'Bench cart', 'MedCart Bench cart recorded heart rate', JSON.stringify({ readingId: id, kind: row.kind, source: 'cart', cartName: 'Bench cart' })],
    );
    await tx.query(`select pg_notify('carebeam_live', $1)`, [JSON.stringify({ kind: 'medcart', sessionId: row.sessionId, change: 'reading' })]);
  });
}

/** The Bundle's input for a session with 200 readings, as the export gathers it (readings from the API). */
async function bundleInput(app: BenchApp, admin: string, sessionId: string): Promise<ExportInput> {
  const readings = ((await (await fetch(`${app.address}/api/sessions/${sessionId}/readings`, { headers: { cookie: admin } })).json()) as { items: Reading[] }).items;
  const participant = await app.db.selectFrom('session_participants as sp').innerJoin('participants as p', 'p.id', 'sp.participant_id').select(['p.id', 'p.name']).where('sp.session_id', '=', sessionId).executeTakeFirstOrThrow();
  const session = await app.db.selectFrom('sessions').select(['starts_at', 'ends_at']).where('id', '=', sessionId).executeTakeFirstOrThrow();
  return {
    session: { id: sessionId, status: 'scheduled', startsAt: session.starts_at.toISOString(), endsAt: session.ends_at.toISOString(), startedAt: null, endedAt: null, serviceName: 'Follow-up visit', hostName: 'Dr. Bench' },
    patients: [{ participantId: participant.id, name: participant.name, email: null, phone: null, ehrIdentifier: null }],
    readings,
    sentReadingIds: new Set(),
    images: [],
    documents: [],
  };
}

/**
 * MedCart: 10,000 readings (`--long`; 1,000 quick) posted by 20 simulated carts (20 keep-alive connections, each reading
 * its own clientReadingId) against the same rows written by raw sequential transactions; and the
 * FHIR Bundle of a session with 200 readings, built and validated, against the bare mapper.
 */
export async function benchMedCart(database: BenchDatabase): Promise<Figure[]> {
  const count = READINGS;
  const app = await database.start({ cartReadingsPerMinute: 100_000 });
  try {
    const { admin, carts, bundleSession, organizationId } = await cartsWithSessions(app);
    const run = await requestsFromWorker({ origin: app.address, path: '/api/medcart/readings', warmup: cartRequests(carts, WARMUP, 'warm'), requests: cartRequests(carts, count, 'bench'), connections: CARTS, okStatuses: [201] });
    const sequential = await requestsFromWorker({ origin: app.address, path: '/api/medcart/readings', warmup: [], requests: cartRequests(carts, SEQUENTIAL, 'one'), connections: 1, okStatuses: [201] });
    const failures = [...run.failures, ...sequential.failures];
    if (failures.length > 0) throw new Error(`POST /api/medcart/readings: ${failures.length} failures, e.g. ${failures[0]!.status} ${failures[0]!.text}`);

    const sessions = await app.db.selectFrom('session_carts as sc').innerJoin('session_participants as sp', 'sp.session_id', 'sc.session_id').select(['sc.session_id', 'sc.cart_id', 'sp.participant_id']).execute();
    const floorTimes: number[] = [];
    // The same kinds, sessions and carts, round-robin like the carts posted them.
    const floorStarted = performance.now();
    for (let i = 0; i < count; i++) {
      const target = sessions[i % sessions.length]!;
      const t0 = performance.now();
      await rawReading(app, { organizationId, sessionId: target.session_id, participantId: target.participant_id, cartId: target.cart_id, kind: kindOf(i), i });
      floorTimes.push(performance.now() - t0);
    }
    const floorSeconds = (performance.now() - floorStarted) / 1000;

    // The Bundle: 200 readings in one session.
    const bundleRun = await requestsFromWorker({ origin: app.address, path: '/api/medcart/readings', warmup: [], requests: cartRequests([bundleSession], BUNDLE_READINGS, 'bundle'), connections: 1, okStatuses: [201] });
    if (bundleRun.failures.length > 0) throw new Error(`bundle readings: ${bundleRun.failures[0]!.text}`);
    const input = await bundleInput(app, admin, bundleSession.sessionId);
    const problems = validateBundle(sessionBundle(input).bundle);
    if (problems.length > 0) throw new Error(`the bench Bundle is invalid: ${problems[0]!.path} ${problems[0]!.message}`);
    const bare = await measureLatency(async () => sessionBundle(input), { warmup: 20, runs: 200 });
    const checked = await measureLatency(async () => validateBundle(sessionBundle(input).bundle), { warmup: 2, runs: 10 });
    const download = await measureLatency(async () => {
      const response = await fetch(`${app.address}/api/sessions/${bundleSession.sessionId}/fhir`, { headers: { cookie: admin } });
      if (!response.ok) throw new Error(`GET /fhir: ${response.status}`);
      await response.arrayBuffer();
    }, { warmup: 2, runs: 10 });

    const floorName = 'raw insert transaction, same rows, sequential';
    return [
      { name: `POST /api/medcart/readings, ${CARTS} carts, ${count.toLocaleString('en-US')} readings`, value: count / (run.elapsedMs / 1000), unit: 'readings/s', floor: count / floorSeconds, floorName: `${floorName}, tx/s`, higherIsBetter: true },
      { name: `POST /api/medcart/readings p95, ${CARTS} carts`, value: p95(run.latencies), unit: 'ms', floor: p95(floorTimes), floorName: `${floorName} p95`, higherIsBetter: false },
      { name: 'POST /api/medcart/readings p95, 1 connection', value: p95(sequential.latencies), unit: 'ms', floor: p95(floorTimes), floorName: `${floorName} p95`, higherIsBetter: false },
      { name: `FHIR Bundle of ${BUNDLE_READINGS} readings: map + validate, p95`, value: checked.p95, unit: 'ms', floor: bare.p95, floorName: 'the bare mapper p95', higherIsBetter: false },
      { name: `GET /api/sessions/:id/fhir (${BUNDLE_READINGS} readings), p95`, value: download.p95, unit: 'ms', floor: bare.p95, floorName: 'the bare mapper p95', higherIsBetter: false },
    ];
  } finally {
    await app.close();
  }
}
