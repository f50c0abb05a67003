import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDocumentTemplate, createService, insertSession, setWorkHours } from '../../testing/catalog-factories';
import { createUser } from '../../testing/factories';
import { type SignedIn, startTestApp, type TestApp } from '../../testing/harness';

// The clock stands at Monday 2026-03-02 15:00Z = 10:00 in New York (EST, UTC−5).
// Tuesday 2026-03-03 10:00 EST = 15:00Z; the provider works 09:00–17:00 New York time.
let t: TestApp;
let admin: SignedIn;
let dispatcher: SignedIn;
let provider: SignedIn;
let otherProvider: SignedIn;
let followUp: Awaited<ReturnType<typeof createService>>;
let longVisit: Awaited<ReturnType<typeof createService>>;
let consent: { id: string };
let checklist: { id: string };
let patient: { id: string };

const NINE_TO_FIVE = [1, 2, 3, 4, 5].map((weekday) => ({ weekday, start: '09:00', end: '17:00' }));
const TUESDAY_10 = '2026-03-03T15:00:00.000Z';

beforeAll(async () => {
  // A day of idle time: the Meet Now test moves the clock by hours without signing out anyone.
  t = await startTestApp({ config: { signInIdleMinutes: 24 * 60 } });
  admin = await t.staff(['admin']);
  const org = admin.organizationId;
  dispatcher = await t.staff(['dispatcher'], org);
  provider = await t.staff(['provider'], org);
  otherProvider = await t.staff(['provider'], org);
  for (const p of [provider, otherProvider]) await setWorkHours(t.db, org, p.id, { timeZone: 'America/New_York', weekly: NINE_TO_FIVE, overrides: [] });
  consent = await createDocumentTemplate(t.db, org, { name: 'Consent', audience: 'participant' });
  checklist = await createDocumentTemplate(t.db, org, { name: 'Checklist', audience: 'host' });
  followUp = await createService(t.db, org, { name: 'Follow-up', durationMinutes: 30 });
  longVisit = await createService(t.db, org, { name: 'Long visit', durationMinutes: 60, sessionTypeIds: followUp.sessionTypeIds });
  await t.db.insertInto('service_document_templates').values({ organization_id: org, service_id: followUp.id, template_id: consent.id }).execute();
  const created = await t.request({
    method: 'POST',
    url: '/api/participants',
    cookie: admin.cookie,
    body: { name: 'Pat Existing', email: 'pat@example.test', timeZone: 'America/Chicago', invitationType: 'email' },
  });
  patient = created.body;
});
afterAll(() => t.close());

const book = (who: SignedIn, body: Record<string, unknown>, headers: Record<string, string> = {}) =>
  t.request({
    method: 'POST',
    url: '/api/sessions',
    cookie: who.cookie,
    headers,
    body: { serviceId: followUp.id, sessionTypeId: followUp.sessionTypeIds[0], participants: [{ participantId: patient.id }], ...body },
  });

async function counts() {
  const count = async (table: 'sessions' | 'session_participants' | 'session_documents' | 'session_history' | 'participants') =>
    (await t.db.selectFrom(table).select(t.db.fn.countAll<number>().as('n')).where('organization_id', '=', admin.organizationId).executeTakeFirstOrThrow()).n;
  return {
    sessions: await count('sessions'),
    participants: await count('session_participants'),
    documents: await count('session_documents'),
    history: await count('session_history'),
    directory: await count('participants'),
  };
}

let nextDay = 0;
/** A fresh weekday 10:00 New York time, so tests do not collide: 2026-03-10 onwards. */
function freshWeekday(hour = 10): string {
  const day = new Date(Date.UTC(2026, 2, 10 + nextDay++));
  while ([0, 6].includes(day.getUTCDay())) {
    day.setUTCDate(day.getUTCDate() + 1);
    nextDay++;
  }
  // After 2026-03-08 New York is on EDT (UTC−4).
  return new Date(day.getTime() + (hour + 4) * 3600_000).toISOString();
}

