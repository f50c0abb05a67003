import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDocumentTemplate } from '../../testing/catalog-factories';
import { type ApiRequest, startTestApp, type TestApp } from '../../testing/harness';
import { type LiveTestClient, openLive } from '../../testing/live-client';
import { multipart } from '../../testing/multipart';
import { type BookedSession, sessionWorld } from '../../testing/session-world';

// Every read of PHI writes exactly one audit row: who read it, the patients and session it
// concerns, the record, the outcome and the address. Refused reads are `denied` rows.

let t: TestApp;
let world: Awaited<ReturnType<typeof sessionWorld>>;
let s: BookedSession;
/** The ids the reads need, made in beforeAll. */
const ids = { document: '', attachment: '', image: '' };

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

beforeAll(async () => {
  t = await startTestApp();
  world = await sessionWorld(t);
  s = await world.book();
  const consent = await createDocumentTemplate(t.db, world.host.organizationId);
  const host = world.host.cookie;
  expect((await t.request({ method: 'PUT', url: `/api/sessions/${s.id}/documents`, cookie: host, body: { documentTemplateIds: [consent.id] } })).status).toBe(200);
  const documents = (await t.request({ url: '/api/portal/documents', cookie: s.ana.cookie })).body as { id: string }[];
  ids.document = documents[0]!.id;
  expect((await t.request({ method: 'POST', url: `/api/portal/documents/${ids.document}`, cookie: s.ana.cookie, body: { answers: { agree: true } } })).status).toBe(200);
  const uploaded = await t.request({ method: 'POST', url: '/api/portal/attachments', cookie: s.ana.cookie, ...(await multipart({ bytes: PNG, filename: 'rash.png', type: 'image/png' })) });
  ids.attachment = uploaded.body.id;
  await t.request({ method: 'POST', url: '/api/portal/messages', cookie: s.ana.cookie, body: { clientMessageId: 'audit-reads-1', body: 'Photo', attachmentIds: [ids.attachment] } });
  await t.request({ method: 'POST', url: `/api/sessions/${s.id}/notes`, cookie: host, body: { body: 'Seen today.' } });
  const image = await t.request({ method: 'POST', url: `/api/sessions/${s.id}/images`, cookie: host, ...(await multipart({ bytes: PNG, filename: 'arm.png', type: 'image/png' })) });
  ids.image = image.body.id;
  await t.flushAudit();
});
afterAll(() => t.close());

interface Read {
  request: () => ApiRequest;
  action: string;
  entity: () => [string, string];
  /** A participant's own read; otherwise the host's. */
  as?: 'ana';
  /** The patients concerned, when not the session's two participants. */
  participants?: () => string[];
  status?: number;
}

const sessionUrl = (path = '') => `/api/sessions/${s.id}${path}`;
const session = (): [string, string] => ['session', s.id];

const READS: Record<string, Read> = {
  'session details': { request: () => ({ url: sessionUrl() }), action: 'session.read', entity: session },
  'session history': { request: () => ({ url: sessionUrl('/history') }), action: 'session.history_read', entity: session },
  'session calendar file': { request: () => ({ url: sessionUrl('/calendar.ics') }), action: 'session.calendar_downloaded', entity: session },
  notes: { request: () => ({ url: sessionUrl('/notes') }), action: 'note.read', entity: session },
  documents: { request: () => ({ url: sessionUrl('/documents') }), action: 'document.list_read', entity: session },
  'one document': { request: () => ({ url: sessionUrl(`/documents/${ids.document}`) }), action: 'document.read', entity: () => ['document', ids.document] },
  'signed PDF': { request: () => ({ url: sessionUrl(`/documents/${ids.document}/pdf`) }), action: 'document.pdf_downloaded', entity: () => ['document', ids.document] },
  'chat history': { request: () => ({ url: sessionUrl('/messages') }), action: 'chat.read', entity: session },
  attachment: { request: () => ({ url: sessionUrl(`/attachments/${ids.attachment}`) }), action: 'chat_attachment.downloaded', entity: () => ['chat_attachment', ids.attachment] },
  readings: { request: () => ({ url: sessionUrl('/readings') }), action: 'reading.read', entity: session },
  'earlier readings': { request: () => ({ url: sessionUrl('/readings/earlier') }), action: 'reading.earlier_read', entity: session },
  images: { request: () => ({ url: sessionUrl('/images') }), action: 'session_image.list_read', entity: session },
  'one image': { request: () => ({ url: sessionUrl(`/images/${ids.image}?inline=1`) }), action: 'session_image.downloaded', entity: () => ['session_image', ids.image] },
  'FHIR export': { request: () => ({ url: sessionUrl('/fhir') }), action: 'session.fhir_exported', entity: session },
  'participant record': { request: () => ({ url: `/api/participants/${s.ana.id}` }), action: 'participant.read', entity: () => ['participant', s.ana.id], participants: () => [s.ana.id] },
  'directory search': {
    request: () => ({ url: '/api/participants?query=Ana%20Alvarez' }),
    action: 'participant.searched',
    entity: () => ['participant', ''],
    participants: () => [s.ana.id],
  },
  'portal: my session': { as: 'ana', request: () => ({ url: '/api/portal/session' }), action: 'portal.session_read', entity: session },
  'portal: my calendar file': { as: 'ana', request: () => ({ url: '/api/portal/calendar.ics' }), action: 'portal.calendar_downloaded', entity: session },
  'portal: my documents': { as: 'ana', request: () => ({ url: '/api/portal/documents' }), action: 'portal.documents_read', entity: session },
  'portal: my signed PDF': { as: 'ana', request: () => ({ url: `/api/portal/documents/${ids.document}/pdf` }), action: 'portal.document_pdf_downloaded', entity: () => ['document', ids.document] },
  'portal: my chat': { as: 'ana', request: () => ({ url: '/api/portal/messages' }), action: 'portal.chat_read', entity: session },
  'portal: an attachment': { as: 'ana', request: () => ({ url: `/api/portal/attachments/${ids.attachment}` }), action: 'portal.attachment_downloaded', entity: () => ['chat_attachment', ids.attachment] },
};

