import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditItem, AuditPage } from '../../../shared/audit';
import { startTestApp, type SignedIn, type TestApp } from '../../testing/harness';
import { type BookedSession, sessionWorld } from '../../testing/session-world';
import { recordAudit } from '../audit';
import { csvCell } from './csv';

// The Audit page's API over the trail that session and participant changes write (with the
// patients they concern). The test clock stands at 2026-03-02T15:00Z.

let t: TestApp;
let world: Awaited<ReturnType<typeof sessionWorld>>;
let admin: SignedIn;
let first: BookedSession;
let second: BookedSession;

const list = async (query: string, cookie = admin.cookie) => {
  const response = await t.request({ url: `/api/audit${query}`, cookie });
  expect(response.status, response.text).toBe(200);
  return response.body as AuditPage;
};
const auditRows = (action: string, sessionId: string) =>
  t.db.selectFrom('audit_events').select(['actor_kind', 'actor_user_id', 'actor_participant_id', 'participant_ids', 'session_id']).where('action', '=', action).where('session_id', '=', sessionId).execute();

beforeAll(async () => {
  t = await startTestApp();
  world = await sessionWorld(t);
  admin = await t.staff(['admin'], world.host.organizationId);
  first = await world.book();
  second = await world.book();
});
afterAll(() => t.close());

describe('change events name their patients', () => {
  it('a session’s creation names its participants and the session; a participant’s link opening names them as the actor', async () => {
    expect(await auditRows('session.created', first.id)).toEqual([
      { actor_kind: 'user', actor_user_id: world.host.id, actor_participant_id: null, participant_ids: [first.ana.id, first.ben.id], session_id: first.id },
    ]);
    expect(await auditRows('session.link_opened', first.id)).toEqual(
      expect.arrayContaining([{ actor_kind: 'participant', actor_user_id: null, actor_participant_id: first.ana.id, participant_ids: [first.ana.id], session_id: first.id }]),
    );
  });

  it('a participant’s removal and a change to their record name that participant', async () => {
    const session = await world.book();
    const removed = await t.request({ method: 'DELETE', url: `/api/sessions/${session.id}/participants/${session.ben.id}`, cookie: world.host.cookie });
    expect(removed.status).toBeLessThan(300);
    expect(await auditRows('session.participant_removed', session.id)).toEqual([
      { actor_kind: 'user', actor_user_id: world.host.id, actor_participant_id: null, participant_ids: [session.ben.id], session_id: session.id },
    ]);
    const edited = await t.request({ method: 'PATCH', url: `/api/participants/${session.ana.id}`, cookie: world.host.cookie, body: { timeZone: 'UTC' } });
    expect(edited.status).toBe(200);
    const row = await t.db.selectFrom('audit_events').select(['participant_ids', 'actor_user_id']).where('action', '=', 'participant.updated').where('entity_id', '=', session.ana.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ participant_ids: [session.ana.id], actor_user_id: world.host.id });
  });

  it('a reschedule names every participant of the session', async () => {
    const session = await world.book();
    const moved = await t.request({ method: 'POST', url: `/api/sessions/${session.id}/reschedule`, cookie: world.host.cookie, body: { start: '2026-03-10T09:00:00.000Z' } });
    expect(moved.status, moved.text).toBe(200);
    expect((await auditRows('session.rescheduled', session.id)).map((r) => r.participant_ids)).toEqual([[session.ana.id, session.ben.id]]);
  });
});

