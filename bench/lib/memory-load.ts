import { type Kysely, sql } from 'kysely';
import type { Database } from '../../src/server/db/schema';
import type { WorkerRequest } from './worker-load';

// The data and the requests of the memory benchmark: bookings on distinct slots of the demo
// providers, sessions inserted in bulk by SQL, and the reads staff make all day.

const SERVICE = 'New patient consultation'; // 60 min, three documents: a booking writes every table it can
const HOUR = 60 * 60_000;
const DAY = 24 * HOUR;
const WEEK = 7 * DAY;

/**
 * What a booking names (dispatcher, the two demo providers, the service, a participant), read
 * from the seeded demo clinic; the providers are made to work around the clock, every day, so
 * every hour from now on is a free slot.
 */
export async function bookingContext(db: Kysely<Database>) {
  const dispatcher = await db.selectFrom('users').select(['id', 'organization_id']).where('email', '=', 'dispatcher@demo.carebeam.test').executeTakeFirstOrThrow();
  const hosts = (await db.selectFrom('users').select('id').where('email', 'in', ['provider@demo.carebeam.test', 'provider2@demo.carebeam.test']).orderBy('email').execute()).map((h) => h.id);
  const service = await db
    .selectFrom('services as s')
    .innerJoin('service_session_types as t', 't.service_id', 's.id')
    .select(['s.id', 's.duration_minutes', 't.session_type_id'])
    .where('s.name', '=', SERVICE)
    .executeTakeFirstOrThrow();
  if (service.duration_minutes > 60) throw new Error('sessions an hour apart would overlap');
  const participant = await db.selectFrom('participants').select('id').where('name', '=', 'Maria Gonzalez').executeTakeFirstOrThrow();
  await db
    .updateTable('work_hours')
    .set({ weekly: JSON.stringify([1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: '00:00', end: '24:00' }))), overrides: '[]' })
    .where('user_id', 'in', hosts)
    .execute();
  return { organizationId: dispatcher.organization_id, dispatcherId: dispatcher.id, hosts, service, participantId: participant.id };
}

export type BookingContext = Awaited<ReturnType<typeof bookingContext>>;

/** POST /api/sessions bodies on distinct hours from the next whole hour + 1 h, the providers in turn; each call goes on where the last stopped. */
export function bookings(c: BookingContext, cookie: string) {
  const first = Math.ceil(Date.now() / HOUR) * HOUR + HOUR;
  let taken = 0;
  return (count: number): WorkerRequest[] =>
    Array.from({ length: count }, () => {
      const k = taken++;
      return {
        headers: { cookie },
        body: JSON.stringify({
          serviceId: c.service.id,
          sessionTypeId: c.service.session_type_id,
          hostId: c.hosts[k % c.hosts.length],
          start: new Date(first + Math.floor(k / c.hosts.length) * HOUR).toISOString(),
          participants: [{ participantId: c.participantId }],
        }),
      };
    });
}

/**
 * `count` completed sessions (one participant each, the clinic's participants in turn) inserted by
 * SQL, hour after hour backwards from yesterday, the providers in turn: ~5.7 years of history for
 * 100,000. In batches, so no one transaction holds them all.
 */
export async function insertPastSessions(db: Kysely<Database>, c: BookingContext, count: number): Promise<void> {
  const newest = new Date(Math.floor(Date.now() / HOUR) * HOUR - DAY);
  const batch = 10_000;
  for (let from = 0; from < count; from += batch) {
    const to = Math.min(count, from + batch) - 1;
    await sql`
      WITH people AS (
        SELECT id, invitation_type, row_number() OVER (ORDER BY id) - 1 AS k, count(*) OVER () AS n
        FROM participants WHERE organization_id = ${c.organizationId}
      ), added AS (
        INSERT INTO sessions (organization_id, service_id, session_type_id, host_id, created_by, starts_at, ends_at, status, created_at, updated_at, started_at, ended_at)
        SELECT ${c.organizationId}, ${c.service.id}, ${c.service.session_type_id}, (${c.hosts}::uuid[])[1 + i % ${c.hosts.length}], ${c.dispatcherId},
               t, t + interval '1 hour', 'completed', t - interval '14 days', t + interval '1 hour', t, t + interval '1 hour'
        FROM generate_series(${from}::int, ${to}::int) AS i, LATERAL (SELECT ${newest}::timestamptz - (i / ${c.hosts.length}) * interval '1 hour' AS t) AS slot
        RETURNING id, organization_id, created_at
      )
      INSERT INTO session_participants (organization_id, session_id, participant_id, invitation_type, added_at)
      SELECT added.organization_id, added.id, people.id, people.invitation_type, added.created_at
      FROM added JOIN people ON people.k = abs(hashtext(added.id::text)) % people.n`.execute(db);
  }
}

/**
 * The reads staff make, as URLs: a week of GET /api/sessions (all providers, then one), anywhere in
 * the `weeksBack` weeks of history or the next weeks, and a provider's month of GET /api/availability.
 */
export function readUrls(origin: string, c: BookingContext, weeksBack: number) {
  let n = 0;
  return {
    sessionsWeek: () => {
      const k = n++;
      const from = new Date(Math.floor(Date.now() / DAY) * DAY - (Math.floor(Math.random() * (weeksBack + 4)) - 4) * WEEK);
      const host = k % 2 === 0 ? '' : `hostId=${c.hosts[k % c.hosts.length]}&`;
      return `${origin}/api/sessions?${host}from=${from.toISOString()}&to=${new Date(from.getTime() + WEEK).toISOString()}&limit=200`;
    },
    availabilityMonth: () => {
      const from = new Date(Date.now() + DAY);
      const to = new Date(from.getTime() + 30 * DAY);
      return `${origin}/api/availability?hostId=${c.hosts[n++ % c.hosts.length]}&serviceId=${c.service.id}&from=${from.toISOString().slice(0, 10)}&to=${to.toISOString().slice(0, 10)}`;
    },
  };
}

/** GETs `url` as `cookie`, following `nextCursor` through every page; a non-200 answer throws. */
export async function readAllPages(url: string, cookie: string): Promise<void> {
  for (let next: string | null = url; next; ) {
    const response: Response = await fetch(next, { headers: { cookie } });
    if (response.status !== 200) throw new Error(`GET ${next}: ${response.status} ${await response.text()}`);
    const body = (await response.json()) as { nextCursor?: string | null };
    next = body.nextCursor ? `${url}&cursor=${encodeURIComponent(body.nextCursor)}` : null;
  }
}
