import { type Kysely, sql } from 'kysely';
import type { Database } from '../src/server/db/schema';
import { timeOrderedIdSql } from '../src/server/db/time-ordered-id';
import { searchTextOf } from '../src/server/modules/participants/repo';
import { claimDueReminders } from '../src/server/modules/messaging';
import { type BenchDatabase, demoFollowUp, type RawDatabase } from './lib/bench-app';
import type { Figure } from './lib/report';
import { sized } from './lib/profile';

const PARTICIPANTS = 50;
const SESSIONS = 200; // × 50 participants: 10,000 reminders per offset
const PER_OFFSET = PARTICIPANTS * SESSIONS;
const QUEUE_SIZES = sized([10_000, 100_000], [10_000, 100_000, 1_000_000], [10_000]);
const DUE = 1_000;
const RUNS = 15;

const count = (n: number) => n.toLocaleString('en-US');
const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1]!;

/**
 * The reminder claim (`claimDueReminders`, what the worker runs in its transaction) taking and
 * marking 1,000 due reminders, with 10,000 then 100,000 queued (`--long`: up to 1,000,000); the
 * same 1,000 are due at every size, the rows added are due later. Two floors, raw SQL on the same
 * database: the bare statement a claim cannot do without (find, lock and take from
 * `reminder_queue`, mark the reminders sent, RETURNING them), and the select-only SELECT … FOR
 * UPDATE SKIP LOCKED on the queue, which shows what taking and marking cost. Each run starts from
 * the same state: the taken rows are put back and vacuumed away. A last figure: the claim at the
 * largest size over the smallest.
 */
export async function benchReminderClaim(database: BenchDatabase): Promise<Figure[]> {
  const app = await database.start();
  try {
    const { db } = app;
    // Far from the demo clinic's own sessions: every session after it is the benchmark's.
    const now = new Date('2030-01-01T00:00:00Z');
    await seedQueue(db, now);
    const figures: Figure[] = [];
    const claimAt: number[] = [];
    for (let size = PER_OFFSET, i = 0; i < QUEUE_SIZES.length; i++) {
      size = await growQueue(db, now, size, QUEUE_SIZES[i]!);
      const times = await measureClaims(db, app.raw, now);
      claimAt.push(times.claim);
      const name = `claim and mark ${count(DUE)} due of ${count(size)} queued reminders`;
      figures.push(
        { name, value: times.claim, unit: 'ms', floor: times.update, floorName: 'bare WITH taken AS (DELETE FROM reminder_queue … SKIP LOCKED) UPDATE reminders … RETURNING', higherIsBetter: false },
        { name: `${name} (select-only floor)`, value: times.claim, unit: 'ms', floor: times.select, floorName: 'bare indexed SELECT … FOR UPDATE SKIP LOCKED', higherIsBetter: false },
      );
    }
    figures.push({
      name: `claim at ${count(QUEUE_SIZES.at(-1)!)} queued over at ${count(QUEUE_SIZES[0]!)} (flat: ≈ 1)`,
      value: claimAt.at(-1)!,
      unit: 'ms',
      floor: claimAt[0]!,
      floorName: `the claim at ${count(QUEUE_SIZES[0]!)}`,
      higherIsBetter: false,
    });
    return figures;
  } finally {
    await app.close();
  }
}

/** After `WITH added AS (INSERT INTO reminders … RETURNING id, due_at)`: the new (pending) reminders queued, as `insertReminders` does. */
const enqueueAdded = sql`INSERT INTO reminder_queue (reminder_id, due_at) SELECT id, due_at FROM added`;

/**
 * 50 participants in 200 sessions of the demo provider, an hour apart from two hours after `now`,
 * and one reminder per pair: those of the first 20 sessions (1,000) due a minute ago, the others
 * due an hour before their session. In bulk SQL: 1,000,000 rows one by one would take minutes. Ids
 * as the app makes them, ordered by when each falls due (`timeOrderedIdSql`).
 */
async function seedQueue(db: Kysely<Database>, now: Date): Promise<void> {
  const { host, service } = await demoFollowUp(db);
  const org = host.organization_id;
  const people = Array.from({ length: PARTICIPANTS }, (_, i) => {
    const p = { name: `Bench person ${i}`, email: `bench-${i}@example.test`, phone: null };
    return { organization_id: org, ...p, time_zone: 'UTC', invitation_type: 'email' as const, search_text: searchTextOf(p) };
  });
  await db.insertInto('participants').values(people).execute();
  await sql`
    INSERT INTO sessions (organization_id, service_id, session_type_id, host_id, created_by, starts_at, ends_at)
    SELECT ${org}, ${service.id}, ${service.session_type_id}, ${host.id}, ${host.id},
           ${now}::timestamptz + make_interval(hours => 2 + i), ${now}::timestamptz + make_interval(hours => 2 + i, mins => 30)
    FROM generate_series(0, ${SESSIONS - 1}) AS i`.execute(db);
  await sql`
    INSERT INTO session_participants (organization_id, session_id, participant_id, invitation_type, added_at)
    SELECT s.organization_id, s.id, p.id, 'email', ${now}
    FROM sessions s JOIN participants p ON p.organization_id = s.organization_id AND p.email LIKE 'bench-%'
    WHERE s.host_id = ${host.id} AND s.starts_at > ${now}`.execute(db);
  await sql`
    WITH added AS (
      INSERT INTO reminders (id, organization_id, session_id, participant_id, offset_minutes, due_at)
      SELECT ${timeOrderedIdSql(sql`due.at`)}, sp.organization_id, sp.session_id, sp.participant_id, 60, due.at
      FROM session_participants sp JOIN sessions s ON s.id = sp.session_id
      CROSS JOIN LATERAL (SELECT CASE WHEN s.starts_at < ${now}::timestamptz + make_interval(hours => ${2 + DUE / PARTICIPANTS})
                                      THEN ${now}::timestamptz - interval '1 minute' ELSE s.starts_at - interval '1 hour' END AS at) due
      WHERE s.starts_at > ${now}
      RETURNING id, due_at
    )
    ${enqueueAdded}`.execute(db);
}

