import { verifyAuditChain } from '../src/server/modules/audit';
import { type BenchApp, type BenchDatabase, demoFollowUp } from './lib/bench-app';
import { httpLoad } from './lib/http-load';
import { sized } from './lib/profile';
import type { Figure } from './lib/report';

const SECONDS = sized(3, 10, 1);

/** The demo provider's session with two participants, its URL and the provider's cookie. */
async function sessionRead(app: BenchApp) {
  const { host, service } = await demoFollowUp(app.db);
  const provider = await app.signIn('provider@demo.carebeam.test');
  const session = await app.api('/sessions', 'POST', provider, {
    serviceId: service.id,
    sessionTypeId: service.session_type_id,
    hostId: host.id,
    meetNow: true,
    allowOutsideWorkHours: true,
    participants: ['Ana Audit', 'Ben Audit'].map((name) => ({ name, timeZone: 'UTC', invitationType: 'none' })),
  });
  return { url: `${app.address}/api/sessions/${session.id}`, cookie: provider, organizationId: host.organization_id };
}

/**
 * The cost of auditing reads: GET /api/sessions/:id with 10 connections, on the app as it runs
 * (every read queued and written in batches to the hash chain) beside the same app built with
 * read auditing off. Both apps run side by side and are measured in turns (off, on, off, on): in
 * one process whichever runs later is faster (JIT, WASM tiering), so single runs mislead.
 * Afterwards every read must be in the trail and the chain intact.
 */
export async function benchAuditRead(database: BenchDatabase): Promise<Figure[]> {
  const open = async (auditReads: boolean) => {
    const app = await database.start({}, { auditReads });
    const target = await sessionRead(app);
    const rates: number[] = [];
    const latencies: string[] = [];
    return {
      app,
      target,
      async measure(seconds: number) {
        const result = await httpLoad(target.url, { seconds, headers: { cookie: target.cookie } });
        if (result.errors > 0) throw new Error(`GET /api/sessions/:id had ${result.errors} failed requests`);
        rates.push(result.requestsPerSecond);
        latencies.push(`${result.p50}/${result.p99}`);
        return result;
      },
      rates,
      latencies,
    };
  };
  const off = await open(false);
  const on = await open(true);
  try {
    // Warm-up of both, then the turns.
    for (const side of [off, on]) await side.measure(1);
    for (const side of [off, on]) side.rates.length = side.latencies.length = 0;
    await on.app.flushAudit();
    const before = await auditedReads(on.app.db, on.target.organizationId);
    for (let round = 0; round < 2; round++) for (const side of [off, on]) await side.measure(SECONDS);
    await Promise.all([on.app.flushAudit(), off.app.flushAudit()]);
    const written = (await auditedReads(on.app.db, on.target.organizationId)) - before;
    if ((await auditedReads(off.app.db, off.target.organizationId)) !== 0) throw new Error('auditing off still wrote read events');
    const chain = await verifyAuditChain(on.app.db, on.target.organizationId);
    if (!chain.intact) throw new Error(`audit chain broken: ${JSON.stringify(chain.firstBroken)}`);
    // autocannon counts only the requests answered inside its window; a few more may be in flight.
    const answered = on.rates.reduce((sum, rate) => sum + rate * SECONDS, 0);
    if (written < answered * 0.95) throw new Error(`only ${written} of about ${Math.round(answered)} reads were audited`);
    const mean = (rates: number[]) => rates.reduce((sum, rate) => sum + rate, 0) / rates.length;
    process.stdout.write(
      `  audited reads written: ${written}, chain intact; req/s per turn on ${on.rates.map(Math.round).join(', ')} / off ${off.rates.map(Math.round).join(', ')}; ` +
        `p50/p99 ms on ${on.latencies.join(', ')} / off ${off.latencies.join(', ')}\n`,
    );
    return [
      {
        name: 'GET /api/sessions/:id audited, 10 connections',
        value: mean(on.rates),
        unit: 'req/s',
        floor: mean(off.rates),
        floorName: 'the same app, read auditing off',
        higherIsBetter: true,
      },
    ];
  } finally {
    await on.app.close();
    await off.app.close();
  }
}

async function auditedReads(db: BenchApp['db'], organizationId: string): Promise<number> {
  const row = await db
    .selectFrom('audit_events')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('organization_id', '=', organizationId)
    .where('action', '=', 'session.read')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
