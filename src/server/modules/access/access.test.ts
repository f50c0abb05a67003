import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDocumentTemplate, createService, setWorkHours } from '../../testing/catalog-factories';
import { type ApiRequest, type SignedIn, startTestApp, type TestApp } from '../../testing/harness';

// The access matrix over HTTP: every role × every action × (this organization, another one).
// The clock stands at 2026-03-02T15:00Z; hosts work around the clock in UTC, and each booking
// takes the next free hour from 2026-03-03 on.

type Role = 'admin' | 'dispatcher' | 'host' | 'otherProvider' | 'participant' | 'otherParticipant';
const ROLES: Role[] = ['admin', 'dispatcher', 'host', 'otherProvider', 'participant', 'otherParticipant'];

/** One session to act on, with the ids the actions need. */
interface Target {
  id: string;
  participantId: string;
  participantDocumentId: string;
  hostDocumentId: string;
  participantCookie: string;
}

interface Action {
  request: (target: Target) => ApiRequest;
  /** Allowed calls change the session: each allowed cell gets a session of its own. */
  changes?: boolean;
}

let hour = 0;
const nextSlot = () => new Date(Date.UTC(2026, 2, 3, 0) + hour++ * 3600_000).toISOString();

const ACTIONS: Record<string, Action> = {
  'read the session': { request: (s) => ({ url: `/api/sessions/${s.id}` }) },
  'read its history': { request: (s) => ({ url: `/api/sessions/${s.id}/history` }) },
  'read its notes': { request: (s) => ({ url: `/api/sessions/${s.id}/notes` }) },
  'read its documents': { request: (s) => ({ url: `/api/sessions/${s.id}/documents` }) },
  'read one document': { request: (s) => ({ url: `/api/sessions/${s.id}/documents/${s.participantDocumentId}` }) },
  'download its calendar file': { request: (s) => ({ url: `/api/sessions/${s.id}/calendar.ics` }) },
  'add a note': { request: (s) => ({ method: 'POST', url: `/api/sessions/${s.id}/notes`, body: { body: 'Seen today.' } }), changes: true },
  'edit it': { request: (s) => ({ method: 'PATCH', url: `/api/sessions/${s.id}`, body: { version: 1, documentTemplateIds: [] } }), changes: true },
  reschedule: { request: (s) => ({ method: 'POST', url: `/api/sessions/${s.id}/reschedule`, body: { start: nextSlot() } }), changes: true },
  cancel: { request: (s) => ({ method: 'POST', url: `/api/sessions/${s.id}/cancel`, body: { reason: 'Clinic closed' } }), changes: true },
  'set its documents': { request: (s) => ({ method: 'PUT', url: `/api/sessions/${s.id}/documents`, body: { documentTemplateIds: [] } }), changes: true },
  'add a participant': {
    request: (s) => ({ method: 'POST', url: `/api/sessions/${s.id}/participants`, body: { name: 'Ana Added', timeZone: 'UTC', invitationType: 'none' } }),
    changes: true,
  },
  'remove a participant': { request: (s) => ({ method: 'DELETE', url: `/api/sessions/${s.id}/participants/${s.participantId}` }), changes: true },
  'send a reminder': { request: (s) => ({ method: 'POST', url: `/api/sessions/${s.id}/reminders` }), changes: true },
  'copy a private link': { request: (s) => ({ method: 'POST', url: `/api/sessions/${s.id}/participants/${s.participantId}/link` }), changes: true },
  'schedule the next session': { request: (s) => ({ method: 'POST', url: `/api/sessions/${s.id}/next`, body: { start: nextSlot() } }), changes: true },
  'sign the host document': {
    request: (s) => ({ method: 'POST', url: `/api/sessions/${s.id}/documents/${s.hostDocumentId}`, body: { answers: { agree: true } } }),
    changes: true,
  },
  // The participant record rule: who may change where a participant's links and messages go.
  "change its participant's contact": {
    request: (s) => ({ method: 'PATCH', url: `/api/participants/${s.participantId}`, body: { email: `moved-${hour++}@example.test`, invitationType: 'email' } }),
    changes: true,
  },
  'read my page': { request: () => ({ url: '/api/portal/session' }) },
  'list my documents': { request: () => ({ url: '/api/portal/documents' }) },
  'complete my document': {
    request: (s) => ({ method: 'POST', url: `/api/portal/documents/${s.participantDocumentId}`, body: { answers: { agree: true } } }),
    changes: true,
  },
};