describe('GET /api/audit', () => {
  it('lists the organization’s events newest first with names and session titles', async () => {
    const page = await list(`?sessionId=${first.id}&action=session.created`);
    expect(page.nextCursor).toBeNull();
    expect(page.items).toEqual([
      expect.objectContaining({
        action: 'session.created',
        outcome: 'success',
        actor: { kind: 'user', id: world.host.id, name: world.host.name },
        participantIds: [first.ana.id, first.ben.id],
        participants: [
          { id: first.ana.id, name: 'Ana Alvarez' },
          { id: first.ben.id, name: 'Ben Brown' },
        ],
        sessionId: first.id,
        session: expect.objectContaining({ id: first.id, title: expect.any(String) }),
      }),
    ]);
    const all = await list('');
    const times = all.items.map((i) => Date.parse(i.at));
    expect(times).toEqual([...times].sort((a, b) => b - a));
  });

  it('filters by patient, session, staff member, action and time', async () => {
    const aboutAna = await list(`?participantId=${first.ana.id}`);
    expect(aboutAna.items.length).toBeGreaterThan(0);
    expect(aboutAna.items.every((i) => i.participantIds.includes(first.ana.id))).toBe(true);
    expect(aboutAna.items.some((i) => i.sessionId === second.id)).toBe(false);

    const ofSecond = await list(`?sessionId=${second.id}`);
    expect(ofSecond.items.length).toBeGreaterThan(0);
    expect(ofSecond.items.every((i) => i.sessionId === second.id)).toBe(true);

    await recordAudit(t.db, { organizationId: admin.organizationId, actorUserId: admin.id, action: 'user.updated', entityType: 'user', entityId: world.host.id, at: t.clock.now() });
    const byAdmin = await list(`?userId=${admin.id}`);
    expect(byAdmin.items.map((i) => i.action).sort()).toEqual(['user.signed_in', 'user.updated']);
    expect((await list(`?userId=${admin.id}&action=user.updated`)).items.map((i) => i.entity.name)).toEqual([world.host.name]);
    const byHost = await list(`?userId=${world.host.id}`);
    expect(byHost.items.length).toBeGreaterThan(0);
    expect(byHost.items.every((i) => i.actor.id === world.host.id)).toBe(true);

    const created = await list('?action=session.created');
    expect(created.items.every((i) => i.action === 'session.created')).toBe(true);

    const now = t.clock.now().getTime();
    await recordAudit(t.db, { organizationId: admin.organizationId, actorUserId: admin.id, action: 'test.long_ago', entityType: 'test', entityId: null, at: new Date(now - 30 * 86_400_000) });
    const from = new Date(now - 31 * 86_400_000).toISOString();
    const to = new Date(now - 29 * 86_400_000).toISOString();
    expect((await list(`?from=${from}&to=${to}`)).items.map((i) => i.action)).toEqual(['test.long_ago']);
    expect((await list(`?from=${to}`)).items.some((i) => i.action === 'test.long_ago')).toBe(false);
    expect((await list(`?to=${from}`)).items).toEqual([]);
  });

  it('pages through events written in the same instant without losing or repeating one', async () => {
    const org = await t.staff(['admin']);
    const at = new Date('2026-02-01T08:00:00.000Z');
    for (let i = 0; i < 120; i++) await recordAudit(t.db, { organizationId: org.organizationId, actorUserId: org.id, action: 'test.same_instant', entityType: 'test', entityId: String(i), at });
    const seen: AuditItem[] = [];
    let cursor: string | null = '';
    const sizes: number[] = [];
    while (cursor !== null) {
      const page = await list(`?action=test.same_instant${cursor ? `&cursor=${cursor}` : ''}`, org.cookie);
      sizes.push(page.items.length);
      seen.push(...page.items);
      cursor = page.nextCursor;
    }
    expect(sizes).toEqual([50, 50, 20]);
    expect(seen.map((i) => i.entity.id)).toEqual(Array.from({ length: 120 }, (_, i) => String(119 - i)));
  });

  it('is for administrators only', async () => {
    for (const cookie of [world.host.cookie, world.dispatcher.cookie]) {
      const refused = await t.request({ url: '/api/audit', cookie });
      expect(refused.status).toBe(403);
      expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect((await t.request({ url: '/api/audit/export.csv', cookie })).status).toBe(403);
      expect((await t.request({ url: '/api/audit/chain', cookie })).status).toBe(403);
    }
    expect((await t.request({ url: '/api/audit' })).status).toBe(401);
  });

  it('never shows another organization’s events, nor pages from their cursor', async () => {
    const theirs = await list('', world.stranger.cookie);
    const ours = new Set((await list('')).items.map((i) => i.id));
    expect(theirs.items.some((i) => ours.has(i.id))).toBe(false);
    expect((await list(`?participantId=${first.ana.id}`, world.stranger.cookie)).items).toEqual([]);
    const foreignCursor = await t.request({ url: `/api/audit?cursor=${[...ours][0]}`, cookie: world.stranger.cookie });
    expect(foreignCursor.status).toBe(400);
    expect(foreignCursor.body.errors).toEqual([expect.objectContaining({ path: 'cursor' })]);
  });

  it('refuses bad filters with 400 at the field', async () => {
    const cases: [string, string][] = [
      ['?userId=someone', 'userId'],
      ['?participantId=1', 'participantId'],
      ['?sessionId=x', 'sessionId'],
      ['?action=DROP%20TABLE', 'action'],
      ['?from=yesterday', 'from'],
      ['?from=2026-03-02T00:00:00Z&to=2026-03-01T00:00:00Z', 'to'],
      ['?cursor=abc', 'cursor'],
      ['?cursor=999999999', 'cursor'],
    ];
    for (const [query, path] of cases) {
      const refused = await t.request({ url: `/api/audit${query}`, cookie: admin.cookie });
      expect(refused.status, query).toBe(400);
      expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(refused.body.errors.map((e: { path: string }) => e.path), query).toContain(path);
    }
    expect((await t.request({ url: '/api/audit/export.csv?from=2026-03-02T00:00:00Z&to=2026-03-01T00:00:00Z', cookie: admin.cookie })).status).toBe(400);
  });
});

