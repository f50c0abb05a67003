import { verifyAuditChain } from '../src/server/modules/audit';
import { demoFollowUp, startBenchApp } from './lib/bench-app';
import { httpLoad } from './lib/http-load';
import { sized } from './lib/profile';
import type { Figure } from './lib/report';

const SECONDS = sized(3, 10);

/** The demo provider's session with two participants, its URL and the provider's cookie. */
async function sessionRead(app: Awaited<ReturnType<typeof startBenchApp>>) {
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
 * read auditing off. Afterwards every read must be in the trail and the chain intact.
 */
export async function benchAuditRead(): Promise<Figure[]> {
  const load = async (auditReads: boolean) => {
    const app = await startBenchApp({}, { auditReads });
    try {
      const target = await sessionRead(app);
      // A warm-up, so neither side pays for the first requests' compilation.
      await httpLoad(target.url, { seconds: 1, headers: { cookie: target.cookie } });
      await app.flushAudit();
      const before = await auditedReads(app.db, target.organizationId);
      const result = await httpLoad(target.url, { seconds: SECONDS, headers: { cookie: target.cookie } });
      if (result.errors > 0) throw new Error(`GET /api/sessions/:id had ${result.errors} failed requests`);
      await app.flushAudit();
      const written = (await auditedReads(app.db, target.organizationId)) - before;
      const chain = await verifyAuditChain(app.db, target.organizationId);
      if (!chain.intact) throw new Error(`audit chain broken: ${JSON.stringify(chain.firstBroken)}`);
      return { result, written };
    } finally {
      await app.close();
    }
  };
  const off = await load(false);
  const on = await load(true);
  if (off.written !== 0) throw new Error(`auditing off still wrote ${off.written} read events`);
  // autocannon counts only the requests answered inside its window; a few more may be in flight.
  const requests = on.result.requestsPerSecond * SECONDS;
  if (on.written < requests * 0.95) throw new Error(`only ${on.written} of about ${Math.round(requests)} reads were audited`);
  process.stdout.write(`  audited reads written: ${on.written}; p50 ${on.result.p50} ms / p99 ${on.result.p99} ms (off: ${off.result.p50} / ${off.result.p99} ms)\n`);
  return [
    {
      name: 'GET /api/sessions/:id audited, 10 connections',
      value: on.result.requestsPerSecond,
      unit: 'req/s',
      floor: off.result.requestsPerSecond,
      floorName: 'the same app with read auditing off',
      higherIsBetter: true,
    },
  ];
}

async function auditedReads(db: Awaited<ReturnType<typeof startBenchApp>>['db'], organizationId: string): Promise<number> {
  const row = await db
    .selectFrom('audit_events')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('organization_id', '=', organizationId)
    .where('action', '=', 'session.read')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
