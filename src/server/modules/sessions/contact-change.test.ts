import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createService, setWorkHours } from '../../testing/catalog-factories';
import { type SignedIn, startTestApp, type TestApp } from '../../testing/harness';
import { type LiveTestClient, openLive } from '../../testing/live-client';

// When a participant's email changes, whatever was sent to the old address must stop opening
// their session: the old links and open pages end, the new address gets a new invitation, the old
// one is told, and each upcoming session's history says so. The clock stands at 2026-03-02T15:00Z.

let t: TestApp;
let admin: SignedIn;
let host: SignedIn;
let service: Awaited<ReturnType<typeof createService>>;
let origin: { http: string; ws: string };

beforeAll(async () => {
  t = await startTestApp();
  admin = await t.staff(['admin']);
  host = await t.staff(['provider'], admin.organizationId);
  const everyDay = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: '00:00', end: '24:00' }));
  await setWorkHours(t.db, admin.organizationId, host.id, { timeZone: 'UTC', weekly: everyDay, overrides: [] });
  service = await createService(t.db, admin.organizationId, { durationMinutes: 30 });
  origin = await t.listen();
});
afterAll(() => t.close());

/** A session of the host at `start` with one participant invited by email. */
const book = (start: string, name: string, email: string) =>
  t.request({
    method: 'POST',
    url: '/api/sessions',
    cookie: host.cookie,
    body: { serviceId: service.id, sessionTypeId: service.sessionTypeIds[0], start, participants: [{ name, email, timeZone: 'UTC', invitationType: 'email' }] },
  });

describe('changing a participant’s email', () => {
  it('revokes their links and open pages, invites the new address, tells the old one, and records it', async () => {
    const booked = await book('2026-03-03T10:00:00Z', 'Pat Moved', 'pat.old@example.test');
    expect(booked.status).toBe(201);
    const sessionId = booked.body.id as string;
    const participantId = booked.body.participants[0].id as string;
    const openPage = await t.participantCookie(sessionId, participantId, host.cookie);
    const unopened = await t.request({ method: 'POST', url: `/api/sessions/${sessionId}/participants/${participantId}/link`, cookie: host.cookie });
    const unopenedToken = /\/join\/(.+)$/.exec(unopened.body.url)![1]!;
    const socket = (await openLive(`${origin.ws}/api/portal/live`, { cookie: openPage, origin: 'http://localhost:3000' })) as LiveTestClient;
    expect((await t.request({ url: '/api/portal/session', cookie: openPage })).status).toBe(200);

    const changed = await t.request({ method: 'PATCH', url: `/api/participants/${participantId}`, cookie: admin.cookie, body: { email: 'pat.new@example.test' } });
    expect(changed.status, changed.text).toBe(200);

    expect((await t.request({ url: '/api/portal/session', cookie: openPage })).status).toBe(401);
    expect((await t.request({ method: 'POST', url: '/api/portal/exchange', body: { token: unopenedToken } })).status).toBeGreaterThanOrEqual(400);
    expect((await socket.closed).code).toBeGreaterThanOrEqual(4000);

    const messages = await t.db.selectFrom('outbox_messages').select(['kind', 'recipient', 'body_text']).where('session_id', '=', sessionId).execute();
    expect(messages.map((m) => `${m.kind} ${m.recipient}`).sort()).toEqual([
      'contact_changed pat.old@example.test',
      'invitation pat.new@example.test',
      'invitation pat.old@example.test',
    ]);
    expect(messages.find((m) => m.kind === 'contact_changed')!.body_text).not.toContain('__JOIN_LINK__');

    const history = await t.request({ url: `/api/sessions/${sessionId}/history`, cookie: admin.cookie });
    expect(history.body.map((e: { type: string }) => e.type)).toContain('participant_contact_changed');
    expect(history.body.find((e: { type: string }) => e.type === 'participant_contact_changed').data).toEqual({ participantId, name: 'Pat Moved', changed: ['email'] });
  });

  it('changes nothing else when only the name changes', async () => {
    const booked = await book('2026-03-04T10:00:00Z', 'Sam Same', 'sam@example.test');
    const participantId = booked.body.participants[0].id as string;
    const page = await t.participantCookie(booked.body.id, participantId, host.cookie);
    expect((await t.request({ method: 'PATCH', url: `/api/participants/${participantId}`, cookie: admin.cookie, body: { name: 'Sam Samuel' } })).status).toBe(200);
    expect((await t.request({ url: '/api/portal/session', cookie: page })).status).toBe(200);
    const messages = await t.db.selectFrom('outbox_messages').select('kind').where('session_id', '=', booked.body.id).execute();
    expect(messages.map((m) => m.kind)).toEqual(['invitation']);
  });
});
