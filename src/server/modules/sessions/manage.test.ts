import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeHistory, type HistoryEntry } from '../../../shared/history';
import { createOutboxWorker } from '../../jobs/outbox-worker';
import { createSmsSender } from '../messaging';
import { createDocumentTemplate, createService, setWorkHours } from '../../testing/catalog-factories';
import { type SignedIn, startTestApp, type TestApp } from '../../testing/harness';

// The clock stands at Monday 2026-03-02 15:00Z (10:00 EST). Providers work 09:00–17:00 New York time.
let t: TestApp;
let provider: SignedIn;
let otherProvider: SignedIn;
let dispatcher: SignedIn;
let followUp: Awaited<ReturnType<typeof createService>>;
let longVisit: Awaited<ReturnType<typeof createService>>;
let consent: { id: string };
let checklist: { id: string };
const NINE_TO_FIVE = [1, 2, 3, 4, 5].map((weekday) => ({ weekday, start: '09:00', end: '17:00' }));

beforeAll(async () => {
  t = await startTestApp();
  provider = await t.staff(['provider']);
  const org = provider.organizationId;
  otherProvider = await t.staff(['provider'], org);
  dispatcher = await t.staff(['dispatcher'], org);
  for (const p of [provider, otherProvider]) await setWorkHours(t.db, org, p.id, { timeZone: 'America/New_York', weekly: NINE_TO_FIVE, overrides: [] });
  consent = await createDocumentTemplate(t.db, org, { name: 'Consent', audience: 'participant' });
  checklist = await createDocumentTemplate(t.db, org, { name: 'Checklist', audience: 'host' });
  followUp = await createService(t.db, org, { name: 'Follow-up', durationMinutes: 30 });
  longVisit = await createService(t.db, org, { name: 'Long visit', durationMinutes: 60, sessionTypeIds: followUp.sessionTypeIds });
});
afterAll(() => t.close());

let day = 0;
/** A fresh weekday at `hour`:00 New York time (EST until 2026-03-08), from 2026-03-03 on. */
function slot(hour = 10): string {
  const date = new Date(Date.UTC(2026, 2, 3 + day++));
  while ([0, 6].includes(date.getUTCDay())) {
    date.setUTCDate(date.getUTCDate() + 1);
    day++;
  }
  const offset = date < new Date('2026-03-08T07:00:00Z') ? 5 : 4;
  return new Date(date.getTime() + (hour + offset) * 3600_000).toISOString();
}

async function book(body: Record<string, unknown> = {}, who = provider) {
  const response = await t.request({
    method: 'POST',
    url: '/api/sessions',
    cookie: who.cookie,
    body: {
      serviceId: followUp.id,
      sessionTypeId: followUp.sessionTypeIds[0],
      start: slot(),
      documentTemplateIds: [consent.id, checklist.id],
      participants: [{ name: 'Pat Patient', email: `pat-${day}-${Math.random()}@example.test`, timeZone: 'UTC', invitationType: 'email' }],
      ...body,
    },
  });
  expect(response.status).toBe(201);
  return response.body as { id: string; start: string; end: string; version: number; participants: { id: string }[] };
}

const act = (method: 'POST' | 'PATCH' | 'PUT' | 'DELETE' | 'GET', url: string, body?: unknown, who = provider) =>
  t.request({ method, url, cookie: who.cookie, ...(body !== undefined ? { body } : {}) });
/** The history as the API returns it, each entry with the sentence a person reads (in UTC). */
const historyOf = async (id: string) =>
  ((await act('GET', `/api/sessions/${id}/history`)).body as HistoryEntry[]).map((entry) => ({ ...entry, data: entry.data as any, summary: describeHistory(entry, 'UTC') }));
const messagesOf = (id: string) =>
  t.db.selectFrom('outbox_messages').select(['kind', 'status', 'recipient', 'participant_id', 'attachments', 'body_text']).where('session_id', '=', id).orderBy('created_at').execute();