/** The rows written since `after` (an audit id), oldest first. */
async function rowsSince(after: number) {
  await t.flushAudit();
  return t.db
    .selectFrom('audit_events')
    .select(['action', 'actor_kind', 'actor_user_id', 'actor_participant_id', 'participant_ids', 'session_id', 'entity_type', 'entity_id', 'outcome', 'address'])
    .where('organization_id', '=', world.host.organizationId)
    .where('id', '>', after)
    .orderBy('seq')
    .execute();
}
const lastId = async () => Number((await t.db.selectFrom('audit_events').select((eb) => eb.fn.max('id').as('id')).executeTakeFirstOrThrow()).id ?? 0);

describe('every read of PHI is audited', () => {
  it.each(Object.entries(READS))('%s', async (_, read) => {
    const before = await lastId();
    const cookie = read.as === 'ana' ? s.ana.cookie : world.host.cookie;
    const response = await t.request({ ...read.request(), cookie, remoteAddress: '203.0.113.7' });
    expect(response.status, response.text).toBe(read.status ?? 200);
    const [entityType, entityId] = read.entity();
    const rows = await rowsSince(before);
    expect(rows).toEqual([
      {
        action: read.action,
        actor_kind: read.as ? 'participant' : 'user',
        actor_user_id: read.as ? null : world.host.id,
        actor_participant_id: read.as ? s.ana.id : null,
        participant_ids: (read.participants?.() ?? [s.ana.id, s.ben.id]).sort(),
        session_id: read.participants ? null : s.id,
        entity_type: entityType,
        entity_id: entityId || null,
        outcome: 'success',
        address: '203.0.113.7',
      },
    ]);
  });

  it('the outbox (message bodies) names the patients it showed', async () => {
    const admin = await t.staff(['admin'], world.host.organizationId);
    const before = await lastId();
    const response = await t.request({ url: `/api/outbox?sessionId=${s.id}`, cookie: admin.cookie });
    expect(response.status).toBe(200);
    expect(response.body.length).toBeGreaterThan(0);
    const rows = await rowsSince(before);
    expect(rows).toMatchObject([{ action: 'outbox.read', actor_user_id: admin.id, participant_ids: [s.ana.id], session_id: s.id, outcome: 'success' }]);
  });
});

describe('lists', () => {
  it('the session list names every patient on the page it showed, in one event', async () => {
    const before = await lastId();
    const response = await t.request({ url: '/api/sessions?limit=50', cookie: world.host.cookie });
    expect(response.status, response.text).toBe(200);
    const shown = [...new Set((response.body.items as { participants: { id: string }[] }[]).flatMap((item) => item.participants.map((p) => p.id)))].sort();
    expect(shown).toEqual(expect.arrayContaining([s.ana.id, s.ben.id]));
    const rows = await rowsSince(before);
    expect(rows).toMatchObject([{ action: 'session.list_read', actor_user_id: world.host.id, entity_type: 'session', entity_id: null, session_id: null, outcome: 'success' }]);
    expect([...rows[0]!.participant_ids].sort()).toEqual(shown);
  });
});

