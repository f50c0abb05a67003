import { sql } from 'kysely';
import { refreshStatistics } from '../src/server/jobs/statistics';
import { searchTextOf } from '../src/server/modules/participants/repo';
import { claimDueReminders } from '../src/server/modules/messaging';
import { type BenchDatabase, demoFollowUp } from './lib/bench-app';
import type { Figure } from './lib/report';
import { sized } from './lib/profile';

const SESSIONS = 2_000;
const PER_SESSION = sized(20, 50); // 40,000 reminders (100,000 with --long)
const DUE = 1_000;
const RUNS = 15;
const HOUR = 60 * 60_000;

/**
 * 40,000 pending reminders (100,000 with --long), 1,000 of them due: the time to claim and mark the due ones (what
 * the worker does, in one transaction), against the bare indexed SELECT … FOR UPDATE SKIP LOCKED
 * of the same rows. Each run starts from the same state: the claimed rows are put back.
 */
export async function benchReminderClaim(database: BenchDatabase): Promise<Figure[]> {
  const app = await database.start();
  try {
    const { db } = app;
    const { host, service } = await demoFollowUp(db);
    const org = host.organization_id;
    const now = new Date('2027-01-01T00:00:00Z');

    const people = Array.from({ length: PER_SESSION }, (_, i) => {
      const p = { name: `Bench person ${i}`, email: `bench-${i}@example.test`, phone: null };
      return { organization_id: org, ...p, time_zone: 'UTC', invitation_type: 'email' as const, search_text: searchTextOf(p) };
    });
    const participantIds = (await db.insertInto('participants').values(people).returning('id').execute()).map((p) => p.id);
    for (let batch = 0; batch < SESSIONS; batch += 100) {
      const sessions = await db
        .insertInto('sessions')
        .values(
          Array.from({ length: 100 }, (_, i) => {
            const start = new Date(now.getTime() + (batch + i) * HOUR);
            return {
              organization_id: org,
              service_id: service.id,
              session_type_id: service.session_type_id,
              host_id: host.id,
              created_by: host.id,
              starts_at: start,
              ends_at: new Date(start.getTime() + 30 * 60_000),
            };
          }),
        )
        .returning(['id', 'starts_at'])
        .execute();
      const links = sessions.flatMap((s) => participantIds.map((p) => ({ organization_id: org, session_id: s.id, participant_id: p, invitation_type: 'email' as const, added_at: now })));
      await db.insertInto('session_participants').values(links).execute();
      // The first 20 sessions' reminders are due (20 × 50 = 1,000); the rest wait for later.
      const reminders = sessions.flatMap((s, i) =>
        participantIds.map((p) => ({
          organization_id: org,
          session_id: s.id,
          participant_id: p,
          offset_minutes: 60,
          due_at: batch + i < DUE / PER_SESSION ? new Date(now.getTime() - 60_000) : new Date(s.starts_at.getTime() - HOUR),
        })),
      );
      await db.insertInto('reminders').values(reminders).execute();
    }
    await refreshStatistics(db);

    const reset = () => sql`UPDATE reminders SET status = 'pending', processed_at = NULL WHERE status = 'sent'`.execute(db);
    const floorSql = `SELECT id FROM reminders WHERE status = 'pending' AND due_at <= $1 ORDER BY due_at LIMIT ${DUE} FOR UPDATE SKIP LOCKED`;
    const claim: number[] = [];
    const floor: number[] = [];
    for (let run = 0; run < RUNS + 3; run++) {
      let start = performance.now();
      const claimed = await db.transaction().execute((trx) => claimDueReminders(trx, now, DUE));
      const claimMs = performance.now() - start;
      if (claimed.length !== DUE) throw new Error(`claimed ${claimed.length} reminders, expected ${DUE}`);
      await reset();

      start = performance.now();
      await app.raw.transaction(async (tx) => {
        const rows = await tx.query(floorSql, [now]);
        if (rows.rows.length !== DUE) throw new Error('the floor saw a different number of due reminders');
      });
      const floorMs = performance.now() - start;
      if (run >= 3) {
        claim.push(claimMs);
        floor.push(floorMs);
      }
    }
    const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1]!;
    return [
      {
        name: `claim and mark ${DUE.toLocaleString('en-US')} due of ${(SESSIONS * PER_SESSION).toLocaleString('en-US')} reminders`,
        value: median(claim),
        unit: 'ms',
        floor: median(floor),
        floorName: 'bare indexed SELECT … FOR UPDATE SKIP LOCKED',
        higherIsBetter: false,
      },
    ];
  } finally {
    await app.close();
  }
}