describe('participants of an existing session', () => {
  it('adds an existing or a new participant, invites them and gives them the participant documents', async () => {
    const session = await book();
    const added = await act('POST', `/api/sessions/${session.id}/participants`, { name: 'Rosa Relative', email: 'rosa@example.test', timeZone: 'Europe/Madrid', invitationType: 'email' });
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ name: 'Rosa Relative', email: 'rosa@example.test' });
    const details = (await act('GET', `/api/sessions/${session.id}`)).body;
    expect(details.participants.map((p: { name: string }) => p.name)).toEqual(['Pat Patient', 'Rosa Relative']);
    expect(details.documents.filter((d: { name: string; assignee: { id: string } }) => d.name === 'Consent' && d.assignee.id === added.body.id)).toHaveLength(1);
    expect((await messagesOf(session.id)).filter((m) => m.recipient === 'rosa@example.test').map((m) => m.kind)).toEqual(['invitation']);
    const reminders = await t.db.selectFrom('reminders').select('offset_minutes').where('participant_id', '=', added.body.id).execute();
    expect(reminders).toHaveLength(2);
    expect((await historyOf(session.id)).map((h) => h.type)).toEqual(['created', 'participant_added']);

    const again = await act('POST', `/api/sessions/${session.id}/participants`, { participantId: added.body.id });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('already_participant');
    expect((await act('POST', `/api/sessions/${session.id}/participants`, { participantId: added.body.id }, otherProvider)).status).toBe(404);
  });

  it('removes a participant: their link stops working and nothing more goes to them', async () => {
    const session = await book();
    const pat = session.participants[0]!.id;
    const link = await act('POST', `/api/sessions/${session.id}/participants/${pat}/link`);
    const token = /\/join\/([A-Za-z0-9_-]{43})/.exec(link.body.url)![1];
    const removed = await act('DELETE', `/api/sessions/${session.id}/participants/${pat}`);
    expect(removed.status).toBe(204);
    expect((await t.request({ method: 'POST', url: '/api/portal/exchange', body: { token } })).status).toBe(404);
    const details = (await act('GET', `/api/sessions/${session.id}`)).body;
    expect(details.participants).toEqual([]);
    expect(details.documents.map((d: { name: string }) => d.name)).toEqual(['Checklist']);
    expect((await messagesOf(session.id)).map((m) => [m.kind, m.status])).toEqual([['invitation', 'failed']]);
    expect((await historyOf(session.id)).at(-1)).toMatchObject({ type: 'participant_removed', summary: 'Removed Pat Patient' });
    expect((await act('DELETE', `/api/sessions/${session.id}/participants/${pat}`)).status).toBe(404);
  });
});

describe('notes', () => {
  it('adds notes and amendments, newest first, never editing one in place', async () => {
    const session = await book();
    const first = await act('POST', `/api/sessions/${session.id}/notes`, { body: 'Blood pressure 150/95.' });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ body: 'Blood pressure 150/95.', amends: null, author: { id: provider.id, name: provider.name } });
    t.clock.advance(60_000);
    const amendment = await act('POST', `/api/sessions/${session.id}/notes`, { body: 'Correction: 140/95.', amends: first.body.id });
    expect(amendment.body.amends).toBe(first.body.id);
    t.clock.advance(-60_000);
    const list = (await act('GET', `/api/sessions/${session.id}/notes`)).body;
    expect(list.map((n: { body: string }) => n.body)).toEqual(['Correction: 140/95.', 'Blood pressure 150/95.']);
    await expect(sql`UPDATE session_notes SET body = 'rewritten' WHERE id = ${first.body.id}`.execute(t.db)).rejects.toThrow(/append-only/);
    expect((await historyOf(session.id)).filter((h) => h.type === 'note_added').map((h) => h.summary)).toEqual(['Added a note', 'Amended a note']);
  });

  it('refuses an empty note, an amendment of another session’s note, and other providers', async () => {
    const session = await book();
    const other = await book();
    const foreignNote = await act('POST', `/api/sessions/${other.id}/notes`, { body: 'Elsewhere' });
    expect((await act('POST', `/api/sessions/${session.id}/notes`, { body: '   ' })).body.errors).toEqual([{ path: 'body', message: 'Write the note' }]);
    const amend = await act('POST', `/api/sessions/${session.id}/notes`, { body: 'x', amends: foreignNote.body.id });
    expect(amend.body.errors).toEqual([{ path: 'amends', message: 'This note is not part of the session' }]);
    expect((await act('GET', `/api/sessions/${session.id}/notes`, undefined, otherProvider)).status).toBe(404);
    expect((await act('GET', `/api/sessions/${session.id}/notes`, undefined, dispatcher)).status).toBe(200);
  });
});