describe('POST /api/sessions', () => {
  it('books a free time with an existing and a new participant, the service’s documents and the history, at once', async () => {
    const before = await counts();
    const response = await book(provider, {
      start: TUESDAY_10,
      participants: [
        { participantId: patient.id },
        { name: 'Rosa Relative', timeZone: 'Europe/Madrid', invitationType: 'sms', phone: '+34 612 34 56 78' },
      ],
    });
    expect(response.status).toBe(201);
    expect(response.body).toEqual({
      id: expect.any(String),
      status: 'scheduled',
      start: TUESDAY_10,
      end: '2026-03-03T15:30:00.000Z',
      hostId: provider.id,
      serviceId: followUp.id,
      sessionTypeId: followUp.sessionTypeIds[0],
      participants: [
        { id: patient.id, name: 'Pat Existing', timeZone: 'America/Chicago', invitationType: 'email' },
        { id: expect.any(String), name: 'Rosa Relative', timeZone: 'Europe/Madrid', invitationType: 'sms' },
      ],
      version: 1,
      startedAt: null,
      endedAt: null,
    });
    expect(await counts()).toEqual({
      sessions: before.sessions + 1,
      participants: before.participants + 2,
      documents: before.documents + 2, // the service's consent, once per participant
      history: before.history + 1,
      directory: before.directory + 1,
    });
    const directory = await t.request({ url: '/api/participants?query=rosa', cookie: provider.cookie });
    expect(directory.body).toEqual([expect.objectContaining({ name: 'Rosa Relative', phone: '+34612345678' })]);
    const history = await t.db.selectFrom('session_history').selectAll().where('session_id', '=', response.body.id).execute();
    expect(history.map((h) => [h.type, h.actor_kind, h.actor_id])).toEqual([['created', 'user', provider.id]]);
  });

  it('assigns exactly the documents named: participant ones to each participant, host ones to the host', async () => {
    const second = await t.request({
      method: 'POST',
      url: '/api/participants',
      cookie: admin.cookie,
      body: { name: 'Second Person', timeZone: 'UTC', invitationType: 'none' },
    });
    const response = await book(dispatcher, {
      hostId: otherProvider.id,
      start: freshWeekday(),
      documentTemplateIds: [consent.id, checklist.id],
      participants: [{ participantId: patient.id }, { participantId: second.body.id }],
    });
    expect(response.status).toBe(201);
    const details = await t.request({ url: `/api/sessions/${response.body.id}`, cookie: dispatcher.cookie });
    const assigned = details.body.documents.map((d: { name: string; assignee: { kind: string; id: string }; status: string }) => [d.name, d.assignee.kind, d.assignee.id, d.status]);
    expect(assigned.sort()).toEqual(
      [
        ['Checklist', 'host', otherProvider.id, 'pending'],
        ['Consent', 'participant', patient.id, 'pending'],
        ['Consent', 'participant', second.body.id, 'pending'],
      ].sort(),
    );

    const none = await book(provider, { start: freshWeekday(), documentTemplateIds: [] });
    const noDocs = await t.request({ url: `/api/sessions/${none.body.id}`, cookie: provider.cookie });
    expect(noDocs.body.documents).toEqual([]);
  });

  it('refuses a time outside Work Hours or off the slot grid with 409 outside_work_hours, writing nothing', async () => {
    const before = await counts();
    for (const start of ['2026-03-07T15:00:00Z' /* Saturday */, '2026-03-03T13:00:00Z' /* 08:00 */, '2026-03-03T21:45:00Z' /* 16:45, ends 17:15 */, '2026-03-03T15:07:00Z' /* 10:07 */]) {
      const response = await book(provider, { start, participants: [{ name: 'Never Saved', timeZone: 'UTC', invitationType: 'none' }] });
      expect(response.status, start).toBe(409);
      expect(response.body.code).toBe('outside_work_hours');
    }
    expect(await counts()).toEqual(before);
  });

  it('refuses an overlapping time with 409 slot_unavailable from the database, leaving no participant behind', async () => {
    const start = freshWeekday();
    expect((await book(provider, { start })).status).toBe(201);
    const before = await counts();
    const overlapping = new Date(Date.parse(start) + 15 * 60_000).toISOString();
    const response = await book(provider, {
      start: overlapping,
      participants: [{ name: 'Orphan Risk', email: 'orphan@example.test', timeZone: 'UTC', invitationType: 'email' }],
    });
    expect(response.status).toBe(409);
    expect(response.body.code).toBe('slot_unavailable');
    expect(await counts()).toEqual(before);
    const orphan = await t.db.selectFrom('participants').select('id').where('email', '=', 'orphan@example.test').execute();
    expect(orphan).toEqual([]);
  });

  it('books a canceled session’s time again', async () => {
    const start = freshWeekday();
    const first = await book(provider, { start });
    await t.db.updateTable('sessions').set({ status: 'canceled' }).where('id', '=', first.body.id).execute();
    expect((await book(provider, { start })).status).toBe(201);
  });

  it('Meet Now across midnight, for a host at work around the clock (work ranges touching at 00:00)', async () => {
    try {
      const host = await t.staff(['provider'], admin.organizationId);
      const allDay = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: '00:00', end: '24:00' }));
      await setWorkHours(t.db, admin.organizationId, host.id, { timeZone: 'UTC', weekly: allDay, overrides: [] });
      t.clock.set('2026-03-02T23:50:00Z'); // 23:50–00:20 UTC
      const late = await book(host, { meetNow: true });
      expect(late.status).toBe(201);
      expect(late.body.end).toBe('2026-03-03T00:20:00.000Z');
    } finally {
      t.clock.set('2026-03-02T15:00:00Z');
    }
  });

  it('Meet Now starts at the current minute inside Work Hours, and outside them only when confirmed', async () => {
    try {
      const host = await t.staff(['provider'], admin.organizationId);
      await setWorkHours(t.db, admin.organizationId, host.id, { timeZone: 'America/New_York', weekly: NINE_TO_FIVE, overrides: [] });
      t.clock.set('2026-03-02T15:20:30Z'); // Monday 10:20:30 EST
      const now = await book(host, { meetNow: true });
      expect(now.status).toBe(201);
      expect(now.body.start).toBe('2026-03-02T15:20:00.000Z');
      expect(now.body.end).toBe('2026-03-02T15:50:00.000Z');

      t.clock.set('2026-03-02T23:10:00Z'); // 18:10 EST, after hours
      const late = await book(host, { meetNow: true });
      expect(late.status).toBe(409);
      expect(late.body.code).toBe('outside_work_hours');
      const confirmed = await book(host, { meetNow: true, allowOutsideWorkHours: true });
      expect(confirmed.status).toBe(201);
      const busy = await book(host, { meetNow: true, allowOutsideWorkHours: true });
      expect(busy.body.code).toBe('slot_unavailable');
    } finally {
      t.clock.set('2026-03-02T15:00:00Z');
    }
  });

  it('refuses a time that has passed (400) and one sooner than the minimum notice (409 too_soon)', async () => {
    const past = await book(provider, { start: '2026-03-02T14:30:00Z' });
    expect(past.status).toBe(400);
    expect(past.body.errors).toEqual([{ path: 'start', message: 'This time has passed' }]);
    await t.db.updateTable('organizations').set({ minimum_notice_minutes: 24 * 60 }).where('id', '=', admin.organizationId).execute();
    const soon = await book(provider, { start: '2026-03-02T19:00:00Z' });
    expect(soon.status).toBe(409);
    expect(soon.body.code).toBe('too_soon');
    await t.db.updateTable('organizations').set({ minimum_notice_minutes: 0 }).where('id', '=', admin.organizationId).execute();
  });

  it('enforces who may host: 403 for a provider naming another, 400 without a host, 404 across organizations', async () => {
    const start = freshWeekday();
    expect((await book(provider, { start, hostId: otherProvider.id })).status).toBe(403);
    const noHost = await book(dispatcher, { start });
    expect(noHost.status).toBe(400);
    expect(noHost.body.errors).toEqual([{ path: 'hostId', message: 'Choose the session host' }]);
    const stranger = await t.staff(['provider']);
    expect((await book(dispatcher, { start, hostId: stranger.id })).status).toBe(404);
    const foreignService = await createService(t.db, stranger.organizationId);
    expect((await book(provider, { start, serviceId: foreignService.id, sessionTypeId: foreignService.sessionTypeIds[0] })).status).toBe(404);
    const wrongType = await book(provider, { start, sessionTypeId: foreignService.sessionTypeIds[0] });
    expect(wrongType.status).toBe(400);
    expect(wrongType.body.errors).toEqual([{ path: 'sessionTypeId', message: 'Follow-up is not offered as this session type' }]);
    const dispatcherUser = await createUser(t.db, admin.organizationId, { roles: ['dispatcher'] });
    expect((await book(admin, { start, hostId: dispatcherUser.id })).body.errors).toEqual([{ path: 'hostId', message: 'This user is not a provider' }]);
  });

  it('names every bad field of the body', async () => {
    const response = await t.request({
      method: 'POST',
      url: '/api/sessions',
      cookie: provider.cookie,
      body: {
        serviceId: 'nope',
        sessionTypeId: followUp.sessionTypeIds[0],
        start: '2026-03-03 10:00',
        participants: [
          { name: '', invitationType: 'email' },
          { name: 'Sam', timeZone: 'UTC', invitationType: 'sms', phone: '555-1234' },
          { name: 'Kim', timeZone: 'Nowhere/City', invitationType: 'fax' },
        ],
      },
    });
    expect(response.status).toBe(400);
    const paths = response.body.errors.map((e: { path: string }) => e.path).sort();
    expect(paths).toEqual(
      ['participants.0.email', 'participants.0.name', 'participants.0.timeZone', 'participants.1.phone', 'participants.2.invitationType', 'participants.2.timeZone', 'serviceId', 'start'].sort(),
    );
    const none = await book(provider, { start: freshWeekday(), participants: [] });
    expect(none.body.errors).toEqual([{ path: 'participants', message: 'Add at least one participant' }]);
    const both = await book(provider, { start: freshWeekday(), meetNow: true });
    expect(both.body.errors).toEqual([{ path: 'start', message: 'Choose a start time, or Meet Now' }]);
    const forced = await book(provider, { start: freshWeekday(), allowOutsideWorkHours: true });
    expect(forced.body.errors).toEqual([{ path: 'allowOutsideWorkHours', message: 'Only Meet Now may start outside Work Hours' }]);
  });

  it('offers the existing participant instead of creating a second one with the same email', async () => {
    const before = await counts();
    const response = await book(provider, {
      start: freshWeekday(),
      participants: [{ name: 'Patricia E.', email: 'PAT@example.test', timeZone: 'UTC', invitationType: 'email' }],
    });
    expect(response.status).toBe(409);
    expect(response.body.code).toBe('participant_exists');
    expect(response.body.existing).toMatchObject({ id: patient.id, name: 'Pat Existing' });
    expect(response.body.errors).toEqual([{ path: 'participants.0.email', message: 'Already in the directory as Pat Existing' }]);
    expect(await counts()).toEqual(before);
  });
});

