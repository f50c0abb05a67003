import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDocumentTemplate, createService, createSessionType } from '../../testing/catalog-factories';
import { type SignedIn, startTestApp, type TestApp } from '../../testing/harness';

let t: TestApp;
let admin: SignedIn;
let provider: SignedIn;
beforeAll(async () => {
  t = await startTestApp();
  admin = await t.staff(['admin']);
  provider = await t.staff(['provider'], admin.organizationId);
});
afterAll(() => t.close());

const countServices = async (organizationId: string) =>
  (await t.db.selectFrom('services').select(t.db.fn.countAll<number>().as('n')).where('organization_id', '=', organizationId).executeTakeFirstOrThrow()).n;

describe('session types', () => {
  it('administrators create, rename and deactivate them; everyone lists the active ones', async () => {
    const created = await t.request({ method: 'POST', url: '/api/session-types', cookie: admin.cookie, body: { name: 'Home visit', modality: 'in_person' } });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({ id: expect.any(String), name: 'Home visit', modality: 'in_person', active: true });

    const patched = await t.request({ method: 'PATCH', url: `/api/session-types/${created.body.id}`, cookie: admin.cookie, body: { active: false } });
    expect(patched.body.active).toBe(false);

    const forProvider = await t.request({ url: '/api/session-types', cookie: provider.cookie });
    expect(forProvider.body.map((s: { id: string }) => s.id)).not.toContain(created.body.id);
    const forAdmin = await t.request({ url: '/api/session-types?includeInactive=true', cookie: admin.cookie });
    expect(forAdmin.body.map((s: { id: string }) => s.id)).toContain(created.body.id);
  });

  it('refuses a duplicate name in any case with 409 name_taken, and a bad modality with 400', async () => {
    await createSessionType(t.db, admin.organizationId, { name: 'Group session' });
    const duplicate = await t.request({ method: 'POST', url: '/api/session-types', cookie: admin.cookie, body: { name: 'GROUP SESSION', modality: 'video' } });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body).toMatchObject({ code: 'name_taken', errors: [{ path: 'name' }] });
    const bad = await t.request({ method: 'POST', url: '/api/session-types', cookie: admin.cookie, body: { name: 'X', modality: 'hologram' } });
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([expect.objectContaining({ path: 'modality' })]);
  });

  it('is 403 for providers and dispatchers to change', async () => {
    const dispatcher = await t.staff(['dispatcher'], admin.organizationId);
    for (const who of [provider, dispatcher]) {
      const response = await t.request({ method: 'POST', url: '/api/session-types', cookie: who.cookie, body: { name: 'Nope', modality: 'video' } });
      expect(response.status).toBe(403);
    }
  });
});

