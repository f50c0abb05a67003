import type { DocumentReference, Encounter, Media, Observation, Patient } from '@medplum/fhirtypes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ehrWorld } from '../../testing/ehr-world';
import { startTestApp, type TestApp } from '../../testing/harness';
import { sessionWorld } from '../../testing/session-world';

let t: TestApp;
let w: Awaited<ReturnType<typeof ehrWorld>>;

beforeAll(async () => {
  t = await startTestApp();
  w = await ehrWorld(t);
});
afterAll(async () => {
  await w.close();
  await t.close();
});

const counts = async () =>
  Object.fromEntries(await Promise.all((['Patient', 'Encounter', 'Observation', 'Media', 'DocumentReference'] as const).map(async (type) => [type, (await w.fhir.search(type)).length] as const)));

describe('sending a session to the EHR', () => {
  it('stores the whole session in the FHIR engine with every reference resolved, and logs it', async () => {
    const session = await w.sessionWithData();
    const queued = await w.send(session.id);
    expect(queued.status).toBe(202);
    expect(queued.body).toMatchObject({ status: 'queued', trigger: 'manual', requestedBy: { id: w.host.id }, attempts: [] });
    expect((await w.send(session.id)).status).toBe(200); // the same send, still queued
    const before = await w.log(session.id);
    expect(before.items.every((item: { state: string }) => item.state === 'queued')).toBe(true);
    expect(before.items.map((item: { kind: string }) => item.kind).sort()).toEqual(['document', 'image', 'reading', 'reading', 'reading']);

    expect(await w.runJob()).toBe(1);

    const [patient] = await w.fhir.search<Patient>('Patient', { identifier: `https://carebeam.app/fhir/sid/participant|${session.participantId}` });
    const [encounter] = await w.fhir.search<Encounter>('Encounter', { identifier: `https://carebeam.app/fhir/sid/session|${session.id}` });
    expect(patient!.name).toEqual([{ text: 'Ana Alvarez' }]);
    expect(encounter).toMatchObject({ status: 'planned', class: { code: 'VR' }, subject: { reference: `Patient/${patient!.id}` } });
    const observations = (await w.fhir.search<Observation>('Observation')).filter((o) => o.encounter?.reference === `Encounter/${encounter!.id}`);
    expect(observations.map((o) => o.code.coding![0]!.code).sort()).toEqual(['2708-6', '8310-5', '85354-9']);
    for (const observation of observations) expect(observation.subject).toMatchObject({ reference: `Patient/${patient!.id}` });
    expect(observations.find((o) => o.code.coding![0]!.code === '8310-5')!.valueQuantity).toEqual({ value: 37.28, unit: 'Cel', system: 'http://unitsofmeasure.org', code: 'Cel' });
    const [media] = await w.fhir.search<Media>('Media');
    expect(media).toMatchObject({ subject: { reference: `Patient/${patient!.id}` }, encounter: { reference: `Encounter/${encounter!.id}` }, content: { contentType: 'image/png', title: 'Rash, left arm' } });
    const [document] = await w.fhir.search<DocumentReference>('DocumentReference');
    expect(document).toMatchObject({ subject: { reference: `Patient/${patient!.id}` }, context: { encounter: [{ reference: `Encounter/${encounter!.id}` }] } });
    expect(Buffer.from(document!.content[0]!.attachment.data!, 'base64').subarray(0, 5).toString()).toBe('%PDF-');

    const after = await w.log(session.id);
    expect(after.exports).toHaveLength(1);
    expect(after.exports[0]).toMatchObject({ status: 'sent', attempts: [{ outcome: 'sent', httpStatus: 200 }], error: null });
    expect(after.exports[0].items).toHaveLength(7);
    expect(after.exports[0].items.find((i: { kind: string }) => i.kind === 'patient')).toEqual({ kind: 'patient', id: session.participantId, resourceType: 'Patient', fhirId: patient!.id, httpStatus: '201' });
    expect(after.items.every((item: { state: string }) => item.state === 'sent')).toBe(true);
    const history = (await t.request({ url: `/api/sessions/${session.id}/history`, cookie: w.host.cookie })).body;
    expect(history.at(-1)).toMatchObject({ type: 'ehr_sent', actor: { kind: 'system' }, data: { ehrName: 'Riverside EHR', resources: 7, created: 7 } });
  });

  it('sends twice and leaves one of each resource; a correction reaches the EHR as entered-in-error', async () => {
    const session = await w.sessionWithData();
    await w.send(session.id);
    await w.runJob();
    const once = await counts();
    await w.send(session.id);
    await w.runJob();
    expect(await counts()).toEqual(once);
    const second = (await w.log(session.id)).exports[0];
    expect(second.items.filter((i: { kind: string }) => i.kind !== 'encounter').every((i: { httpStatus: string }) => i.httpStatus === '200')).toBe(true);

    const [bpId] = session.readingIds;
    const corrected = await t.request({ method: 'POST', url: `/api/sessions/${session.id}/readings/${bpId}/correct`, cookie: w.host.cookie, body: { components: { systolic: 118, diastolic: 78 }, unit: 'mm[Hg]' } });
    expect(corrected.status).toBe(201);
    expect((await w.log(session.id)).items.find((i: { id: string }) => i.id === corrected.body.id).state).toBe('not_sent');
    await w.send(session.id);
    await w.runJob();
    const statuses = async (id: string) => (await w.fhir.search<Observation>('Observation', { identifier: `https://carebeam.app/fhir/sid/reading|${id}` })).map((o) => o.status);
    expect(await statuses(bpId!)).toEqual(['entered-in-error']);
    expect(await statuses(corrected.body.id)).toEqual(['final']);
    expect(await counts()).toEqual({ ...once, Observation: once.Observation! + 1 });
  });

  it('downloads the same Bundle, checked, for the session’s staff only', async () => {
    const session = await w.sessionWithData();
    const download = await t.request({ url: `/api/sessions/${session.id}/fhir`, cookie: w.host.cookie });
    expect(download.status).toBe(200);
    expect(download.headers['content-type']).toMatch(/^application\/fhir\+json/);
    expect(download.headers['content-disposition']).toMatch(`attachment; filename="session-${session.id}.fhir.json"`);
    const bundle = JSON.parse(download.text);
    expect(bundle).toMatchObject({ resourceType: 'Bundle', type: 'transaction' });
    expect(bundle.entry.map((e: { resource: { resourceType: string } }) => e.resource.resourceType)).toEqual(['Patient', 'Encounter', 'Observation', 'Observation', 'Observation', 'Media', 'DocumentReference']);
    const stranger = await t.staff(['admin']);
    expect((await t.request({ url: `/api/sessions/${session.id}/fhir`, cookie: stranger.cookie })).status).toBe(404);
    expect((await t.request({ method: 'POST', url: `/api/sessions/${session.id}/ehr/send`, cookie: stranger.cookie })).status).toBe(404);
    const otherProvider = await t.staff(['provider'], w.admin.organizationId);
    expect((await t.request({ method: 'POST', url: `/api/sessions/${session.id}/ehr/send`, cookie: otherProvider.cookie })).status).toBe(404);
  });

  it('refers to the EHR’s own patient when staff give the identifier, and fails plainly when the EHR has none', async () => {
    const session = await w.sessionWithData();
    const identifier = (value: string) => t.request({ method: 'PUT', url: `/api/sessions/${session.id}/participants/${session.participantId}/ehr-identifier`, cookie: w.host.cookie, body: { system: 'urn:oid:1.2.36.146.595.217.0.1', value } });
    expect((await identifier('MRN-404')).status).toBe(204);
    await w.send(session.id);
    await w.runJob();
    const failed = (await w.log(session.id)).exports[0];
    expect(failed).toMatchObject({ status: 'failed', error: 'The EHR has no patient with identifier MRN-404', attempts: [{ outcome: 'failed' }] });
    expect((await w.log(session.id)).items.every((i: { state: string }) => i.state === 'failed')).toBe(true);
    const history = (await t.request({ url: `/api/sessions/${session.id}/history`, cookie: w.host.cookie })).body;
    expect(history.at(-1)).toMatchObject({ type: 'ehr_failed', data: { error: 'The EHR has no patient with identifier MRN-404' } });

    const known = await w.fhir.create<Patient>({ resourceType: 'Patient', identifier: [{ system: 'urn:oid:1.2.36.146.595.217.0.1', value: 'MRN-0042' }], name: [{ family: 'Alvarez', given: ['Ana'] }] });
    expect((await identifier('MRN-0042')).status).toBe(204);
    const retried = await t.request({ method: 'POST', url: `/api/sessions/${session.id}/ehr/exports/${failed.id}/retry`, cookie: w.host.cookie });
    expect(retried.status).toBe(202);
    expect(retried.body.trigger).toBe('retry');
    await w.runJob();
    const log = await w.log(session.id);
    expect(log.exports.map((e: { status: string }) => e.status)).toEqual(['sent', 'failed']);
    expect(log.exports[0].items.map((i: { kind: string }) => i.kind)).not.toContain('patient');
    const observations = await w.fhir.search<Observation>('Observation', { subject: `Patient/${known.id}` });
    expect(observations).toHaveLength(3);
    expect((await t.request({ method: 'POST', url: `/api/sessions/${session.id}/ehr/exports/${log.exports[0].id}/retry`, cookie: w.host.cookie })).status).toBe(409);
  });

  it('keeps the EHR’s OperationOutcome when it refuses the Bundle, and does not retry a refusal', async () => {
    const session = await w.sessionWithData();
    w.fhir.inject({ status: 422 });
    await w.send(session.id);
    await w.runJob();
    const [failed] = (await w.log(session.id)).exports;
    expect(failed).toMatchObject({ status: 'failed', attempts: [{ outcome: 'failed', httpStatus: 422 }], error: 'The EHR answered HTTP 422: Injected 422' });
    expect(failed.outcome).toEqual([{ severity: 'error', code: 'invalid', diagnostics: 'Injected 422', expression: [] }]);
  });

  it('is refused when no EHR is connected', async () => {
    const elsewhere = await sessionWorld(t);
    const session = await elsewhere.book();
    const refused = await t.request({ method: 'POST', url: `/api/sessions/${session.id}/ehr/send`, cookie: elsewhere.host.cookie });
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('no_ehr_connection');
    expect((await t.request({ url: `/api/sessions/${session.id}/ehr`, cookie: elsewhere.host.cookie })).body).toMatchObject({ status: { connected: false }, exports: [] });
  });
});