/** Adds reminders due later (one more offset per 10,000) until `target` are queued; answers the new size. */
async function growQueue(db: Kysely<Database>, now: Date, size: number, target: number): Promise<number> {
  const from = 60 + size / PER_OFFSET;
  const to = 60 + target / PER_OFFSET - 1;
  if (to >= from) {
    await sql`
      WITH added AS (
        INSERT INTO reminders (id, organization_id, session_id, participant_id, offset_minutes, due_at)
        SELECT ${timeOrderedIdSql(sql`due.at`)}, sp.organization_id, sp.session_id, sp.participant_id, k, due.at
        FROM session_participants sp JOIN sessions s ON s.id = sp.session_id CROSS JOIN generate_series(${from}::int, ${to}::int) AS k
        CROSS JOIN LATERAL (SELECT s.starts_at - make_interval(mins => 60) + make_interval(secs => k) AS at) due
        WHERE s.starts_at > ${now}
        RETURNING id, due_at
      )
      ${enqueueAdded}`.execute(db);
  }
  // As the worker's database would be: statistics current, no dead rows left by the load.
  await sql`VACUUM ANALYZE`.execute(db);
  return target;
}

/** Median of 15 runs (after 3 warm-up runs) of the claim and of each floor, each from the same state. */
async function measureClaims(db: Kysely<Database>, raw: RawDatabase, now: Date) {
  const pick = `SELECT ctid FROM reminder_queue WHERE due_at <= $1 ORDER BY due_at LIMIT ${DUE} FOR UPDATE SKIP LOCKED`;
  // The claim's own statement, bare. Deleting by `ctid` spares a probe of the queue's primary key
  // per row; marking by `id = ANY(ARRAY(…))` keeps to the primary key (`id IN (…)` would plan a hash
  // semi-join over a sequential scan of every reminder: slower than the app, and growing with it).
  const update = `WITH taken AS (DELETE FROM reminder_queue WHERE ctid = ANY(ARRAY(${pick})) RETURNING reminder_id)
    UPDATE reminders SET status = 'sent', processed_at = $1 WHERE id = ANY(ARRAY(SELECT reminder_id FROM taken)) RETURNING id, session_id, participant_id, offset_minutes`;
  const putBack = async (ids: string[]) => {
    if (ids.length !== DUE) throw new Error(`took ${ids.length} reminders, expected ${DUE}`);
    await sql`
      WITH added AS (UPDATE reminders SET status = 'pending', processed_at = NULL WHERE id = ANY(${ids}::uuid[]) RETURNING id, due_at)
      ${enqueueAdded}`.execute(db);
    await sql`VACUUM reminders, reminder_queue`.execute(db);
  };
  const timed = async (fn: () => Promise<string[]>) => {
    const start = performance.now();
    const ids = await fn();
    const ms = performance.now() - start;
    await putBack(ids);
    return ms;
  };
  const times = { claim: [] as number[], update: [] as number[], select: [] as number[] };
  for (let run = 0; run < RUNS + 3; run++) {
    // Which of the claim and its floor goes first alternates: on PostgreSQL the second was slower.
    const claimFirst = run % 2 === 0;
    const claimRun = () => timed(async () => (await db.transaction().execute((trx) => claimDueReminders(trx, now, DUE))).map((r) => r.id));
    const updateRun = () => timed(() => raw.transaction(async (tx) => (await tx.query<{ id: string }>(update, [now])).rows.map((r) => r.id)));
    const earlier = await (claimFirst ? claimRun() : updateRun());
    const later = await (claimFirst ? updateRun() : claimRun());
    const [claim, updated] = claimFirst ? [earlier, later] : [later, earlier];
    // Only locks: nothing to put back but the check of the count.
    const start = performance.now();
    const selected = await raw.transaction(async (tx) => (await tx.query<{ id: string }>(pick, [now])).rows.length);
    const select = performance.now() - start;
    if (selected !== DUE) throw new Error('the select-only floor saw a different number of due reminders');
    if (run >= 3) {
      times.claim.push(claim);
      times.update.push(updated);
      times.select.push(select);
    }
  }
  return { claim: median(times.claim), update: median(times.update), select: median(times.select) };
}