describe('Idempotency-Key', () => {
  it('returns the same session for the same key and body, and 422 for the same key with another body', async () => {
    const body = { start: freshWeekday() };
    const first = await book(provider, body, { 'idempotency-key': 'booking-1' });
    const again = await book(provider, body, { 'idempotency-key': 'booking-1' });
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    const rows = await t.db.selectFrom('sessions').select('id').where('host_id', '=', provider.id).where('starts_at', '=', new Date(body.start)).execute();
    expect(rows).toHaveLength(1);

    const reused = await book(provider, { start: freshWeekday() }, { 'idempotency-key': 'booking-1' });
    expect(reused.status).toBe(422);
    expect(reused.body.code).toBe('idempotency_key_reused');
  });

  it('does not spend a key on a refused booking', async () => {
    const refused = await book(provider, { start: '2026-03-07T15:00:00Z' }, { 'idempotency-key': 'booking-2' });
    expect(refused.status).toBe(409);
    expect((await book(provider, { start: freshWeekday() }, { 'idempotency-key': 'booking-2' })).status).toBe(201);
  });
});

describe('no double booking under concurrency', () => {
  it('50 concurrent requests for overlapping times of one host: exactly one 201, the rest 409, one row', async () => {
    const host = await t.staff(['provider'], admin.organizationId);
    await setWorkHours(t.db, admin.organizationId, host.id, { timeZone: 'America/New_York', weekly: NINE_TO_FIVE, overrides: [] });
    // Every request contains 10:30–10:45 EST on Thursday 2026-03-05 (15:30Z–15:45Z).
    const options = [
      { service: longVisit, start: '2026-03-05T15:00:00Z' },
      { service: longVisit, start: '2026-03-05T15:15:00Z' },
      { service: longVisit, start: '2026-03-05T15:30:00Z' },
      { service: followUp, start: '2026-03-05T15:15:00Z' },
      { service: followUp, start: '2026-03-05T15:30:00Z' },
    ];
    const responses = await Promise.all(
      Array.from({ length: 50 }, (_, i) => {
        const option = options[i % options.length]!;
        return book(host, { serviceId: option.service.id, sessionTypeId: option.service.sessionTypeIds[0], start: option.start });
      }),
    );
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(49);
    expect(new Set(responses.filter((r) => r.status === 409).map((r) => r.body.code))).toEqual(new Set(['slot_unavailable']));
    const rows = await t.db.selectFrom('sessions').select('id').where('host_id', '=', host.id).execute();
    expect(rows).toHaveLength(1);
  });
});

