import { expect } from 'vitest';
import { sendDueExports } from '../jobs/ehr-send';
import { createDocumentCompletion } from '../modules/documents';
import { createEhrExports, createEhrGateway } from '../modules/ehr';
import { createService, setWorkHours } from './catalog-factories';
import { type FhirTestServer, startFhirServer } from './fhir-server';
import type { SignedIn, TestApp } from './harness';

/** A 1×1 PNG, as a screenshot. */
export const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

/**
 * An organization connected to a real FHIR engine on loopback, and a way to book sessions with
 * MedCart data (readings from the host and a cart, a screenshot, a signed consent) and to run
 * the EHR send job as main.ts would.
 */
export async function ehrWorld(t: TestApp, options: { timeoutMs?: number } = {}) {
  const fhir: FhirTestServer = await startFhirServer({ clock: t.clock, jwks: async () => (await t.request({ url: '/.well-known/jwks.json' })).body });
  const admin: SignedIn = await t.staff(['admin']);
  const host: SignedIn = await t.staff(['provider'], admin.organizationId);
  await setWorkHours(t.db, admin.organizationId, host.id, { timeZone: 'UTC', weekly: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: '00:00', end: '24:00' })), overrides: [] });
  const service = await createService(t.db, admin.organizationId, { name: 'Follow-up visit' });
  const consent = await t.request({
    method: 'POST',
    url: '/api/document-templates',
    cookie: admin.cookie,
    body: { name: 'Consent to telehealth', audience: 'participant', fields: [{ id: 'agree', label: 'I agree', type: 'yes_no', required: true }, { id: 'signature', label: 'Signature', type: 'signature', required: true }] },
  });
  expect(consent.status).toBe(201);
  const saved = await t.request({ method: 'PUT', url: '/api/ehr/connection', cookie: admin.cookie, body: { name: 'Riverside EHR', fhirBaseUrl: fhir.baseUrl, clientId: fhir.clientId, scopes: 'system/*.rs system/*.cu' } });
  expect(saved.status).toBe(200);
  const cart = await t.request({ method: 'POST', url: '/api/medcart/carts', cookie: admin.cookie, body: { name: 'Cart 1', location: 'Room 4' } });

  const gateway = createEhrGateway({ db: t.db, clock: t.clock, keySecret: 'test secret that encrypts EHR signing keys at rest', timeoutMs: options.timeoutMs ?? 5000 });
  const exports = createEhrExports({ db: t.db, clock: t.clock, storage: t.storage, gateway, signedDocuments: createDocumentCompletion({ db: t.db, clock: t.clock, storage: t.storage }).signedDocuments });
  let hour = 0;

  /** A session with one participant, readings from the host and the cart, a screenshot, and a signed consent. */
  async function sessionWithData(): Promise<{ id: string; participantId: string; readingIds: string[] }> {
    const booked = await t.request({
      method: 'POST',
      url: '/api/sessions',
      cookie: host.cookie,
      body: {
        serviceId: service.id,
        sessionTypeId: service.sessionTypeIds[0],
        // On the hour, a day after the test clock (which tests move on) and an hour after the last one.
        start: new Date((Math.floor(t.clock.now().getTime() / 3600_000) + 24 + hour++) * 3600_000).toISOString(),
        documentTemplateIds: [consent.body.id],
        participants: [{ name: 'Ana Alvarez', email: `ana-${hour}@example.test`, timeZone: 'Europe/Madrid', invitationType: 'none' }],
      },
    });
    expect(booked.status).toBe(201);
    const id: string = booked.body.id;
    const participantId: string = booked.body.participants[0].id;
    const reading = (body: Record<string, unknown>) => t.request({ method: 'POST', url: `/api/sessions/${id}/readings`, cookie: host.cookie, body });
    const bp = await reading({ kind: 'blood_pressure', components: { systolic: 128, diastolic: 82 }, unit: 'mm[Hg]' });
    const temperature = await reading({ kind: 'body_temperature', value: 99.1, unit: '[degF]' });
    expect((await t.request({ method: 'PUT', url: `/api/sessions/${id}/cart`, cookie: host.cookie, body: { cartId: cart.body.id } })).status).toBe(200);
    const spo2 = await t.request({
      method: 'POST',
      url: '/api/medcart/readings',
      headers: { authorization: `Bearer ${cart.body.token}` },
      body: { sessionId: id, kind: 'oxygen_saturation', value: 97, unit: '%', deviceLabel: 'Nonin 3230', clientReadingId: `spo2-${id}` },
    });
    expect([bp.status, temperature.status, spo2.status]).toEqual([201, 201, 201]);
    const form = new FormData();
    form.set('label', 'Rash, left arm');
    form.set('participantId', participantId);
    form.set('file', new Blob([PNG], { type: 'image/png' }), 'rash.png');
    const body = new Response(form);
    const screenshot = await t.request({ method: 'POST', url: `/api/sessions/${id}/screenshots`, cookie: host.cookie, headers: { 'content-type': body.headers.get('content-type')! }, body: Buffer.from(await body.arrayBuffer()) });
    expect(screenshot.status).toBe(201);
    const ana = await t.participantCookie(id, participantId, host.cookie);
    const [document] = (await t.request({ url: '/api/portal/documents', cookie: ana })).body;
    const signed = await t.request({ method: 'POST', url: `/api/portal/documents/${document.id}`, cookie: ana, body: { answers: { agree: true, signature: 'Ana Alvarez' } } });
    expect(signed.status).toBe(200);
    return { id, participantId, readingIds: [bp.body.id, temperature.body.id, spo2.body.id] };
  }

  const send = (sessionId: string) => t.request({ method: 'POST', url: `/api/sessions/${sessionId}/ehr/send`, cookie: host.cookie });
  const log = async (sessionId: string) => (await t.request({ url: `/api/sessions/${sessionId}/ehr`, cookie: host.cookie })).body;
  /** One pass of the send job, as the worker in main.ts runs it. */
  const runJob = () => sendDueExports({ db: t.db, clock: t.clock, exports }, 10);

  /** After moving the clock by hours, the staff sign in again (theirs ended while idle). */
  async function signInAgain(): Promise<void> {
    admin.cookie = await t.signIn(admin.email);
    host.cookie = await t.signIn(host.email);
  }

  return { fhir, admin, host, sessionWithData, send, log, runJob, signInAgain, close: () => fhir.close() };
}