describe('history', () => {
  it('lists events oldest first, starting with created, and the database refuses to change them', async () => {
    const session = await book();
    const history = await historyOf(session.id);
    expect(history[0]).toMatchObject({ type: 'created', actor: { kind: 'user', id: provider.id, name: provider.name } });
    await expect(sql`UPDATE session_history SET summary = 'x' WHERE session_id = ${session.id}`.execute(t.db)).rejects.toThrow(/append-only/);
    await expect(sql`DELETE FROM session_history WHERE session_id = ${session.id}`.execute(t.db)).rejects.toThrow(/append-only/);
    expect((await act('GET', `/api/sessions/${session.id}/history`, undefined, otherProvider)).status).toBe(404);
  });
});

describe('PATCH /api/sessions/:id', () => {
  it('changes the service (and so the end), checks the version, and tells the participants', async () => {
    const session = await book();
    const stale = await act('PATCH', `/api/sessions/${session.id}`, { version: 99, serviceId: longVisit.id });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('version_conflict');
    const changed = await act('PATCH', `/api/sessions/${session.id}`, { version: 1, serviceId: longVisit.id });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ version: 2, service: { id: longVisit.id }, end: new Date(Date.parse(session.start) + 3600_000).toISOString() });
    expect((await messagesOf(session.id)).map((m) => m.kind)).toEqual(['invitation', 'update']);
    expect((await historyOf(session.id)).at(-1)).toMatchObject({ type: 'updated', summary: 'Changed the service' });
    expect((await act('PATCH', `/api/sessions/${session.id}`, { version: 1, serviceId: followUp.id })).body.code).toBe('version_conflict');
  });

  it('lets a dispatcher move it to another free host, taking the host documents along; a provider may not', async () => {
    const session = await book();
    expect((await act('PATCH', `/api/sessions/${session.id}`, { version: 1, hostId: otherProvider.id })).status).toBe(403);
    const moved = await act('PATCH', `/api/sessions/${session.id}`, { version: 1, hostId: otherProvider.id }, dispatcher);
    expect(moved.status).toBe(200);
    expect(moved.body.host.id).toBe(otherProvider.id);
    expect(moved.body.documents.find((d: { name: string }) => d.name === 'Checklist').assignee.id).toBe(otherProvider.id);

    // A host document assigned in the same edit goes to the new host too.
    const bare = await book({ documentTemplateIds: [] });
    const both = await act('PATCH', `/api/sessions/${bare.id}`, { version: 1, hostId: otherProvider.id, documentTemplateIds: [checklist.id] }, dispatcher);
    expect(both.body.documents.map((d: { assignee: { id: string } }) => d.assignee.id)).toEqual([otherProvider.id]);
    expect(both.body.version).toBe(2);
  });

  it('refuses a host who is not free or not working then', async () => {
    const start = slot();
    await book({ start }, otherProvider);
    const session = await book({ start });
    const busy = await act('PATCH', `/api/sessions/${session.id}`, { version: 1, hostId: otherProvider.id }, dispatcher);
    expect(busy.status).toBe(409);
    expect(busy.body.code).toBe('slot_unavailable');
    await setWorkHours(t.db, provider.organizationId, otherProvider.id, { timeZone: 'America/New_York', weekly: [], overrides: [] });
    const session2 = await book();
    const off = await act('PATCH', `/api/sessions/${session2.id}`, { version: 1, hostId: otherProvider.id }, dispatcher);
    expect(off.body.code).toBe('outside_work_hours');
    await setWorkHours(t.db, provider.organizationId, otherProvider.id, { timeZone: 'America/New_York', weekly: NINE_TO_FIVE, overrides: [] });
  });
});

