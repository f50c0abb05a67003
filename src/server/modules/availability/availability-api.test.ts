import { brotliDecompressSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { availabilitySchema } from '../../../shared/availability';
import { createService, insertSession, setWorkHours } from '../../testing/catalog-factories';
import { createUser } from '../../testing/factories';
import { type SignedIn, startTestApp, type TestApp } from '../../testing/harness';

// The clock stands at Monday 2026-03-02 15:00Z, which is 10:00 in New York (EST, UTC−5).
let t: TestApp;
let dispatcher: SignedIn;
let provider: SignedIn;
let service: Awaited<ReturnType<typeof createService>>;

const NINE_TO_FIVE = [1, 2, 3, 4, 5].map((weekday) => ({ weekday, start: '09:00', end: '17:00' }));

beforeAll(async () => {
  t = await startTestApp();
  dispatcher = await t.staff(['dispatcher']);
  provider = await t.staff(['provider'], dispatcher.organizationId);
  service = await createService(t.db, dispatcher.organizationId, { durationMinutes: 30 });
  await setWorkHours(t.db, dispatcher.organizationId, provider.id, { timeZone: 'America/New_York', weekly: NINE_TO_FIVE, overrides: [] });
});
afterAll(() => t.close());

const availability = (who: SignedIn, params: Record<string, string>) =>
  t.request({ url: `/api/availability?${new URLSearchParams({ hostId: provider.id, serviceId: service.id, ...params })}`, cookie: who.cookie });

const starts = (body: { slots: { start: string }[] }) => body.slots.map((slot) => slot.start);

describe('GET /api/availability', () => {
  it('offers every 15 minutes of a working day in the host’s zone', async () => {
    // Tuesday 2026-03-03, 09:00–17:00 EST = 14:00Z–22:00Z; 30-minute slots, the last at 16:30.
    const response = await availability(dispatcher, { from: '2026-03-03', to: '2026-03-03' });
    expect(response.status).toBe(200);
    expect(response.body.hostId).toBe(provider.id);
    expect(response.body.timeZone).toBe('America/New_York');
    expect(response.body.slots).toHaveLength(31);
    expect(response.body.slots[0]).toEqual({ start: '2026-03-03T14:00:00.000Z', end: '2026-03-03T14:30:00.000Z' });
    expect(response.body.slots.at(-1)).toEqual({ start: '2026-03-03T21:30:00.000Z', end: '2026-03-03T22:00:00.000Z' });
  });

  it('answers exactly what its documented schema allows, though zod does not write the answer', async () => {
    // The 200 answer skips zod's encode (routes.ts): this holds it to the schema instead, strictly
    // (no extra field could leak out unnoticed).
    const response = await availability(dispatcher, { from: '2026-03-03', to: '2026-03-09' });
    expect(response.status).toBe(200);
    const strict = availabilitySchema.extend({ slots: z.array(z.strictObject({ start: z.iso.datetime(), end: z.iso.datetime() })) }).strict();
    expect(strict.safeParse(response.body).error).toBeUndefined();
    expect(response.body.slots.length).toBeGreaterThan(100);
  });

  it('goes out compressed in one piece when the client asks: brotli, its length known (not chunked)', async () => {
    const params = new URLSearchParams({ hostId: provider.id, serviceId: service.id, from: '2026-03-03', to: '2026-03-09' });
    const response = await t.request({ url: `/api/availability?${params}`, cookie: dispatcher.cookie, headers: { 'accept-encoding': 'br, gzip' } });
    expect(response.headers['content-encoding']).toBe('br');
    expect(response.headers['transfer-encoding']).toBeUndefined();
    expect(Number(response.headers['content-length'])).toBe(response.rawPayload.byteLength);
    const answer = JSON.parse(brotliDecompressSync(response.rawPayload).toString());
    expect(answer.slots.length).toBeGreaterThan(100);
    expect(response.rawPayload.byteLength).toBeLessThan(JSON.stringify(answer).length / 4);
  });

  it('leaves out times taken by the host’s sessions, but not canceled ones', async () => {
    // 10:00–11:00 EST on Wednesday 2026-03-04 is 15:00Z–16:00Z.
    const base = { organizationId: dispatcher.organizationId, serviceId: service.id, sessionTypeId: service.sessionTypeIds[0]!, hostId: provider.id };
    await insertSession(t.db, { ...base, start: '2026-03-04T15:00:00Z', end: '2026-03-04T16:00:00Z' });
    await insertSession(t.db, { ...base, start: '2026-03-04T18:00:00Z', end: '2026-03-04T19:00:00Z', status: 'canceled' });
    const slots = starts((await availability(dispatcher, { from: '2026-03-04', to: '2026-03-04' })).body);
    expect(slots).toContain('2026-03-04T14:30:00.000Z'); // 09:30–10:00 touches the session: free
    for (const taken of ['14:45', '15:00', '15:30', '15:45']) expect(slots).not.toContain(`2026-03-04T${taken}:00.000Z`);
    expect(slots).toContain('2026-03-04T16:00:00.000Z');
    expect(slots).toContain('2026-03-04T18:00:00.000Z'); // the canceled session's time is free
  });

  it('starts today at the current time, plus the organization’s minimum notice', async () => {
    const today = starts((await availability(dispatcher, { from: '2026-03-02', to: '2026-03-02' })).body);
    expect(today[0]).toBe('2026-03-02T15:00:00.000Z'); // 10:00 EST, now

    await t.db.updateTable('organizations').set({ minimum_notice_minutes: 120 }).where('id', '=', dispatcher.organizationId).execute();
    const withNotice = starts((await availability(dispatcher, { from: '2026-03-02', to: '2026-03-02' })).body);
    expect(withNotice[0]).toBe('2026-03-02T17:00:00.000Z'); // 12:00 EST
    await t.db.updateTable('organizations').set({ minimum_notice_minutes: 0 }).where('id', '=', dispatcher.organizationId).execute();
  });

  it('follows the host’s zone across the spring-forward change', async () => {
    // Monday 2026-03-09 is the first weekday after 2026-03-08 02:00 EST → 03:00 EDT (UTC−4): 09:00 EDT = 13:00Z.
    const slots = starts((await availability(dispatcher, { from: '2026-03-06', to: '2026-03-09' })).body);
    expect(slots).toContain('2026-03-06T14:00:00.000Z'); // Friday 09:00 EST
    expect(slots.filter((s) => s.startsWith('2026-03-07') || s.startsWith('2026-03-08'))).toEqual([]);
    expect(slots.find((s) => s.startsWith('2026-03-09'))).toBe('2026-03-09T13:00:00.000Z');
  });

  it('honours a date override (a day off) and accepts instants for the window', async () => {
    await setWorkHours(t.db, dispatcher.organizationId, provider.id, {
      timeZone: 'America/New_York',
      weekly: NINE_TO_FIVE,
      overrides: [{ date: '2026-03-11', ranges: [] }, { date: '2026-03-12', ranges: [{ start: '13:00', end: '14:00' }] }],
    });
    const slots = starts((await availability(dispatcher, { from: '2026-03-11T00:00:00Z', to: '2026-03-13T04:00:00Z' })).body);
    // 13:00–14:00 EDT on 2026-03-12 is 17:00Z–18:00Z: 30-minute slots on a 15-minute step start at :00, :15, :30.
    expect(slots).toEqual(['2026-03-12T17:00:00.000Z', '2026-03-12T17:15:00.000Z', '2026-03-12T17:30:00.000Z']);
    await setWorkHours(t.db, dispatcher.organizationId, provider.id, { timeZone: 'America/New_York', weekly: NINE_TO_FIVE, overrides: [] });
  });

  it('has no slots for a host without Work Hours', async () => {
    const newcomer = await createUser(t.db, dispatcher.organizationId, { roles: ['provider'], timeZone: 'Asia/Kolkata' });
    const response = await t.request({
      url: `/api/availability?hostId=${newcomer.id}&serviceId=${service.id}&from=2026-03-03&to=2026-03-05`,
      cookie: dispatcher.cookie,
    });
    expect(response.body).toEqual({ hostId: newcomer.id, timeZone: 'Asia/Kolkata', slots: [] });
  });

  it('allows 62 days and refuses 63, or a window that ends before it starts', async () => {
    expect((await availability(dispatcher, { from: '2026-03-01', to: '2026-05-01' })).status).toBe(200);
    const tooLong = await availability(dispatcher, { from: '2026-03-01', to: '2026-05-02' });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.errors).toEqual([{ path: 'to', message: 'The window can span at most 62 days' }]);
    const backwards = await availability(dispatcher, { from: '2026-03-05', to: '2026-03-04' });
    expect(backwards.body.errors).toEqual([{ path: 'to', message: 'Must be after from' }]);
    const garbage = await availability(dispatcher, { from: 'next tuesday', to: '2026-03-04' });
    expect(garbage.body.errors).toEqual([{ path: 'from', message: 'Use a date (YYYY-MM-DD) or an ISO 8601 instant' }]);
    const missing = await t.request({ url: `/api/availability?hostId=${provider.id}`, cookie: dispatcher.cookie });
    expect(missing.body.errors.map((e: { path: string }) => e.path)).toEqual(['serviceId']);
  });

  it('gives the earliest slots only, up to `limit`', async () => {
    const firstThree = await availability(dispatcher, { from: '2026-03-03', to: '2026-03-03', limit: '3' });
    expect(starts(firstThree.body)).toEqual(['2026-03-03T14:00:00.000Z', '2026-03-03T14:15:00.000Z', '2026-03-03T14:30:00.000Z']);
    for (const limit of ['0', '-1', '1.5', 'one']) {
      const refused = await availability(dispatcher, { from: '2026-03-03', to: '2026-03-03', limit });
      expect(refused.status, limit).toBe(400);
      expect(refused.body.errors.map((e: { path: string }) => e.path), limit).toEqual(['limit']);
    }
  });

  it('looks 62 days ahead when no window is given, and then says there is no free time', async () => {
    // Now is 2026-03-02T15:00Z, so the default window ends 2026-05-03T15:00Z (11:00 EDT).
    const rarely = await createUser(t.db, dispatcher.organizationId, { roles: ['provider'] });
    const onlyOn = (date: string) =>
      setWorkHours(t.db, dispatcher.organizationId, rarely.id, { timeZone: 'America/New_York', weekly: [], overrides: [{ date, ranges: [{ start: '09:00', end: '12:00' }] }] });
    const first = () => availability(dispatcher, { hostId: rarely.id, limit: '1' }).then((response) => starts(response.body));

    await onlyOn('2026-05-03'); // 09:00 EDT = 13:00Z: inside the window
    expect(await first()).toEqual(['2026-05-03T13:00:00.000Z']);
    await onlyOn('2026-05-04');
    expect(await first()).toEqual([]);
    // A window that only starts is as long as allowed.
    const fromOnly = await availability(dispatcher, { hostId: rarely.id, from: '2026-03-10', limit: '1' });
    expect(starts(fromOnly.body)).toEqual(['2026-05-04T13:00:00.000Z']);
  });

  it('lets a provider see their own availability only', async () => {
    expect((await availability(provider, { from: '2026-03-03', to: '2026-03-03' })).status).toBe(200);
    const other = await t.staff(['provider'], dispatcher.organizationId);
    const denied = await availability(other, { from: '2026-03-03', to: '2026-03-03' });
    expect(denied.status).toBe(403);
  });

  it('is 404 for a host or service of another organization, or an inactive service; 400 for a non-provider host', async () => {
    const foreign = await t.staff(['admin']);
    const foreignService = await createService(t.db, foreign.organizationId);
    expect((await availability(foreign, { from: '2026-03-03', to: '2026-03-03', serviceId: foreignService.id })).status).toBe(404);
    expect((await availability(dispatcher, { from: '2026-03-03', to: '2026-03-03', serviceId: foreignService.id })).status).toBe(404);
    const inactive = await createService(t.db, dispatcher.organizationId, { active: false });
    expect((await availability(dispatcher, { from: '2026-03-03', to: '2026-03-03', serviceId: inactive.id })).status).toBe(404);
    const notProvider = await availability(dispatcher, { from: '2026-03-03', to: '2026-03-03', hostId: dispatcher.id });
    expect(notProvider.status).toBe(400);
    expect(notProvider.body.errors).toEqual([{ path: 'hostId', message: 'This user is not a provider' }]);
  });
});

