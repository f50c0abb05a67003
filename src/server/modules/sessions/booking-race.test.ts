import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createService, setWorkHours } from '../../testing/catalog-factories';
import { type SignedIn, startTestApp, type TestApp } from '../../testing/harness';

// Many bookings of different, overlapping times for one host at once. On PostgreSQL the exclusion
// constraint's checks can deadlock (40P01) or fail to serialize (40001) between them; each such
// loser is retried, and whoever finally overlaps a committed booking gets 409 slot_unavailable.
// The clock stands at 2026-03-02T15:00Z; the host works around the clock in UTC.

let t: TestApp;
/** On PostgreSQL a second instance on the same database, as behind a load balancer (more connections racing). */
let other: TestApp | undefined;
let host: SignedIn;
let service: Awaited<ReturnType<typeof createService>>;
let patientId: string;

beforeAll(async () => {
  t = await startTestApp();
  other = await t.anotherInstance();
  host = await t.staff(['provider']);
  const everyDay = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: '00:00', end: '24:00' }));
  await setWorkHours(t.db, host.organizationId, host.id, { timeZone: 'UTC', weekly: everyDay, overrides: [] });
  service = await createService(t.db, host.organizationId, { durationMinutes: 60 });
  const patient = await t.request({ method: 'POST', url: '/api/participants', cookie: host.cookie, body: { name: 'Race Patient', timeZone: 'UTC', invitationType: 'none' } });
  patientId = patient.body.id;
});
afterAll(async () => {
  await other?.close();
  await t.close();
});

describe('concurrent overlapping bookings of one host', () => {
  it('40 bookings of hours starting 15 minutes apart, all at once: only 201 and 409, no overlap in the table', async () => {
    // 2026-03-03 from 08:00Z, every 15 minutes, in an interleaved order so neighbours race.
    const starts = Array.from({ length: 40 }, (_, i) => new Date(Date.UTC(2026, 2, 3, 8) + ((i * 17) % 40) * 15 * 60_000).toISOString());
    const responses = await Promise.all(
      starts.map((start, i) =>
        (i % 2 === 1 && other ? other : t).request({
          method: 'POST',
          url: '/api/sessions',
          cookie: host.cookie,
          body: { serviceId: service.id, sessionTypeId: service.sessionTypeIds[0], start, participants: [{ participantId: patientId }] },
        }),
      ),
    );
    for (const response of responses) expect([201, 409], response.text).toContain(response.status);
    expect(new Set(responses.filter((r) => r.status === 409).map((r) => r.body.code))).toEqual(new Set(['slot_unavailable']));

    const rows = await t.db
      .selectFrom('sessions')
      .select(['starts_at', 'ends_at'])
      .where('host_id', '=', host.id)
      .where('status', '<>', 'canceled')
      .orderBy('starts_at')
      .execute();
    expect(rows).toHaveLength(responses.filter((r) => r.status === 201).length);
    for (let i = 1; i < rows.length; i++) expect(rows[i]!.starts_at.getTime()).toBeGreaterThanOrEqual(rows[i - 1]!.ends_at.getTime());
  });
});
