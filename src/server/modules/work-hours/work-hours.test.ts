import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../testing/factories';
import { type SignedIn, startTestApp, type TestApp } from '../../testing/harness';

let t: TestApp;
let provider: SignedIn;
beforeAll(async () => {
  t = await startTestApp();
  provider = await t.staff(['provider']);
});
afterAll(() => t.close());

const week = {
  timeZone: 'Europe/Berlin',
  weekly: [
    { weekday: 1, start: '13:00', end: '17:00' },
    { weekday: 1, start: '09:00', end: '12:00' },
    { weekday: 5, start: '20:00', end: '24:00' },
  ],
  overrides: [
    { date: '2026-12-24', ranges: [] },
    { date: '2026-12-23', ranges: [{ start: '08:00', end: '10:00' }] },
  ],
};

const put = (who: SignedIn, userId: string, body: unknown) =>
  t.request({ method: 'PUT', url: `/api/users/${userId}/work-hours`, cookie: who.cookie, body });

describe('Work Hours', () => {
  it('starts empty in the provider’s own zone', async () => {
    const response = await t.request({ url: `/api/users/${provider.id}/work-hours`, cookie: provider.cookie });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ timeZone: 'America/New_York', weekly: [], overrides: [] });
  });

  it('a provider saves their own and reads them back in a stable order', async () => {
    const saved = await put(provider, provider.id, week);
    expect(saved.status).toBe(200);
    const expected = {
      timeZone: 'Europe/Berlin',
      weekly: [
        { weekday: 1, start: '09:00', end: '12:00' },
        { weekday: 1, start: '13:00', end: '17:00' },
        { weekday: 5, start: '20:00', end: '24:00' },
      ],
      overrides: [
        { date: '2026-12-23', ranges: [{ start: '08:00', end: '10:00' }] },
        { date: '2026-12-24', ranges: [] },
      ],
    };
    expect(saved.body).toEqual(expected);
    expect((await t.request({ url: `/api/users/${provider.id}/work-hours`, cookie: provider.cookie })).body).toEqual(expected);
  });

  it('reports every bad field at its path and keeps what was saved', async () => {
    await put(provider, provider.id, week);
    const response = await put(provider, provider.id, {
      timeZone: 'Moon/Base',
      weekly: [
        { weekday: 2, start: '09:00', end: '12:00' },
        { weekday: 2, start: '11:30', end: '13:00' },
        { weekday: 8, start: '09:00', end: '10:00' },
        { weekday: 3, start: '10:00', end: '09:00' },
        { weekday: 4, start: '24:00', end: '24:00' },
        { weekday: 4, start: '9:00', end: '25:00' },
      ],
      overrides: [
        { date: '2026-02-30', ranges: [] },
        { date: '2026-12-01', ranges: [] },
        { date: '2026-12-01', ranges: [] },
      ],
    });
    expect(response.status).toBe(400);
    const paths = response.body.errors.map((e: { path: string }) => e.path).sort();
    expect(paths).toEqual(
      [
        'timeZone',
        'weekly.1.start',
        'weekly.2.weekday',
        'weekly.3.end',
        'weekly.4.start',
        'weekly.5.start',
        'weekly.5.end',
        'overrides.0.date',
        'overrides.2.date',
      ].sort(),
    );
    expect(response.body.errors).toContainEqual({ path: 'weekly.1.start', message: 'Overlaps 09:00–12:00' });
    const stored = await t.request({ url: `/api/users/${provider.id}/work-hours`, cookie: provider.cookie });
    expect(stored.body.timeZone).toBe('Europe/Berlin');
  });

  it('allows ranges that touch, and a range ending at midnight', async () => {
    const response = await put(provider, provider.id, {
      timeZone: 'UTC',
      weekly: [
        { weekday: 7, start: '00:00', end: '12:00' },
        { weekday: 7, start: '12:00', end: '24:00' },
      ],
      overrides: [],
    });
    expect(response.status).toBe(200);
  });

  it('dispatchers and administrators edit anyone’s in their organization; another provider cannot', async () => {
    const dispatcher = await t.staff(['dispatcher'], provider.organizationId);
    const other = await t.staff(['provider'], provider.organizationId);
    expect((await put(dispatcher, provider.id, week)).status).toBe(200);
    const denied = await put(other, provider.id, week);
    expect(denied.status).toBe(403);
    expect((await t.request({ url: `/api/users/${provider.id}/work-hours`, cookie: other.cookie })).status).toBe(403);
  });

  it('is 404 for another organization’s provider and for a user who is not a provider', async () => {
    const foreignAdmin = await t.staff(['admin']);
    expect((await put(foreignAdmin, provider.id, week)).status).toBe(404);
    const dispatcherUser = await createUser(t.db, provider.organizationId, { roles: ['dispatcher'] });
    const admin = await t.staff(['admin'], provider.organizationId);
    expect((await put(admin, dispatcherUser.id, week)).status).toBe(404);
    const rows = await t.db.selectFrom('work_hours').select('user_id').where('user_id', '=', dispatcherUser.id).execute();
    expect(rows).toEqual([]);
  });
});