describe('GET /api/availability?limit=1 at the end of a month', () => {
  it('finds the first free time from the server’s now, in the next month', async () => {
    // Tuesday 2026-03-31 23:30 EDT (UTC−4) is 2026-04-01T03:30Z: nothing is left in March;
    // the first free time is Wednesday 1 April, 09:00 EDT = 13:00Z. A clock this far from the
    // other tests' needs its own app: signing in there would end their sign-ins as stale.
    const late = await startTestApp();
    try {
      late.clock.set('2026-04-01T03:30:00Z');
      const staff = await late.staff(['dispatcher', 'provider']);
      const followUp = await createService(late.db, staff.organizationId, { durationMinutes: 30 });
      await setWorkHours(late.db, staff.organizationId, staff.id, { timeZone: 'America/New_York', weekly: NINE_TO_FIVE, overrides: [] });
      const first = await late.request({ url: `/api/availability?hostId=${staff.id}&serviceId=${followUp.id}&limit=1`, cookie: staff.cookie });
      expect(first.status).toBe(200);
      expect(first.body).toEqual({
        hostId: staff.id,
        timeZone: 'America/New_York',
        slots: [{ start: '2026-04-01T13:00:00.000Z', end: '2026-04-01T13:30:00.000Z' }],
      });
    } finally {
      await late.close();
    }
  });
});
