import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createService, setWorkHours } from '../../testing/catalog-factories';
import { type SignedIn, startTestApp, type TestApp } from '../../testing/harness';

let t: TestApp;
let provider: SignedIn;
let sessionId: string;
beforeAll(async () => {
  t = await startTestApp();
  provider = await t.staff(['provider']);
  await setWorkHours(t.db, provider.organizationId, provider.id, {
    timeZone: 'Asia/Kolkata',
    weekly: [{ weekday: 2, start: '09:00', end: '17:00' }],
    overrides: [],
  });
  const service = await createService(t.db, provider.organizationId, { name: 'Follow-up visit', durationMinutes: 45 });
  // Tuesday 2026-03-03 09:30 in Asia/Kolkata (UTC+5:30) is 04:00Z.
  const created = await t.request({
    method: 'POST',
    url: '/api/sessions',
    cookie: provider.cookie,
    body: {
      serviceId: service.id,
      sessionTypeId: service.sessionTypeIds[0],
      start: '2026-03-03T04:00:00Z',
      participants: [{ name: 'Ravi', timeZone: 'Asia/Kolkata', invitationType: 'none' }],
    },
  });
  sessionId = created.body.id;
});
afterAll(() => t.close());

describe('GET /api/sessions/:id/calendar.ics', () => {
  it('downloads an event at the session’s instants with a stable UID', async () => {
    const response = await t.request({ url: `/api/sessions/${sessionId}/calendar.ics`, cookie: provider.cookie });
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toContain('text/calendar');
    expect(response.headers['content-disposition']).toBe('attachment; filename="carebeam-session-2026-03-03.ics"');
    const calendar = new ICAL.Component(ICAL.parse(response.text));
    expect(calendar.getFirstPropertyValue('method')).toBe('PUBLISH');
    const event = new ICAL.Event(calendar.getFirstSubcomponent('vevent')!);
    expect(event.uid).toBe(`session-${sessionId}@carebeam`);
    expect(event.startDate.toJSDate().toISOString()).toBe('2026-03-03T04:00:00.000Z');
    expect(event.endDate.toJSDate().toISOString()).toBe('2026-03-03T04:45:00.000Z');
    expect(event.summary).toBe(`Follow-up visit with ${provider.name}`);
    expect(event.sequence).toBe(0);
  });

  it('is 404 for someone who cannot see the session', async () => {
    const other = await t.staff(['provider'], provider.organizationId);
    expect((await t.request({ url: `/api/sessions/${sessionId}/calendar.ics`, cookie: other.cookie })).status).toBe(404);
  });
});

describe('private calendar feed', () => {
  it('serves the host’s sessions without participant names, and only until it is regenerated', async () => {
    const created = await t.request({ method: 'POST', url: '/api/me/calendar-feed', cookie: provider.cookie });
    expect(created.status).toBe(200);
    expect(created.body.webcal).toMatch(/^webcal:\/\/localhost:3000\/api\/calendar\/feed\/[A-Za-z0-9_-]{43}\.ics$/);
    const path = new URL(created.body.url).pathname;

    const feed = await t.request({ url: path }); // no cookie: calendar apps have none
    expect(feed.status).toBe(200);
    expect(feed.headers['content-type']).toContain('text/calendar');
    const events = new ICAL.Component(ICAL.parse(feed.text)).getAllSubcomponents('vevent').map((e) => new ICAL.Event(e));
    expect(events.map((e) => e.uid)).toEqual([`session-${sessionId}@carebeam`]);
    expect(events[0]!.summary).toMatch(/^Follow-up visit \(/);
    expect(feed.text).not.toContain('Ravi');

    const again = await t.request({ method: 'POST', url: '/api/me/calendar-feed', cookie: provider.cookie });
    expect((await t.request({ url: path })).status).toBe(404);
    expect((await t.request({ url: new URL(again.body.url).pathname })).status).toBe(200);
    expect((await t.request({ method: 'DELETE', url: '/api/me/calendar-feed', cookie: provider.cookie })).status).toBe(204);
    expect((await t.request({ url: new URL(again.body.url).pathname })).status).toBe(404);
  });

  it('is 404 for a malformed feed address', async () => {
    expect((await t.request({ url: '/api/calendar/feed/not-a-token.ics' })).status).toBe(404);
  });
});