// prettier-ignore
/** Expected status when the caller is in the session's organization. */
const THIS_ORGANIZATION: Record<keyof typeof ACTIONS, Record<Role, number>> = {
  //                           admin            dispatcher            host            other provider         participant            other session's participant
  'read the session':          { admin: 200, dispatcher: 200, host: 200, otherProvider: 404, participant: 401, otherParticipant: 401 },
  'read its history':          { admin: 200, dispatcher: 200, host: 200, otherProvider: 404, participant: 401, otherParticipant: 401 },
  'read its notes':            { admin: 200, dispatcher: 200, host: 200, otherProvider: 404, participant: 401, otherParticipant: 401 },
  'read its documents':        { admin: 200, dispatcher: 200, host: 200, otherProvider: 404, participant: 401, otherParticipant: 401 },
  'read one document':         { admin: 200, dispatcher: 200, host: 200, otherProvider: 404, participant: 401, otherParticipant: 401 },
  'download its calendar file':{ admin: 200, dispatcher: 200, host: 200, otherProvider: 404, participant: 401, otherParticipant: 401 },
  'add a note':                { admin: 201, dispatcher: 201, host: 201, otherProvider: 404, participant: 401, otherParticipant: 401 },
  'edit it':                   { admin: 200, dispatcher: 200, host: 200, otherProvider: 404, participant: 401, otherParticipant: 401 },
  reschedule:                  { admin: 200, dispatcher: 200, host: 200, otherProvider: 404, participant: 401, otherParticipant: 401 },
  cancel:                      { admin: 200, dispatcher: 200, host: 200, otherProvider: 404, participant: 401, otherParticipant: 401 },
  'set its documents':         { admin: 200, dispatcher: 200, host: 200, otherProvider: 404, participant: 401, otherParticipant: 401 },
  'add a participant':         { admin: 201, dispatcher: 201, host: 201, otherProvider: 404, participant: 401, otherParticipant: 401 },
  'remove a participant':      { admin: 204, dispatcher: 204, host: 204, otherProvider: 404, participant: 401, otherParticipant: 401 },
  'send a reminder':           { admin: 202, dispatcher: 202, host: 202, otherProvider: 404, participant: 401, otherParticipant: 401 },
  'copy a private link':       { admin: 200, dispatcher: 200, host: 200, otherProvider: 404, participant: 401, otherParticipant: 401 },
  'schedule the next session': { admin: 201, dispatcher: 201, host: 201, otherProvider: 404, participant: 401, otherParticipant: 401 },
  'sign the host document':    { admin: 403, dispatcher: 403, host: 200, otherProvider: 404, participant: 401, otherParticipant: 401 },
  "change its participant's contact": { admin: 200, dispatcher: 200, host: 200, otherProvider: 403, participant: 401, otherParticipant: 401 },
  'read my page':              { admin: 401, dispatcher: 401, host: 401, otherProvider: 401, participant: 200, otherParticipant: 200 },
  'list my documents':         { admin: 401, dispatcher: 401, host: 401, otherProvider: 401, participant: 200, otherParticipant: 200 },
  'complete my document':      { admin: 401, dispatcher: 401, host: 401, otherProvider: 401, participant: 200, otherParticipant: 404 },
};

/** What a participant reads of their own session: the assertion is what it shows, see `showsOnly`. */
const PORTAL_READS = new Set(['read my page', 'list my documents']);

/**
 * From another organization nothing of the session is reachable: staff get 404 (its existence
 * is not revealed), participants of that organization's sessions 404 too, and the portal page
 * shows them only their own session.
 */
const OTHER_ORGANIZATION = (action: string, role: Role): number => {
  const isParticipant = role === 'participant' || role === 'otherParticipant';
  if (PORTAL_READS.has(action)) return isParticipant ? 200 : 401;
  if (action.includes('my ')) return isParticipant ? 404 : 401;
  return isParticipant ? 401 : 404;
};

let t: TestApp;

interface Organization {
  staff: Record<'admin' | 'dispatcher' | 'host' | 'otherProvider', SignedIn>;
  serviceId: string;
  sessionTypeId: string;
  templateIds: string[];
}

async function organization(): Promise<Organization> {
  const admin = await t.staff(['admin']);
  const org = admin.organizationId;
  const staff = {
    admin,
    dispatcher: await t.staff(['dispatcher'], org),
    host: await t.staff(['provider'], org),
    otherProvider: await t.staff(['provider'], org),
  };
  const everyDay = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: '00:00', end: '24:00' }));
  for (const provider of [staff.host, staff.otherProvider]) await setWorkHours(t.db, org, provider.id, { timeZone: 'UTC', weekly: everyDay, overrides: [] });
  const service = await createService(t.db, org, { durationMinutes: 30 });
  const consent = await createDocumentTemplate(t.db, org, { audience: 'participant' });
  const checklist = await createDocumentTemplate(t.db, org, { audience: 'host' });
  return { staff, serviceId: service.id, sessionTypeId: service.sessionTypeIds[0]!, templateIds: [consent.id, checklist.id] };
}

