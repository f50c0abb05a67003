import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createService, setWorkHours } from '../testing/catalog-factories';
import { type ApiRequest, type SignedIn, startTestApp, type TestApp } from '../testing/harness';
import { multipart } from '../testing/multipart';

// Input that once reached the database or a parser and came back as 500: NUL (PostgreSQL refuses
// it in text), lone surrogates (not encodable as UTF-8), malformed cursors, impossible dates,
// hostile upload names, broken multipart. Each must be a 4xx problem+json that writes nothing.
// The clock stands at 2026-03-02T15:00Z.

let t: TestApp;
let admin: SignedIn;
let sessionId: string;

const PDF = new TextEncoder().encode('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

beforeAll(async () => {
  t = await startTestApp();
  admin = await t.staff(['admin', 'provider']);
  const everyDay = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: '00:00', end: '24:00' }));
  await setWorkHours(t.db, admin.organizationId, admin.id, { timeZone: 'UTC', weekly: everyDay, overrides: [] });
  const service = await createService(t.db, admin.organizationId, { durationMinutes: 30 });
  const booked = await t.request({
    method: 'POST',
    url: '/api/sessions',
    cookie: admin.cookie,
    body: { serviceId: service.id, sessionTypeId: service.sessionTypeIds[0], start: '2026-03-03T10:00:00Z', participants: [{ name: 'Pat', timeZone: 'UTC', invitationType: 'none' }] },
  });
  expect(booked.status).toBe(201);
  sessionId = booked.body.id;
});
afterAll(() => t.close());

/** Rows in the tables these requests could write to. */
async function rowCounts() {
  const tables = ['participants', 'session_notes', 'chat_messages', 'files', 'document_templates', 'services', 'sessions'] as const;
  const counts: Record<string, number> = {};
  for (const table of tables) counts[table] = (await t.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;
  return counts;
}

const cursor = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const UUID_SHAPED = '------------------------------------';

const JSON_CASES: Record<string, () => ApiRequest> = {
  'NUL in a participant name': () => ({ method: 'POST', url: '/api/participants', body: { name: 'Pat\u0000', timeZone: 'UTC', invitationType: 'none' } }),
  'lone surrogate in a participant name': () => ({ method: 'POST', url: '/api/participants', body: { name: 'Pat \ud800', timeZone: 'UTC', invitationType: 'none' } }),
  'NUL in a note': () => ({ method: 'POST', url: `/api/sessions/${sessionId}/notes`, body: { body: 'Seen\u0000today' } }),
  'lone surrogate in a note': () => ({ method: 'POST', url: `/api/sessions/${sessionId}/notes`, body: { body: 'Seen \udfff today' } }),
  'NUL in a chat message': () => ({ method: 'POST', url: `/api/sessions/${sessionId}/messages`, body: { body: 'Hi\u0000', clientMessageId: 'client-message-1' } }),
  'NUL in a service description': () => ({ method: 'POST', url: '/api/services', body: { name: 'Visit', description: 'x\u0000', durationMinutes: 30, sessionTypeIds: [] } }),
  'NUL in a search': () => ({ url: '/api/participants?query=%00' }),
  'NUL in a cancel reason': () => ({ method: 'POST', url: `/api/sessions/${sessionId}/cancel`, body: { reason: 'Closed\u0000' } }),
  'a cursor that is not base64 JSON': () => ({ url: '/api/sessions?cursor=%%%%' }),
  'a cursor of the wrong shape': () => ({ url: `/api/sessions?cursor=${cursor({ a: 1 })}` }),
  'a cursor with a uuid-shaped id that is no uuid': () => ({ url: `/api/sessions?cursor=${cursor(['2026-03-03T10:00:00Z', UUID_SHAPED])}` }),
  'a cursor from year -100000': () => ({ url: `/api/sessions?cursor=${cursor(['-100000-01-01T00:00:00Z', '00000000-0000-4000-8000-000000000000'])}` }),
  'an impossible month and day': () => ({ url: '/api/sessions?from=2026-13-45T00:00:00Z' }),
  'February 30': () => ({ url: '/api/sessions?from=2026-02-30T00:00:00Z' }),
  'year -100000 as an instant': () => ({ url: `/api/sessions?from=${encodeURIComponent('-100000-01-01T00:00:00Z')}` }),
  'an impossible availability date': () => ({ url: `/api/availability?hostId=${admin.id}&from=2026-13-45&to=2026-13-46` }),
  'availability from year -100000': () => ({ url: `/api/availability?hostId=${admin.id}&from=${encodeURIComponent('-100000-01-01T00:00:00Z')}` }),
};

async function upload(url: string, filename: string, fields: Record<string, string> = {}): Promise<ApiRequest> {
  const form = await multipart({ bytes: PDF, filename, type: 'application/pdf' }, fields);
  return { method: 'POST', url, headers: form.headers, body: form.body };
}

const UPLOAD_CASES: Record<string, () => Promise<ApiRequest>> = {
  'a chat upload named with 300 characters': () => upload(`/api/sessions/${sessionId}/attachments`, `${'a'.repeat(296)}.pdf`),
  'a chat upload named with NUL': () => upload(`/api/sessions/${sessionId}/attachments`, 'report\u0000.pdf'),
  'a PDF template named with 300 characters': () => upload('/api/document-templates/pdf', `${'b'.repeat(296)}.pdf`, { name: 'Consent', audience: 'participant' }),
  'multipart without a boundary': async () => ({ method: 'POST', url: `/api/sessions/${sessionId}/attachments`, headers: { 'content-type': 'multipart/form-data' }, body: Buffer.from('--x\r\n') }),
  'truncated multipart': async () => {
    const form = await upload(`/api/sessions/${sessionId}/attachments`, 'report.pdf');
    return { ...form, body: (form.body as Buffer).subarray(0, (form.body as Buffer).length - 30) };
  },
};

describe('bad input', () => {
  it.each(Object.keys(JSON_CASES))('%s → 4xx problem+json, nothing written', async (name) => {
    const before = await rowCounts();
    const response = await t.request({ ...JSON_CASES[name]!(), cookie: admin.cookie });
    expect(response.status, response.text).toBeGreaterThanOrEqual(400);
    expect(response.status, response.text).toBeLessThan(500);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(await rowCounts()).toEqual(before);
  });

  it.each(Object.keys(UPLOAD_CASES))('%s → 4xx problem+json, nothing written', async (name) => {
    const before = await rowCounts();
    const response = await t.request({ ...(await UPLOAD_CASES[name]!()), cookie: admin.cookie });
    expect(response.status, response.text).toBeGreaterThanOrEqual(400);
    expect(response.status, response.text).toBeLessThan(500);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(await rowCounts()).toEqual(before);
  });
});