describe('reschedule', () => {
  it('moves the session, its reminders and links; participants get an update with SEQUENCE raised', async () => {
    const session = await book();
    const pat = session.participants[0]!.id;
    await act('POST', `/api/sessions/${session.id}/participants/${pat}/link`);
    const to = slot(14);
    const moved = await act('POST', `/api/sessions/${session.id}/reschedule`, { start: to, version: 1 });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ start: to, version: 2 });
    const reminders = await t.db.selectFrom('reminders').select(['offset_minutes', 'due_at', 'status']).where('session_id', '=', session.id).orderBy('offset_minutes').execute();
    expect(reminders.map((r) => [r.offset_minutes, r.due_at.toISOString(), r.status])).toEqual([
      [60, new Date(Date.parse(to) - 3600_000).toISOString(), 'pending'],
      [1440, new Date(Date.parse(to) - 86_400_000).toISOString(), 'pending'],
    ]);
    const tokens = await t.db.selectFrom('join_tokens').select('expires_at').where('session_id', '=', session.id).execute();
    expect(tokens.map((row) => row.expires_at.toISOString())).toEqual([new Date(Date.parse(to) + 30 * 60_000 + 86_400_000).toISOString()]);
    const update = (await messagesOf(session.id)).find((m) => m.kind === 'update')!;
    expect(update.attachments[0]!.content).toMatch(/SEQUENCE:1/);
    expect(update.attachments[0]!.content).toMatch(/METHOD:REQUEST/);
    const event = (await historyOf(session.id)).at(-1)!;
    expect(event).toMatchObject({ type: 'rescheduled', data: { from: { start: session.start }, to: { start: to } } });
  });

  it('refuses a taken time (409 slot_unavailable), a time outside Work Hours, and a stale version', async () => {
    const taken = await book();
    const session = await book();
    expect((await act('POST', `/api/sessions/${session.id}/reschedule`, { start: taken.start })).body.code).toBe('slot_unavailable');
    expect((await act('POST', `/api/sessions/${session.id}/reschedule`, { start: '2026-03-07T15:00:00Z' })).body.code).toBe('outside_work_hours');
    expect((await act('POST', `/api/sessions/${session.id}/reschedule`, { start: slot(), version: 7 })).body.code).toBe('version_conflict');
    expect((await act('GET', `/api/sessions/${session.id}`)).body.start).toBe(session.start);
  });
});

describe('cancel', () => {
  it('cancels with a reason: participants told (METHOD:CANCEL), reminders dropped, the time free again', async () => {
    const session = await book();
    const canceled = await act('POST', `/api/sessions/${session.id}/cancel`, { reason: 'Provider ill' });
    expect(canceled.status).toBe(200);
    expect(canceled.body).toMatchObject({ status: 'canceled', cancelReason: 'Provider ill', version: 2 });
    const messages = await messagesOf(session.id);
    expect(messages.map((m) => [m.kind, m.status])).toEqual([
      ['invitation', 'failed'], // still queued: dropped rather than sent after the cancellation
      ['cancellation', 'queued'],
    ]);
    expect(messages[1]!.attachments[0]!.content).toMatch(/METHOD:CANCEL/);
    expect(messages[1]!.body_text).toContain('Reason: Provider ill');
    const reminders = await t.db.selectFrom('reminders').select('status').where('session_id', '=', session.id).execute();
    expect(reminders.every((r) => r.status === 'canceled')).toBe(true);
    expect((await historyOf(session.id)).at(-1)).toMatchObject({ type: 'canceled', data: { reason: 'Provider ill' } });
    await book({ start: session.start });
  });

  it('refuses to cancel or reschedule a canceled session (409 invalid_state), and a cancel without reason', async () => {
    const session = await book();
    expect((await act('POST', `/api/sessions/${session.id}/cancel`, {})).status).toBe(400);
    await act('POST', `/api/sessions/${session.id}/cancel`, { reason: 'Patient asked' });
    expect((await act('POST', `/api/sessions/${session.id}/cancel`, { reason: 'again' })).body.code).toBe('invalid_state');
    expect((await act('POST', `/api/sessions/${session.id}/reschedule`, { start: slot() })).body.code).toBe('invalid_state');
    expect((await act('POST', `/api/sessions/${session.id}/cancel`, { reason: 'x' }, otherProvider)).status).toBe(404);
  });

  it('never sends a canceled session’s reminders', async () => {
    const session = await book({ start: '2026-03-02T20:00:00.000Z' }); // 15:00 EST today; the 1-hour reminder is due at 19:00Z
    await act('POST', `/api/sessions/${session.id}/cancel`, { reason: 'Closed' });
    const delivered: string[] = [];
    const worker = createOutboxWorker({
      db: t.db,
      storage: t.storage,
      clock: t.clock,
      // A mailer that keeps each subject (the log transport no longer logs them).
      mailer: {
        transport: 'log',
        send: async ({ subject }) => {
          delivered.push(subject);
          return { transport: 'log', providerId: null };
        },
        close: async () => {},
      },
      sms: createSmsSender({ kind: 'log' }),
      publicUrl: new URL('https://c.test'),
      organizerEmail: 'c@c.test',
    });
    try {
      t.clock.set('2026-03-02T19:30:00Z');
      await worker.runOnce();
    } finally {
      t.clock.set('2026-03-02T15:00:00Z');
    }
    expect(delivered.some((subject) => subject.startsWith('Reminder'))).toBe(false);
    expect(delivered.some((subject) => subject.startsWith('Canceled'))).toBe(true);
  });
});