/** Books a session hosted by the organization's host, and opens its participant's page. */
async function book(organization: Organization): Promise<Target> {
  const { staff } = organization;
  const created = await t.request({
    method: 'POST',
    url: '/api/sessions',
    cookie: staff.host.cookie,
    body: {
      serviceId: organization.serviceId,
      sessionTypeId: organization.sessionTypeId,
      start: nextSlot(),
      documentTemplateIds: organization.templateIds,
      participants: [{ name: 'Pat Patient', timeZone: 'UTC', invitationType: 'none' }],
    },
  });
  expect(created.status).toBe(201);
  const id = created.body.id as string;
  const participantId = created.body.participants[0].id as string;
  const documents = (await t.request({ url: `/api/sessions/${id}/documents`, cookie: staff.host.cookie })).body as { id: string; audience: string }[];
  const link = await t.request({ method: 'POST', url: `/api/sessions/${id}/participants/${participantId}/link`, cookie: staff.host.cookie });
  const exchange = await t.request({ method: 'POST', url: '/api/portal/exchange', body: { token: /\/join\/(.+)$/.exec(link.body.url)![1] } });
  return {
    id,
    participantId,
    participantDocumentId: documents.find((d) => d.audience === 'participant')!.id,
    hostDocumentId: documents.find((d) => d.audience === 'host')!.id,
    participantCookie: String(exchange.headers['set-cookie']).split(';')[0]!,
  };
}

let home: Organization;
let away: Organization;
let shared: Target;
/** A session of the same organization, whose participant is "another session's participant". */
let neighbour: Target;
let awayTarget: Target;

beforeAll(async () => {
  t = await startTestApp();
  home = await organization();
  away = await organization();
  shared = await book(home);
  neighbour = await book(home);
  awayTarget = await book(away);
});
afterAll(() => t.close());

function cookieOf(role: Role, organization: Organization, target: Target, otherSession: Target): string {
  if (role === 'participant') return target.participantCookie;
  if (role === 'otherParticipant') return otherSession.participantCookie;
  return organization.staff[role].cookie;
}

/** A participant's own page and documents show their own session and nothing of another's. */
function showsOnly(action: string, body: any, own: Target) {
  if (action === 'read my page') expect(body.session.id).toBe(own.id);
  else expect(body.map((d: { id: string }) => d.id)).toEqual([own.participantDocumentId]);
}

const historyLength = async (sessionId: string) =>
  (await t.db.selectFrom('session_history').select((eb) => eb.fn.countAll<number>().as('n')).where('session_id', '=', sessionId).executeTakeFirstOrThrow()).n;

const cells = Object.keys(ACTIONS).flatMap((action) => ROLES.map((role) => ({ action, role, expected: THIS_ORGANIZATION[action]![role] })));
const awayCells = cells.map(({ action, role }) => ({ action, role, expected: OTHER_ORGANIZATION(action, role) }));

describe('in the session’s organization', () => {
  it.each(cells)('$role: $action → $expected', async ({ action, role, expected }) => {
    const { request, changes } = ACTIONS[action]!;
    // A refused or read-only call may use the shared session; an allowed change gets its own.
    const target = changes && expected < 400 ? await book(home) : shared;
    const before = await historyLength(target.id);
    const response = await t.request({ ...request(target), cookie: cookieOf(role, home, target, neighbour) });
    expect(response.status, response.text).toBe(expected);
    if (expected >= 400) {
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(await historyLength(target.id)).toBe(before);
    }
    if (PORTAL_READS.has(action) && expected === 200) showsOnly(action, response.body, role === 'participant' ? target : neighbour);
  });
});

describe('from another organization', () => {
  it.each(awayCells)('$role: $action → $expected', async ({ action, role, expected }) => {
    const before = await historyLength(shared.id);
    // The caller belongs to the other organization; the ids are this organization's session's.
    const response = await t.request({ ...ACTIONS[action]!.request(shared), cookie: cookieOf(role, away, awayTarget, awayTarget) });
    expect(response.status, response.text).toBe(expected);
    expect(await historyLength(shared.id)).toBe(before);
    if (PORTAL_READS.has(action) && expected === 200) showsOnly(action, response.body, awayTarget);
  });
});

describe('a participant in no session', () => {
  // Nobody hosts them yet: only administrators and dispatchers may change where their messages go.
  const EXPECTED = { admin: 200, dispatcher: 200, host: 403, otherProvider: 403 } as const;
  it.each(Object.entries(EXPECTED))('%s: change their contact → %s', async (role, expected) => {
    const created = await t.request({
      method: 'POST',
      url: '/api/participants',
      cookie: home.staff.admin.cookie,
      body: { name: 'Nora Nobody', timeZone: 'UTC', invitationType: 'none' },
    });
    const response = await t.request({
      method: 'PATCH',
      url: `/api/participants/${created.body.id}`,
      cookie: home.staff[role as keyof typeof EXPECTED].cookie,
      body: { email: `nora-${hour++}@example.test`, invitationType: 'email' },
    });
    expect(response.status, response.text).toBe(expected);
    const stored = await t.db.selectFrom('participants').select('email').where('id', '=', created.body.id).executeTakeFirstOrThrow();
    expect(stored.email === null).toBe(expected !== 200);
  });
});
