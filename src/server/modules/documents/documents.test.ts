import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DocumentField } from '../../../shared/documents';
import { describeHistory, type HistoryEntry } from '../../../shared/history';
import { createService, setWorkHours } from '../../testing/catalog-factories';
import { type SignedIn, startTestApp, type TestApp } from '../../testing/harness';
import { multipart } from '../../testing/multipart';
import { pdfText } from '../../testing/pdf-text';

// The clock stands at Monday 2026-03-02 15:00Z; the provider works 09:00–17:00 New York time.
let t: TestApp;
let admin: SignedIn;
let provider: SignedIn;
let service: Awaited<ReturnType<typeof createService>>;
let slotDay = 0;

const EVERY_FIELD: DocumentField[] = [
  { id: 'reason', label: 'Reason for visit', type: 'short_text', required: true },
  { id: 'history', label: 'Medical history', type: 'long_text', required: false },
  { id: 'allergies', label: 'Any allergies?', type: 'yes_no', required: true },
  { id: 'pain', label: 'Pain level', type: 'single_choice', required: true, options: [{ value: 'none', label: 'None' }, { value: 'severe', label: 'Severe' }] },
  { id: 'symptoms', label: 'Symptoms', type: 'multiple_choice', required: false, options: [{ value: 'cough', label: 'Cough' }, { value: 'fever', label: 'Fever' }] },
  { id: 'birth', label: 'Date of birth', type: 'date', required: true },
  { id: 'weight', label: 'Weight (kg)', type: 'number', required: false },
  { id: 'signature', label: 'Signature', type: 'signature', required: true },
];
const GOOD_ANSWERS = { reason: 'Cough for a week', allergies: false, pain: 'severe', symptoms: ['cough', 'fever'], birth: '1980-05-17', weight: 72.5, signature: 'José Álvarez' };

beforeAll(async () => {
  t = await startTestApp();
  admin = await t.staff(['admin']);
  provider = await t.staff(['provider'], admin.organizationId);
  await setWorkHours(t.db, admin.organizationId, provider.id, {
    timeZone: 'America/New_York',
    weekly: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, start: '09:00', end: '17:00' })),
    overrides: [],
  });
  service = await createService(t.db, admin.organizationId, { name: 'Follow-up visit' });
});
afterAll(() => t.close());

const createForm = (body: Record<string, unknown>, who = admin) => t.request({ method: 'POST', url: '/api/document-templates', cookie: who.cookie, body });

/** 10:00 in New York (15:00Z in EST) on the next weekday not yet used. */
function nextSlot(): string {
  let day = new Date(Date.UTC(2026, 2, 3 + slotDay++, 15));
  while ([0, 6].includes(day.getUTCDay())) day = new Date(Date.UTC(2026, 2, 3 + slotDay++, 15));
  return day.toISOString();
}

async function bookWith(templateIds: string[], participant: Record<string, unknown> = { name: 'José Álvarez', timeZone: 'Europe/Madrid', invitationType: 'none' }) {
  const start = nextSlot();
  const response = await t.request({
    method: 'POST',
    url: '/api/sessions',
    cookie: provider.cookie,
    body: { serviceId: service.id, sessionTypeId: service.sessionTypeIds[0], start, documentTemplateIds: templateIds, participants: [participant] },
  });
  expect(response.status).toBe(201);
  return response.body as { id: string; participants: { id: string }[] };
}

/** Signs in as the session's first participant through a copied join link. */
async function participantCookie(sessionId: string, participantId: string) {
  const link = await t.request({ method: 'POST', url: `/api/sessions/${sessionId}/participants/${participantId}/link`, cookie: provider.cookie });
  const token = /\/join\/(.+)$/.exec(link.body.url)![1];
  const exchange = await t.request({ method: 'POST', url: '/api/portal/exchange', body: { token } });
  return String(exchange.headers['set-cookie']).split(';')[0]!;
}