describe('documents and the next session', () => {
  it('assigns and unassigns documents, but never unassigns a completed one', async () => {
    const session = await book({ documentTemplateIds: [] });
    const assigned = await act('PUT', `/api/sessions/${session.id}/documents`, { documentTemplateIds: [consent.id, checklist.id] });
    expect(assigned.body.documents.map((d: { name: string }) => d.name).sort()).toEqual(['Checklist', 'Consent']);
    expect((await historyOf(session.id)).at(-1)).toMatchObject({ type: 'documents_updated', summary: 'Assigned Checklist, Consent' });
    await t.db
      .updateTable('session_documents')
      .set({ status: 'completed', completed_at: new Date(), answers: JSON.stringify({ agree: true }), completed_by_kind: 'participant', completed_by_name: 'Pat' })
      .where('session_id', '=', session.id)
      .where('template_id', '=', consent.id)
      .execute();
    const refused = await act('PUT', `/api/sessions/${session.id}/documents`, { documentTemplateIds: [checklist.id] });
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('document_completed');
    const kept = await act('PUT', `/api/sessions/${session.id}/documents`, { documentTemplateIds: [consent.id] });
    expect(kept.body.documents.map((d: { name: string }) => d.name)).toEqual(['Consent']);
  });

  it('schedules the next session with the same service, host, participants and documents; both histories say so', async () => {
    const first = await book({ serviceId: longVisit.id });
    const start = slot();
    const next = await act('POST', `/api/sessions/${first.id}/next`, { start });
    expect(next.status).toBe(201);
    expect(next.body).toMatchObject({ start, serviceId: longVisit.id, hostId: provider.id, participants: [{ id: first.participants[0]!.id }] });
    const details = (await act('GET', `/api/sessions/${next.body.id}`)).body;
    expect(details.previousSessionId).toBe(first.id);
    expect(details.documents.map((d: { name: string }) => d.name).sort()).toEqual(['Checklist', 'Consent']);
    expect((await historyOf(first.id)).at(-1)).toMatchObject({ type: 'next_scheduled', data: { sessionId: next.body.id } });
    expect((await historyOf(next.body.id)).map((h) => h.type)).toEqual(['created', 'next_scheduled']);
    const overridden = await act('POST', `/api/sessions/${first.id}/next`, { start: slot(), participants: [{ name: 'New Person', timeZone: 'UTC', invitationType: 'none' }] });
    expect(overridden.body.participants.map((p: { name: string }) => p.name)).toEqual(['New Person']);
    expect((await act('POST', `/api/sessions/${first.id}/next`, { start: slot() }, otherProvider)).status).toBe(404);
  });
});