describe('GET /api/audit/export.csv', () => {
  it('quotes per RFC 4180 and defuses formulas', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('Brown, Ben')).toBe('"Brown, Ben"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell('=HYPERLINK("http://evil.test","x")')).toBe(`"'=HYPERLINK(""http://evil.test"",""x"")"`);
    for (const start of ['+1', '-1', '@SUM(A1)', '\tx', '\rx']) expect(csvCell(start).replace(/^"/, '')).toMatch(/^'/);
  });

  it('exports the filtered events with names, escaped, and audits the export', async () => {
    const hostile = await t.request({
      method: 'POST',
      url: '/api/sessions',
      cookie: admin.cookie,
      body: {
        serviceId: (await t.db.selectFrom('services').select('id').where('organization_id', '=', admin.organizationId).executeTakeFirstOrThrow()).id,
        sessionTypeId: (await t.db.selectFrom('session_types').select('id').where('organization_id', '=', admin.organizationId).executeTakeFirstOrThrow()).id,
        hostId: world.host.id,
        start: '2026-03-12T09:00:00.000Z',
        participants: [{ name: '=HYPERLINK("http://evil.test"), "Doe"', timeZone: 'UTC', invitationType: 'none' }],
      },
    });
    expect(hostile.status, hostile.text).toBe(201);
    const patientId = hostile.body.participants[0].id as string;

    const response = await t.request({ url: `/api/audit/export.csv?participantId=${patientId}`, cookie: admin.cookie });
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/csv/);
    expect(response.headers['content-disposition']).toMatch(/^attachment; filename="carebeam-audit-2026-03-02\.csv"/);
    const lines = response.text.split('\r\n');
    expect(lines[0]).toBe('at_utc,actor_kind,actor_id,actor_name,action,outcome,entity_type,entity_id,entity_name,session_id,session_title,participant_ids,participant_names');
    expect(lines.at(-1)).toBe('');
    const created = lines.find((line) => line.includes(',session.created,'));
    expect(created).toContain(`"'=HYPERLINK(""http://evil.test""), ""Doe"""`);
    expect(created).toContain(`,${admin.name},session.created,success,session,${hostile.body.id},`);
    expect(lines.slice(1, -1).every((line) => line.includes(patientId))).toBe(true);

    const exported = await t.db.selectFrom('audit_events').select(['actor_user_id', 'data', 'participant_ids']).where('organization_id', '=', admin.organizationId).where('action', '=', 'audit.exported').execute();
    expect(exported).toEqual([{ actor_user_id: admin.id, participant_ids: [patientId], data: { filters: { participantId: patientId }, rows: lines.length - 2, truncated: false } }]);
  });
});

// Last in the file: it changes a row behind the app's back.
describe('the chain’s state', () => {
  it('is intact while the trail is only appended to, and names the first row changed behind the app’s back', async () => {
    const intact = await t.request({ url: '/api/audit/chain', cookie: admin.cookie });
    expect(intact.status).toBe(200);
    expect(intact.body).toMatchObject({ intact: true, firstBroken: null });
    expect((intact.body as { rows: number }).rows).toBeGreaterThan(5);

    const victim = await t.db.selectFrom('audit_events').select(['id', 'seq']).where('organization_id', '=', admin.organizationId).orderBy('seq').offset(2).limit(1).executeTakeFirstOrThrow();
    await sql`ALTER TABLE audit_events DISABLE TRIGGER audit_events_append_only`.execute(t.db);
    try {
      await t.db.updateTable('audit_events').set({ action: 'test.rewritten' }).where('id', '=', victim.id).execute();
    } finally {
      await sql`ALTER TABLE audit_events ENABLE TRIGGER audit_events_append_only`.execute(t.db);
    }
    const broken = await t.request({ url: '/api/audit/chain', cookie: admin.cookie });
    expect(broken.body).toEqual({ intact: false, rows: Number(victim.seq) - 1, firstBroken: { id: String(victim.id), seq: Number(victim.seq), reason: expect.stringContaining('hash') } });
  });
});