describe('templates', () => {
  it('creates a form with every field type, listed with its version', async () => {
    const created = await createForm({ name: 'Full intake', audience: 'participant', fields: EVERY_FIELD });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: 'Full intake', audience: 'participant', kind: 'form', version: 1, active: true, file: null });
    expect(created.body.fields.map((f: DocumentField) => f.type)).toEqual(EVERY_FIELD.map((f) => f.type));
    const listed = await t.request({ url: '/api/document-templates', cookie: provider.cookie });
    expect(listed.body.map((d: { name: string }) => d.name)).toContain('Full intake');
  });

  it('rejects bad fields at their paths, and is for administrators only', async () => {
    const bad = await createForm({
      name: '',
      audience: 'patient',
      fields: [
        { id: 'a', label: 'Choice', type: 'single_choice', required: true, options: [{ value: 'x', label: 'X' }] },
        { id: 'b b', label: '', type: 'essay', required: true },
      ],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['audience', 'fields.0.options', 'fields.1.id', 'fields.1.label', 'fields.1.type', 'name'].sort());
    // Field ids are compared once every field is otherwise valid.
    const twice = await createForm({ name: 'Twice', audience: 'host', fields: [EVERY_FIELD[0], { ...EVERY_FIELD[1], id: 'reason' }] });
    expect(twice.body.errors).toEqual([{ path: 'fields.1.id', message: 'Each field needs its own id' }]);
    expect((await createForm({ name: 'X', audience: 'host', fields: EVERY_FIELD }, provider)).status).toBe(403);
  });

  it('refuses number and date limits that make no sense, at their paths, creating nothing', async () => {
    const bad = await createForm({
      name: 'Bad limits',
      audience: 'participant',
      fields: [
        { id: 'weight', label: 'Weight', type: 'number', required: true, min: 10, max: 5, step: 0, unit: 'kg'.repeat(11) },
        { id: 'birth', label: 'Birth', type: 'date', required: true, dateLimit: 'yesterday', unit: 'kg' },
        { id: 'name', label: 'Name', type: 'short_text', required: true, min: 1, dateLimit: 'past' },
      ],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(
      ['fields.0.max', 'fields.0.step', 'fields.0.unit', 'fields.1.dateLimit', 'fields.2.dateLimit', 'fields.2.min'].sort(),
    );
    const shapes = await createForm({
      name: 'Bad limits',
      audience: 'participant',
      fields: [
        { id: 'weight', label: 'Weight', type: 'number', required: true, min: 10, max: 5 },
        { id: 'birth', label: 'Birth', type: 'date', required: true, unit: 'kg' },
        { id: 'name', label: 'Name', type: 'short_text', required: true, min: 1, dateLimit: 'past' },
      ],
    });
    expect(shapes.body.errors).toEqual([
      { path: 'fields.0.max', message: 'Make the largest at least the smallest' },
      { path: 'fields.1.unit', message: 'Only number fields have this' },
      { path: 'fields.2.min', message: 'Only number fields have this' },
      { path: 'fields.2.dateLimit', message: 'Only date fields have this' },
    ]);
    const names = (await t.request({ url: '/api/document-templates?includeRetired=true', cookie: admin.cookie })).body.map((d: { name: string }) => d.name);
    expect(names).not.toContain('Bad limits');
  });

  it('makes a new version on every edit; sessions keep the version they were given', async () => {
    const form = await createForm({ name: 'Versioned', audience: 'participant', fields: [{ id: 'q1', label: 'First question', type: 'yes_no', required: true }] });
    const session = await bookWith([form.body.id]);
    const edited = await t.request({
      method: 'PATCH',
      url: `/api/document-templates/${form.body.id}`,
      cookie: admin.cookie,
      body: { fields: [{ id: 'q1', label: 'First question, reworded', type: 'yes_no', required: true }, { id: 'q2', label: 'New question', type: 'short_text', required: true }] },
    });
    expect(edited.body).toMatchObject({ version: 2 });
    const docs = (await t.request({ url: `/api/sessions/${session.id}/documents`, cookie: provider.cookie })).body;
    expect(docs[0]).toMatchObject({ name: 'Versioned', version: 1 });
    const doc = (await t.request({ url: `/api/sessions/${session.id}/documents/${docs[0].id}`, cookie: provider.cookie })).body;
    expect(doc.fields.map((f: DocumentField) => f.label)).toEqual(['First question']);
    const later = await bookWith([form.body.id]);
    expect((await t.request({ url: `/api/sessions/${later.id}/documents`, cookie: provider.cookie })).body[0].version).toBe(2);

    // An edit made on version 1 would silently undo version 2: refused, and nothing is written.
    const stale = await t.request({ method: 'PATCH', url: `/api/document-templates/${form.body.id}`, cookie: admin.cookie, body: { version: 1, name: 'Stale' } });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('version_conflict');
    const onlyVersion = await t.request({ method: 'PATCH', url: `/api/document-templates/${form.body.id}`, cookie: admin.cookie, body: { version: 2 } });
    expect(onlyVersion.status).toBe(400);
    const current = await t.request({ method: 'PATCH', url: `/api/document-templates/${form.body.id}`, cookie: admin.cookie, body: { version: 2, name: 'Versioned again' } });
    expect(current.body).toMatchObject({ version: 3, name: 'Versioned again' });
  });

  it('retires a used template (no longer assignable) and deletes only an unused one', async () => {
    const used = await createForm({ name: 'Used form', audience: 'participant', fields: EVERY_FIELD.slice(0, 1) });
    await bookWith([used.body.id]);
    const refused = await t.request({ method: 'DELETE', url: `/api/document-templates/${used.body.id}`, cookie: admin.cookie });
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('template_in_use');
    expect((await t.request({ method: 'POST', url: `/api/document-templates/${used.body.id}/retire`, cookie: admin.cookie })).body.active).toBe(false);
    const start = nextSlot();
    const assign = await t.request({
      method: 'POST',
      url: '/api/sessions',
      cookie: provider.cookie,
      body: { serviceId: service.id, sessionTypeId: service.sessionTypeIds[0], start, documentTemplateIds: [used.body.id], participants: [{ name: 'X', timeZone: 'UTC', invitationType: 'none' }] },
    });
    expect(assign.body.errors).toEqual([{ path: 'documentTemplateIds.0', message: 'Unknown document' }]);
    const unused = await createForm({ name: 'Draft form', audience: 'host', fields: EVERY_FIELD.slice(0, 1) });
    expect((await t.request({ method: 'DELETE', url: `/api/document-templates/${unused.body.id}`, cookie: admin.cookie })).status).toBe(204);
  });

  it('accepts a PDF to acknowledge, checked by its content; a new file makes a new version', async () => {
    const ok = await uploadPdf('/api/document-templates/pdf', await pdfSaying('Clinic privacy policy'), 'privacy.pdf', { name: 'Privacy policy', audience: 'participant' });
    expect(ok.status).toBe(201);
    expect(ok.body).toMatchObject({ kind: 'pdf', version: 1, file: { filename: 'privacy.pdf' }, fields: [{ id: 'acknowledgement', type: 'signature' }] });
    const fake = await uploadPdf('/api/document-templates/pdf', new TextEncoder().encode('<html>not a pdf</html>'), 'fake.pdf', { name: 'Fake', audience: 'participant' });
    expect(fake.status).toBe(400);
    expect(fake.body.errors).toEqual([{ path: 'file', message: 'This file is not a PDF' }]);
    const tooLarge = new Uint8Array(10 * 1024 * 1024 + 1).fill(32);
    tooLarge.set(new TextEncoder().encode('%PDF-1.7'));
    const large = await uploadPdf('/api/document-templates/pdf', tooLarge, 'large.pdf', { name: 'Large', audience: 'participant' });
    expect(large.status).toBe(413);
    expect(large.body.code).toBe('payload_too_large');
    const noName = await uploadPdf('/api/document-templates/pdf', await pdfSaying('x'), 'x.pdf', { name: ' ', audience: 'everyone' });
    expect(noName.body.errors.map((e: { path: string }) => e.path)).toEqual(['name', 'audience']);
    const byProvider = await uploadPdf('/api/document-templates/pdf', await pdfSaying('x'), 'x.pdf', { name: 'Mine', audience: 'participant' }, provider);
    expect(byProvider.status).toBe(403);
    const names = (await t.request({ url: '/api/document-templates?includeRetired=true', cookie: admin.cookie })).body.map((d: { name: string }) => d.name);
    expect(names).toContain('Privacy policy');
    for (const refused of ['Fake', 'Large', 'Mine']) expect(names).not.toContain(refused);

    // A session booked now keeps version 1 after the file is replaced.
    const form = await createForm({ name: 'Not a PDF document', audience: 'host', fields: EVERY_FIELD.slice(0, 1) });
    const session = await bookWith([ok.body.id]);
    const edition = await pdfSaying('Privacy policy, 2027 edition');
    const taken = await uploadPdf(`/api/document-templates/${ok.body.id}/file`, edition, 'privacy-2027.pdf', { name: 'Not a PDF document' });
    expect(taken.status).toBe(409);
    expect(taken.body.errors).toEqual([{ path: 'name', message: 'Another document already has this name' }]);
    const stale = await uploadPdf(`/api/document-templates/${ok.body.id}/file`, edition, 'privacy-2027.pdf', { version: '2' });
    expect(stale.body.code).toBe('version_conflict');
    const replaced = await uploadPdf(`/api/document-templates/${ok.body.id}/file`, edition, 'privacy-2027.pdf', { name: 'Privacy policy 2027', version: '1' });
    expect(replaced.status).toBe(200);
    expect(replaced.body).toMatchObject({ version: 2, file: { filename: 'privacy-2027.pdf' }, name: 'Privacy policy 2027', audience: 'participant' });
    const current = await t.request({ url: `/api/document-templates/${ok.body.id}/file`, cookie: provider.cookie });
    expect(current.headers['content-type']).toBe('application/pdf');
    expect(await pdfText(new Uint8Array(current.rawPayload))).toContain('2027 edition');
    const doc = (await t.request({ url: `/api/sessions/${session.id}/documents`, cookie: provider.cookie })).body[0];
    const assigned = await t.request({ url: `/api/sessions/${session.id}/documents/${doc.id}/file`, cookie: provider.cookie });
    expect(await pdfText(new Uint8Array(assigned.rawPayload))).not.toContain('2027');
    const onForm = await uploadPdf(`/api/document-templates/${form.body.id}/file`, await pdfSaying('x'), 'x.pdf');
    expect(onForm.body.errors).toEqual([{ path: 'file', message: 'This document is a form: edit its fields instead' }]);
  });
});

async function pdfSaying(text: string) {
  const pdf = await PDFDocument.create();
  pdf.addPage().drawText(text);
  return pdf.save();
}

async function uploadPdf(url: string, content: Uint8Array, filename: string, fields: Record<string, string> = {}, who = admin) {
  return t.request({ method: 'POST', url, cookie: who.cookie, ...(await multipart({ bytes: content, filename, type: 'application/pdf' }, fields)) });
}

describe('completion', () => {
  let form: { id: string };
  let checklist: { id: string };
  beforeAll(async () => {
    form = (await createForm({ name: 'Complete intake', audience: 'participant', fields: EVERY_FIELD })).body;
    checklist = (await createForm({ name: 'Host checklist', audience: 'host', fields: [{ id: 'ok', label: 'All good', type: 'yes_no', required: true }, { id: 'signature', label: 'Signature', type: 'signature', required: true }] })).body;
  });

  it('a participant sees only their own documents, answers every field type, and cannot complete twice', async () => {
    const session = await bookWith([form.id, checklist.id]);
    const cookie = await participantCookie(session.id, session.participants[0]!.id);
    const mine = await t.request({ url: '/api/portal/documents', cookie });
    expect(mine.body.map((d: { name: string }) => d.name)).toEqual(['Complete intake']); // not the host checklist
    const id = mine.body[0].id;

    const missing = await t.request({ method: 'POST', url: `/api/portal/documents/${id}`, cookie, body: { answers: {} } });
    expect(missing.status).toBe(400);
    expect(missing.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['answers.allergies', 'answers.birth', 'answers.pain', 'answers.reason', 'answers.signature']);
    const wrong = await t.request({
      method: 'POST',
      url: `/api/portal/documents/${id}`,
      cookie,
      body: { answers: { ...GOOD_ANSWERS, allergies: 'no', pain: 'unbearable', symptoms: ['cough', 'sneeze'], birth: '1980-02-30', weight: 'heavy', signature: 'data:image/png;base64,@@@', extra: 1 } },
    });
    expect(wrong.body.errors).toEqual(
      expect.arrayContaining([
        { path: 'answers.extra', message: 'This document has no such field' },
        { path: 'answers.allergies', message: 'Answer yes or no' },
        { path: 'answers.pain', message: 'Choose one of the options' },
        { path: 'answers.symptoms', message: 'Choose among the options' },
        { path: 'answers.birth', message: 'Enter a date as YYYY-MM-DD' },
        { path: 'answers.weight', message: 'Enter a number' },
        { path: 'answers.signature', message: 'The drawn signature is not a PNG image' },
      ]),
    );
    // Well-formed base64 that is no image: refused now, not found out when the PDF is made.
    const notAnImage = `data:image/png;base64,${Buffer.from('not an image at all').toString('base64')}`;
    const unreadable = await t.request({ method: 'POST', url: `/api/portal/documents/${id}`, cookie, body: { answers: { ...GOOD_ANSWERS, signature: notAnImage } } });
    expect(unreadable.status).toBe(400);
    expect(unreadable.body.errors).toEqual([{ path: 'answers.signature', message: 'The drawn signature could not be read: please sign again' }]);
    expect((await t.request({ url: '/api/portal/documents', cookie })).body[0].status).toBe('pending');
    const done = await t.request({ method: 'POST', url: `/api/portal/documents/${id}`, cookie, body: { answers: GOOD_ANSWERS } });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ status: 'completed', answers: GOOD_ANSWERS, completedBy: { kind: 'participant', name: 'José Álvarez' } });
    const again = await t.request({ method: 'POST', url: `/api/portal/documents/${id}`, cookie, body: { answers: GOOD_ANSWERS } });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('already_completed');
    const history = await t.request({ url: `/api/sessions/${session.id}/history`, cookie: provider.cookie });
    const last = history.body.at(-1) as HistoryEntry;
    expect(last).toMatchObject({ type: 'document_completed', actor: { kind: 'participant', name: 'José Álvarez' }, data: { name: 'Complete intake' } });
    expect(describeHistory(last, 'UTC')).toBe('José Álvarez completed Complete intake');

    // The signed PDF: every question and answer, the signer and the time in their zone.
    // 15:00Z is 16:00 in Madrid (CET).
    const pdf = await t.request({ url: `/api/sessions/${session.id}/documents/${id}/pdf`, cookie: provider.cookie });
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.headers['content-disposition']).toMatch(/^attachment;/);
    const text = await pdfText(new Uint8Array(pdf.rawPayload));
    for (const expected of ['Complete intake', 'Version 1', 'Reason for visit', 'Cough for a week', 'Severe', 'Cough, Fever', 'Weight (kg)', '72.5', 'José Álvarez', 'Madrid']) {
      expect(text).toContain(expected);
    }
    const own = await t.request({ url: `/api/portal/documents/${id}/pdf`, cookie });
    expect(own.status).toBe(200);
  });

  it('checks numbers against their range and steps, and dates against the signer’s today; refusals write nothing', async () => {
    const limited = await createForm({
      name: 'Vitals and dates',
      audience: 'participant',
      fields: [
        { id: 'weight', label: 'Weight', type: 'number', required: true, min: 0, max: 700, step: 0.1, unit: 'kg' },
        { id: 'birth', label: 'Date of birth', type: 'date', required: true, dateLimit: 'past' },
        { id: 'next', label: 'Next visit', type: 'date', required: false, dateLimit: 'future' },
      ],
    });
    expect(limited.body.fields[0]).toMatchObject({ min: 0, max: 700, step: 0.1, unit: 'kg' });
    // The clock stands at 2026-03-02 15:00Z: 05:00 on March 2 in Honolulu, 05:00 on March 3 in Kiritimati (UTC+14).
    const honolulu = await bookWith([limited.body.id], { name: 'Kai Akana', timeZone: 'Pacific/Honolulu', invitationType: 'none' });
    const cookie = await participantCookie(honolulu.id, honolulu.participants[0]!.id);
    const id = (await t.request({ url: '/api/portal/documents', cookie })).body[0].id;
    const send = (answers: Record<string, unknown>) => t.request({ method: 'POST', url: `/api/portal/documents/${id}`, cookie, body: { answers } });

    const refused = await send({ weight: -5, birth: '2026-03-03', next: '2026-03-01' });
    expect(refused.status).toBe(400);
    expect(refused.body.errors).toEqual([
      { path: 'answers.weight', message: 'Enter 0 kg to 700 kg' },
      { path: 'answers.birth', message: 'Enter a date that is not in the future' },
      { path: 'answers.next', message: 'Enter a date that is not in the past' },
    ]);
    expect((await send({ weight: 700.1, birth: '1985-06-01' })).body.errors).toEqual([{ path: 'answers.weight', message: 'Enter 0 kg to 700 kg' }]);
    expect((await send({ weight: 72.55, birth: '1985-06-01' })).body.errors).toEqual([{ path: 'answers.weight', message: 'Use steps of 0.1 kg' }]);
    expect((await t.request({ url: '/api/portal/documents', cookie })).body[0]).toMatchObject({ status: 'pending', answers: null });
    // Today counts as the past and as the future.
    const done = await send({ weight: 72.3, birth: '2026-03-02', next: '2026-03-02' });
    expect(done.status).toBe(200);
    const pdf = await t.request({ url: `/api/portal/documents/${id}/pdf`, cookie });
    expect(await pdfText(new Uint8Array(pdf.rawPayload))).toContain('72.3 kg');

    // Where it is already March 3, March 3 is not in the future.
    const kiritimati = await bookWith([limited.body.id], { name: 'Teeta Tebano', timeZone: 'Pacific/Kiritimati', invitationType: 'none' });
    const early = await participantCookie(kiritimati.id, kiritimati.participants[0]!.id);
    const earlyId = (await t.request({ url: '/api/portal/documents', cookie: early })).body[0].id;
    const accepted = await t.request({ method: 'POST', url: `/api/portal/documents/${earlyId}`, cookie: early, body: { answers: { weight: 0, birth: '2026-03-03' } } });
    expect(accepted.status).toBe(200);
  });

  it('keeps participants apart: another participant’s and another session’s documents are not found', async () => {
    const a = await bookWith([form.id]);
    const b = await bookWith([form.id], { name: 'Other Person', timeZone: 'UTC', invitationType: 'none' });
    const cookieA = await participantCookie(a.id, a.participants[0]!.id);
    const docB = (await t.request({ url: `/api/sessions/${b.id}/documents`, cookie: provider.cookie })).body[0].id;
    expect((await t.request({ method: 'POST', url: `/api/portal/documents/${docB}`, cookie: cookieA, body: { answers: GOOD_ANSWERS } })).status).toBe(404);
    expect((await t.request({ url: `/api/portal/documents/${docB}/pdf`, cookie: cookieA })).status).toBe(404);
    const stranger = await t.staff(['admin']);
    expect((await t.request({ url: `/api/sessions/${b.id}/documents/${docB}`, cookie: stranger.cookie })).status).toBe(404);
  });

  it('the host completes their host document; nobody else may; the PDF needs a completed document', async () => {
    const session = await bookWith([checklist.id]);
    const doc = (await t.request({ url: `/api/sessions/${session.id}/documents`, cookie: provider.cookie })).body[0];
    expect(doc).toMatchObject({ audience: 'host', assignee: { kind: 'host', id: provider.id } });
    const pending = await t.request({ url: `/api/sessions/${session.id}`, cookie: provider.cookie });
    expect(pending.body.documentProgress).toEqual({ total: 1, completed: 0 });
    const early = await t.request({ url: `/api/sessions/${session.id}/documents/${doc.id}/pdf`, cookie: provider.cookie });
    expect(early.status).toBe(409);
    expect(early.body.code).toBe('not_completed');
    const dispatcher = await t.staff(['dispatcher'], admin.organizationId);
    const notTheirs = await t.request({ method: 'POST', url: `/api/sessions/${session.id}/documents/${doc.id}`, cookie: dispatcher.cookie, body: { answers: { ok: true, signature: 'Dana D' } } });
    expect(notTheirs.status).toBe(403);
    // Signed by drawing: a real (1×1) PNG goes into the record as an image.
    const drawn = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';
    const done = await t.request({ method: 'POST', url: `/api/sessions/${session.id}/documents/${doc.id}`, cookie: provider.cookie, body: { answers: { ok: true, signature: drawn } } });
    expect(done.body).toMatchObject({ status: 'completed', completedBy: { kind: 'user', name: provider.name } });
    // The appointments list counts the paperwork of each session.
    const listed = await t.request({ url: '/api/sessions?limit=200', cookie: provider.cookie });
    expect(listed.body.items.find((s: { id: string }) => s.id === session.id).documentProgress).toEqual({ total: 1, completed: 1 });
    const text = await pdfText(new Uint8Array((await t.request({ url: `/api/sessions/${session.id}/documents/${doc.id}/pdf`, cookie: dispatcher.cookie })).rawPayload));
    expect(text).toContain('All good');
    expect(text).toContain('Yes');
    expect(text).toContain('Signature drawn on screen');
    expect(text).not.toContain('could not be read');
  });

  it('refuses completion once the session is canceled', async () => {
    const session = await bookWith([form.id]);
    const cookie = await participantCookie(session.id, session.participants[0]!.id);
    const id = (await t.request({ url: '/api/portal/documents', cookie })).body[0].id;
    await t.request({ method: 'POST', url: `/api/sessions/${session.id}/cancel`, cookie: provider.cookie, body: { reason: 'Closed' } });
    const refused = await t.request({ method: 'POST', url: `/api/portal/documents/${id}`, cookie, body: { answers: GOOD_ANSWERS } });
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('invalid_state');
  });
});
