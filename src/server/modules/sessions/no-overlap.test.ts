import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createService } from '../../testing/catalog-factories';
import { insertSession } from '../../testing/catalog-factories';
import { createOrganization, createUser } from '../../testing/factories';
import { startTestApp, type TestApp } from '../../testing/harness';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

async function hostWithService() {
  const org = await createOrganization(t.db);
  const host = await createUser(t.db, org.id, { roles: ['provider'] });
  const service = await createService(t.db, org.id);
  const base = { organizationId: org.id, serviceId: service.id, sessionTypeId: service.sessionTypeIds[0]!, hostId: host.id };
  return { org, host, base };
}

describe('the sessions table refuses double booking by itself', () => {
  it('rejects an overlapping session of the same host, whatever the lengths', async () => {
    const { base } = await hostWithService();
    await insertSession(t.db, { ...base, start: '2026-03-02T15:00:00Z', end: '2026-03-02T16:00:00Z' });
    await expect(insertSession(t.db, { ...base, start: '2026-03-02T15:59:00Z', end: '2026-03-02T16:10:00Z' })).rejects.toMatchObject({
      code: '23P01',
      constraint: 'sessions_no_overlap',
    });
    await expect(insertSession(t.db, { ...base, start: '2026-03-02T14:00:00Z', end: '2026-03-02T18:00:00Z' })).rejects.toMatchObject({
      code: '23P01',
    });
  });

  it('accepts touching sessions, another host at the same time, and a canceled overlap', async () => {
    const { base, org } = await hostWithService();
    const otherHost = await createUser(t.db, org.id, { roles: ['provider'] });
    await insertSession(t.db, { ...base, start: '2026-03-02T15:00:00Z', end: '2026-03-02T16:00:00Z' });
    await insertSession(t.db, { ...base, start: '2026-03-02T16:00:00Z', end: '2026-03-02T16:30:00Z' });
    await insertSession(t.db, { ...base, hostId: otherHost.id, start: '2026-03-02T15:00:00Z', end: '2026-03-02T16:00:00Z' });
    await insertSession(t.db, { ...base, start: '2026-03-02T15:15:00Z', end: '2026-03-02T15:45:00Z', status: 'canceled' });
    const count = await t.db.selectFrom('sessions').select(t.db.fn.countAll<number>().as('n')).where('host_id', '=', base.hostId).executeTakeFirstOrThrow();
    expect(count.n).toBe(3);
  });

  it('refuses a host, service or session type of another organization', async () => {
    const { base } = await hostWithService();
    const foreign = await hostWithService();
    await expect(insertSession(t.db, { ...base, hostId: foreign.host.id, start: '2026-03-03T15:00:00Z', end: '2026-03-03T16:00:00Z' })).rejects.toMatchObject({ code: '23503' });
    await expect(insertSession(t.db, { ...base, serviceId: foreign.base.serviceId, start: '2026-03-03T15:00:00Z', end: '2026-03-03T16:00:00Z' })).rejects.toMatchObject({ code: '23503' });
  });

  it('refuses an end before the start', async () => {
    const { base } = await hostWithService();
    await expect(insertSession(t.db, { ...base, start: '2026-03-04T16:00:00Z', end: '2026-03-04T15:00:00Z' })).rejects.toMatchObject({ code: '23514' });
  });
});