describe('GET /api/sessions', () => {
  let host: SignedIn;
  const starts = ['2026-03-03T14:00:00.000Z', '2026-03-03T15:00:00.000Z', '2026-03-04T14:00:00.000Z', '2026-03-05T20:00:00.000Z'];
  beforeAll(async () => {
    host = await t.staff(['provider'], admin.organizationId);
    await setWorkHours(t.db, admin.organizationId, host.id, { timeZone: 'America/New_York', weekly: NINE_TO_FIVE, overrides: [] });
    for (const start of starts) expect((await book(host, { start })).status).toBe(201);
    await insertSession(t.db, {
      organizationId: admin.organizationId,
      serviceId: followUp.id,
      sessionTypeId: followUp.sessionTypeIds[0]!,
      hostId: host.id,
      start: '2026-03-03T16:00:00Z',
      end: '2026-03-03T16:30:00Z',
      status: 'canceled',
    });
  });

  it('lists a host’s sessions in start order with service, type, host and participants, page by page', async () => {
    const first = await t.request({ url: `/api/sessions?hostId=${host.id}&status=scheduled&limit=3`, cookie: dispatcher.cookie });
    expect(first.status).toBe(200);
    expect(first.body.items.map((s: { start: string }) => s.start)).toEqual(starts.slice(0, 3));
    expect(first.body.items[0]).toMatchObject({
      service: { id: followUp.id, name: 'Follow-up', durationMinutes: 30 },
      host: { id: host.id, name: host.name, timeZone: 'America/New_York' },
      participants: [{ id: patient.id, name: 'Pat Existing' }],
      status: 'scheduled',
    });
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await t.request({ url: `/api/sessions?hostId=${host.id}&status=scheduled&limit=3&cursor=${first.body.nextCursor}`, cookie: dispatcher.cookie });
    expect(second.body.items.map((s: { start: string }) => s.start)).toEqual(starts.slice(3));
    expect(second.body.nextCursor).toBeNull();
  });

  it('filters by time window and status', async () => {
    const day = await t.request({ url: `/api/sessions?hostId=${host.id}&from=2026-03-03T05:00:00Z&to=2026-03-04T05:00:00Z`, cookie: admin.cookie });
    expect(day.body.items.map((s: { start: string; status: string }) => [s.start, s.status])).toEqual([
      [starts[0], 'scheduled'],
      [starts[1], 'scheduled'],
      ['2026-03-03T16:00:00.000Z', 'canceled'],
    ]);
    const canceled = await t.request({ url: `/api/sessions?hostId=${host.id}&status=canceled`, cookie: admin.cookie });
    expect(canceled.body.items).toHaveLength(1);
    const bad = await t.request({ url: `/api/sessions?status=lost`, cookie: admin.cookie });
    expect(bad.status).toBe(400);
    const badCursor = await t.request({ url: `/api/sessions?cursor=garbage`, cookie: admin.cookie });
    expect(badCursor.body.errors).toEqual([{ path: 'cursor', message: 'This cursor is not valid: start from the first page' }]);
  });

  it('shows providers their own sessions only', async () => {
    const own = await t.request({ url: '/api/sessions?limit=200', cookie: host.cookie });
    expect(own.body.items.every((s: { hostId: string }) => s.hostId === host.id)).toBe(true);
    expect(own.body.items.length).toBeGreaterThanOrEqual(4);
    expect((await t.request({ url: `/api/sessions?hostId=${provider.id}`, cookie: host.cookie })).status).toBe(403);
  });

  it('GET /api/sessions/:id is 404 for another provider and for another organization', async () => {
    const mine = (await t.request({ url: `/api/sessions?hostId=${host.id}&limit=1`, cookie: admin.cookie })).body.items[0];
    expect((await t.request({ url: `/api/sessions/${mine.id}`, cookie: host.cookie })).status).toBe(200);
    expect((await t.request({ url: `/api/sessions/${mine.id}`, cookie: provider.cookie })).status).toBe(404);
    const stranger = await t.staff(['admin']);
    expect((await t.request({ url: `/api/sessions/${mine.id}`, cookie: stranger.cookie })).status).toBe(404);
  });
});