describe('services', () => {
  it('creates a service with its session types, and lists it', async () => {
    const video = await createSessionType(t.db, admin.organizationId);
    const phone = await createSessionType(t.db, admin.organizationId, { modality: 'phone' });
    const response = await t.request({
      method: 'POST',
      url: '/api/services',
      cookie: admin.cookie,
      body: { name: 'Sleep consultation', description: 'Insomnia and sleep apnoea.', durationMinutes: 40, sessionTypeIds: [video.id, phone.id, video.id] },
    });
    expect(response.status).toBe(201);
    expect(response.body).toEqual({
      id: expect.any(String),
      name: 'Sleep consultation',
      description: 'Insomnia and sleep apnoea.',
      durationMinutes: 40,
      sessionTypeIds: [video.id, phone.id].sort(),
      documentTemplateIds: [],
      active: true,
    });
    const listed = await t.request({ url: '/api/services?query=sleep', cookie: provider.cookie });
    expect(listed.body).toEqual([response.body]);
  });

  it('keeps the documents a service assigns by default, refusing another organization’s', async () => {
    const consent = await createDocumentTemplate(t.db, admin.organizationId, { name: 'Consent form' });
    const foreign = await createDocumentTemplate(t.db, (await t.staff(['admin'])).organizationId);
    const service = await createService(t.db, admin.organizationId);
    const patched = await t.request({
      method: 'PATCH',
      url: `/api/services/${service.id}`,
      cookie: admin.cookie,
      body: { documentTemplateIds: [consent.id] },
    });
    expect(patched.body.documentTemplateIds).toEqual([consent.id]);
    const refused = await t.request({
      method: 'PATCH',
      url: `/api/services/${service.id}`,
      cookie: admin.cookie,
      body: { documentTemplateIds: [consent.id, foreign.id] },
    });
    expect(refused.status).toBe(400);
    expect(refused.body.errors).toEqual([{ path: 'documentTemplateIds.1', message: 'Unknown document' }]);
    expect((await t.request({ url: `/api/services/${service.id}`, cookie: admin.cookie })).body.documentTemplateIds).toEqual([consent.id]);

    // Retired, the document is no longer among the defaults (booking would refuse it); restored, it is back.
    await t.request({ method: 'POST', url: `/api/document-templates/${consent.id}/retire`, cookie: admin.cookie });
    expect((await t.request({ url: `/api/services/${service.id}`, cookie: admin.cookie })).body.documentTemplateIds).toEqual([]);
    await t.request({ method: 'POST', url: `/api/document-templates/${consent.id}/restore`, cookie: admin.cookie });
    expect((await t.request({ url: `/api/services/${service.id}`, cookie: admin.cookie })).body.documentTemplateIds).toEqual([consent.id]);
  });

  it('finds services case- and accent-insensitively anywhere in the name, best matches first', async () => {
    const org = await t.staff(['admin']);
    for (const name of ['Consultation de suivi', 'Évaluation psychologique', 'Re-evaluation', 'Evaluation', 'Nutrition review']) {
      await createService(t.db, org.organizationId, { name });
    }
    const search = async (query: string) =>
      (await t.request({ url: `/api/services?query=${encodeURIComponent(query)}`, cookie: org.cookie })).body.map((s: { name: string }) => s.name);

    expect(await search('evaluation')).toEqual(['Evaluation', 'Évaluation psychologique', 'Re-evaluation']);
    expect(await search('ÉVAL')).toEqual(['Evaluation', 'Évaluation psychologique', 'Re-evaluation']);
    expect(await search('view')).toEqual(['Nutrition review']);
    expect(await search('suivi')).toEqual(['Consultation de suivi']);
    expect(await search('zzz')).toEqual([]);
    expect(await search('')).toHaveLength(5);
  });

  it('rejects bad fields with paths, an unknown or foreign session type at its index, and writes nothing', async () => {
    const foreign = await t.staff(['admin']);
    const foreignType = await createSessionType(t.db, foreign.organizationId);
    const ownType = await createSessionType(t.db, admin.organizationId);
    const before = await countServices(admin.organizationId);

    const bad = await t.request({ method: 'POST', url: '/api/services', cookie: admin.cookie, body: { name: ' ', durationMinutes: 4, sessionTypeIds: [] } });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['durationMinutes', 'name', 'sessionTypeIds']);

    const tooLong = await t.request({ method: 'POST', url: '/api/services', cookie: admin.cookie, body: { name: 'Marathon', durationMinutes: 481, sessionTypeIds: [ownType.id] } });
    expect(tooLong.body.errors).toEqual([{ path: 'durationMinutes', message: 'At most 480 minutes (8 hours)' }]);

    const crossOrg = await t.request({
      method: 'POST',
      url: '/api/services',
      cookie: admin.cookie,
      body: { name: 'Sneaky', durationMinutes: 30, sessionTypeIds: [ownType.id, foreignType.id] },
    });
    expect(crossOrg.status).toBe(400);
    expect(crossOrg.body.errors).toEqual([{ path: 'sessionTypeIds.1', message: 'Unknown session type' }]);
    expect(await countServices(admin.organizationId)).toBe(before);
  });

  it('edits and deactivates a service; inactive ones are hidden from non-administrators', async () => {
    const service = await createService(t.db, admin.organizationId, { name: 'Allergy testing', durationMinutes: 30 });
    const patched = await t.request({
      method: 'PATCH',
      url: `/api/services/${service.id}`,
      cookie: admin.cookie,
      body: { durationMinutes: 45, active: false },
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ name: 'Allergy testing', durationMinutes: 45, active: false });

    expect((await t.request({ url: '/api/services?query=allergy', cookie: provider.cookie })).body).toEqual([]);
    expect((await t.request({ url: `/api/services/${service.id}`, cookie: provider.cookie })).status).toBe(404);
    const forAdmin = await t.request({ url: '/api/services?query=allergy&includeInactive=true', cookie: admin.cookie });
    expect(forAdmin.body).toHaveLength(1);
  });

  it('is 404 for another organization’s service and 403 for providers to change one', async () => {
    const foreign = await t.staff(['admin']);
    const theirs = await createService(t.db, foreign.organizationId);
    const response = await t.request({ method: 'PATCH', url: `/api/services/${theirs.id}`, cookie: admin.cookie, body: { name: 'Mine now' } });
    expect(response.status).toBe(404);
    const ours = await createService(t.db, admin.organizationId);
    const denied = await t.request({ method: 'PATCH', url: `/api/services/${ours.id}`, cookie: provider.cookie, body: { name: 'Nope' } });
    expect(denied.status).toBe(403);
  });
});

describe('organization settings', () => {
  it('administrators change the booking rules; others read them and get 403 on change', async () => {
    const read = await t.request({ url: '/api/organization', cookie: provider.cookie });
    expect(read.body).toMatchObject({ slotStepMinutes: 15, minimumNoticeMinutes: 0 });
    const changed = await t.request({ method: 'PATCH', url: '/api/organization', cookie: admin.cookie, body: { minimumNoticeMinutes: 120 } });
    expect(changed.body.minimumNoticeMinutes).toBe(120);
    expect((await t.request({ method: 'PATCH', url: '/api/organization', cookie: provider.cookie, body: { slotStepMinutes: 5 } })).status).toBe(403);
    const bad = await t.request({ method: 'PATCH', url: '/api/organization', cookie: admin.cookie, body: { slotStepMinutes: 1 } });
    expect(bad.body.errors).toEqual([{ path: 'slotStepMinutes', message: 'At least 5 minutes' }]);
  });

  it('keeps when sessions open (default 15 minutes before) and when one left in progress ends (60 after)', async () => {
    expect((await t.request({ url: '/api/organization', cookie: provider.cookie })).body).toMatchObject({ joinWindowMinutes: 15, autoCompleteMinutes: 60 });
    const changed = await t.request({ method: 'PATCH', url: '/api/organization', cookie: admin.cookie, body: { joinWindowMinutes: 30, autoCompleteMinutes: 90 } });
    expect(changed.body).toMatchObject({ joinWindowMinutes: 30, autoCompleteMinutes: 90 });
    const bad = await t.request({ method: 'PATCH', url: '/api/organization', cookie: admin.cookie, body: { joinWindowMinutes: -1, autoCompleteMinutes: 2 } });
    expect(bad.body.errors.map((e: { path: string }) => e.path)).toEqual(['joinWindowMinutes', 'autoCompleteMinutes']);
  });
});