describe('the live channel', () => {
  it('audits the chat history a page receives over its socket, for staff and for the participant', async () => {
    const origin = await t.listen();
    for (const [path, cookie, expected] of [
      [`/api/sessions/${s.id}/live`, world.host.cookie, { action: 'chat.read', actor_kind: 'user', actor_user_id: world.host.id, actor_participant_id: null }],
      ['/api/portal/live', s.ana.cookie, { action: 'portal.chat_read', actor_kind: 'participant', actor_user_id: null, actor_participant_id: s.ana.id }],
    ] as const) {
      const before = await lastId();
      const live = (await openLive(`${origin.ws}${path}`, { cookie, origin: origin.http })) as LiveTestClient;
      live.send({ type: 'hello', after: 0 });
      await live.next('chat.message');
      await live.close();
      const rows = await rowsSince(before);
      expect(rows).toMatchObject([{ ...expected, session_id: s.id, entity_type: 'session', entity_id: s.id, outcome: 'success' }]);
      expect([...rows[0]!.participant_ids].sort()).toEqual([s.ana.id, s.ben.id].sort());
    }
    // Already up to date: nothing was read, nothing is recorded.
    const before = await lastId();
    const live = (await openLive(`${origin.ws}/api/sessions/${s.id}/live`, { cookie: world.host.cookie, origin: origin.http })) as LiveTestClient;
    live.send({ type: 'hello', after: 1_000_000 });
    await live.next('chat.unread');
    await live.close();
    expect(await rowsSince(before)).toEqual([]);
  });
});

describe('refused reads', () => {
  it("another provider reading the host's session gets 404 and writes a denied row naming its patients", async () => {
    const before = await lastId();
    const response = await t.request({ url: sessionUrl(), cookie: world.otherProvider.cookie });
    expect(response.status).toBe(404);
    expect(await rowsSince(before)).toEqual([
      expect.objectContaining({ action: 'session.read', actor_user_id: world.otherProvider.id, session_id: s.id, participant_ids: [s.ana.id, s.ben.id].sort(), outcome: 'denied' }),
    ]);
  });

  it("another organization's staff: denied in their own organization's trail, no patient of this one named", async () => {
    const stranger = world.stranger;
    const response = await t.request({ url: sessionUrl('/notes'), cookie: stranger.cookie });
    expect(response.status).toBe(404);
    await t.flushAudit();
    const rows = await t.db.selectFrom('audit_events').select(['action', 'participant_ids', 'outcome', 'organization_id']).where('actor_user_id', '=', stranger.id).where('action', '=', 'note.read').execute();
    expect(rows).toEqual([{ action: 'note.read', participant_ids: [], outcome: 'denied', organization_id: stranger.organizationId }]);
  });

  it('bad input and no sign-in are not reads: nothing is written', async () => {
    const before = await lastId();
    expect((await t.request({ url: '/api/participants?limit=9999', cookie: world.host.cookie })).status).toBe(400);
    expect((await t.request({ url: '/api/sessions/not-a-uuid', cookie: world.host.cookie })).status).toBe(404);
    expect((await t.request({ url: sessionUrl() })).status).toBe(401);
    expect((await t.request({ url: '/api/portal/session' })).status).toBe(401);
    expect(await rowsSince(before)).toEqual([]);
  });
});

describe('sign-ins', () => {
  it('a wrong password leaves a lasting failed row; a sign-in a success row, both with the address', async () => {
    const user = await t.staff(['provider'], world.host.organizationId);
    const before = await lastId();
    const wrong = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: user.email, password: 'not the password at all' }, remoteAddress: '198.51.100.4' });
    expect(wrong.statusCode).toBe(401);
    await t.signIn(user.email);
    const rows = await rowsSince(before);
    expect(rows.map((r) => [r.action, r.actor_kind, r.outcome, r.entity_id])).toEqual([
      ['user.sign_in_failed', 'anonymous', 'failed', user.id],
      ['user.signed_in', 'user', 'success', user.id],
    ]);
    expect(rows[0]!.address).toBe('198.51.100.4');
  });

  it('an email that matches no account writes no audit row (no organization to put it in)', async () => {
    const before = await lastId();
    const response = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'nobody-here@example.test', password: 'whatever it is' } });
    expect(response.statusCode).toBe(401);
    await t.flushAudit();
    expect(await lastId()).toBe(before);
  });
});
