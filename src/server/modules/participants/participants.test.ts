import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SignedIn, startTestApp, type TestApp } from '../../testing/harness';

let t: TestApp;
let provider: SignedIn;
let admin: SignedIn;
beforeAll(async () => {
  t = await startTestApp();
  provider = await t.staff(['provider']);
  admin = await t.staff(['admin'], provider.organizationId);
});
afterAll(() => t.close());

const create = (body: Record<string, unknown>, who = provider) => t.request({ method: 'POST', url: '/api/participants', cookie: who.cookie, body });
const search = async (query: string) =>
  (await t.request({ url: `/api/participants?query=${encodeURIComponent(query)}`, cookie: provider.cookie })).body.map((p: { name: string }) => p.name);

describe('participants directory', () => {
  it('adds a participant with a normalized email and phone', async () => {
    const response = await create({ name: 'José Álvarez', email: ' Jose@Example.TEST ', phone: '+1 (212) 555-0100', timeZone: 'America/New_York', invitationType: 'email_sms' });
    expect(response.status).toBe(201);
    expect(response.body).toEqual({
      id: expect.any(String),
      name: 'José Álvarez',
      email: 'jose@example.test',
      phone: '+12125550100',
      timeZone: 'America/New_York',
      invitationType: 'email_sms',
      dateOfBirth: null,
    });
  });

  it('finds people by name without accents, by email, and by phone digits; names starting with the query first', async () => {
    await create({ name: 'Alvarez Junior', timeZone: 'UTC', invitationType: 'none' });
    expect(await search('alvarez')).toEqual(['Alvarez Junior', 'José Álvarez']);
    expect(await search('JOSE@')).toEqual(['José Álvarez']);
    expect(await search('212 555')).toEqual(['José Álvarez']);
    expect(await search('nobody')).toEqual([]);
  });

  it('requires the contact the invitation type needs, at the field', async () => {
    const response = await create({ name: 'No Contact', timeZone: 'UTC', invitationType: 'email_sms' });
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([
      { path: 'email', message: 'An email invitation needs an email address' },
      { path: 'phone', message: 'An SMS invitation needs a mobile phone number' },
    ]);
    const badPhone = await create({ name: 'Bad Phone', timeZone: 'UTC', invitationType: 'sms', phone: '555-0100' });
    expect(badPhone.body.errors).toEqual([{ path: 'phone', message: 'Use international format with the country code, e.g. +1 212 555 0100' }]);
  });

  it('finds and offers a duplicate email instead of creating it twice', async () => {
    const first = await create({ name: 'Ann Original', email: 'ann@example.test', timeZone: 'UTC', invitationType: 'email' });
    const again = await create({ name: 'Ann Copy', email: 'ANN@example.test', timeZone: 'UTC', invitationType: 'email' });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: 'participant_exists', existing: { id: first.body.id, name: 'Ann Original' } });
    expect(await search('ann')).toEqual(['Ann Original']);
  });

  // Who may edit is the access module's participant record rule (access.test.ts); here, an administrator.
  it('edits a participant, keeping the contact their invitation needs', async () => {
    const p = await create({ name: 'Edit Me', email: 'edit@example.test', timeZone: 'UTC', invitationType: 'email' });
    const patched = await t.request({ method: 'PATCH', url: `/api/participants/${p.body.id}`, cookie: admin.cookie, body: { invitationType: 'sms', phone: '+447700900123' } });
    expect(patched.body).toMatchObject({ invitationType: 'sms', phone: '+447700900123', email: 'edit@example.test' });
    const broken = await t.request({ method: 'PATCH', url: `/api/participants/${p.body.id}`, cookie: admin.cookie, body: { phone: '' } });
    expect(broken.status).toBe(400);
    expect(broken.body.errors).toEqual([{ path: 'phone', message: 'An SMS invitation needs a mobile phone number' }]);
  });

  it('keeps each organization’s directory to itself', async () => {
    const stranger = await t.staff(['admin']);
    const theirs = await create({ name: 'Their Patient', email: 'theirs@example.test', timeZone: 'UTC', invitationType: 'email' }, stranger);
    expect(await search('their')).toEqual([]);
    expect((await t.request({ url: `/api/participants/${theirs.body.id}`, cookie: provider.cookie })).status).toBe(404);
    const patch = await t.request({ method: 'PATCH', url: `/api/participants/${theirs.body.id}`, cookie: provider.cookie, body: { name: 'Mine' } });
    expect(patch.status).toBe(404);
    // The same email may exist in two organizations.
    expect((await create({ name: 'Our Patient', email: 'theirs@example.test', timeZone: 'UTC', invitationType: 'email' })).status).toBe(201);
  });
});
