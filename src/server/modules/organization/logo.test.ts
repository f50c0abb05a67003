import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type SignedIn, type TestApp } from '../../testing/harness';
import { multipart } from '../../testing/multipart';
import { sessionWorld } from '../../testing/session-world';
import { logoImage } from './logo-image';

const logo = (ext: string) => new Uint8Array(readFileSync(new URL(`../../testing/logos/logo.${ext}`, import.meta.url)));
const PNG = logo('png');
const JPEG = logo('jpeg');
const WEBP = logo('webp');
const SVG = new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg" width="120" height="40"><script>alert(1)</script></svg>');

let t: TestApp;
let admin: SignedIn;
beforeAll(async () => {
  t = await startTestApp();
  admin = await t.staff(['admin']);
});
afterAll(() => t.close());

async function upload(bytes: Uint8Array, cookie = admin.cookie, filename = 'logo.png') {
  const form = await multipart({ bytes, filename, type: 'image/png' });
  return t.request({ method: 'PUT', url: '/api/organization/logo', cookie, headers: form.headers, body: form.body });
}
const logoRow = async (organizationId: string) => (await t.db.selectFrom('organizations').select(['logo_file_id', 'logo_width', 'logo_height']).where('id', '=', organizationId).executeTakeFirstOrThrow());

describe('reading a logo’s type and size from its bytes', () => {
  it('knows PNG, JPEG and WebP and their size; refuses SVG, truncated headers and empty files', () => {
    expect(logoImage(PNG)).toEqual({ contentType: 'image/png', width: 120, height: 40 });
    expect(logoImage(JPEG)).toEqual({ contentType: 'image/jpeg', width: 120, height: 40 });
    expect(logoImage(WEBP)).toEqual({ contentType: 'image/webp', width: 120, height: 40 });
    expect(logoImage(SVG)).toBeNull();
    expect(logoImage(PNG.subarray(0, 20))).toBeNull();
    expect(logoImage(JPEG.subarray(0, 30))).toBeNull();
    expect(logoImage(new Uint8Array())).toBeNull();
  });
});

describe("the organization's logo", () => {
  it.each([
    ['PNG', PNG, 'image/png'],
    ['JPEG', JPEG, 'image/jpeg'],
    ['WebP', WEBP, 'image/webp'],
  ])('takes a %s, shows it in the settings, and serves it with a long cache and nosniff', async (_kind, bytes, type) => {
    const put = await upload(bytes, admin.cookie, 'anything.bin');
    expect(put.status).toBe(200);
    expect(put.body).toEqual({ url: expect.stringMatching(/^\/api\/organization\/logo\/[0-9a-f]{16}$/), width: 120, height: 40 });
    expect((await t.request({ url: '/api/organization', cookie: admin.cookie })).body.logo).toEqual(put.body);

    const served = await t.request({ url: put.body.url, cookie: admin.cookie });
    expect(served.status).toBe(200);
    expect(served.headers['content-type']).toBe(type);
    expect(served.headers['x-content-type-options']).toBe('nosniff');
    expect(served.headers['cache-control']).toBe('private, max-age=31536000, immutable');
    expect(Buffer.from(served.rawPayload).equals(Buffer.from(bytes))).toBe(true);
  });

  it('a new logo is a new URL; the old URL is 404; removing it leaves none', async () => {
    const first = (await upload(PNG)).body;
    const second = (await upload(JPEG)).body;
    expect(second.url).not.toBe(first.url);
    expect((await t.request({ url: first.url, cookie: admin.cookie })).status).toBe(404);
    const removed = await t.request({ method: 'DELETE', url: '/api/organization/logo', cookie: admin.cookie });
    expect(removed.status).toBe(204);
    expect((await t.request({ url: '/api/organization', cookie: admin.cookie })).body.logo).toBeNull();
    expect((await t.request({ url: second.url, cookie: admin.cookie })).status).toBe(404);
    const audit = await t.db.selectFrom('audit_events').select('action').where('organization_id', '=', admin.organizationId).where('action', 'like', 'organization.logo%').orderBy('at').orderBy('id').execute();
    expect(audit.map((a) => a.action).slice(-3)).toEqual(['organization.logo_set', 'organization.logo_set', 'organization.logo_removed']);
  });

  it('refuses SVG and other non-images (415), a file over 512 KB (413) and a missing file (400), keeping the logo it had', async () => {
    const kept = (await upload(PNG)).body;
    const files = async () => Number((await t.db.selectFrom('files').select((eb) => eb.fn.countAll().as('n')).where('organization_id', '=', admin.organizationId).executeTakeFirstOrThrow()).n);
    const before = await files();

    const svg = await upload(SVG, admin.cookie, 'logo.svg');
    expect(svg.status).toBe(415);
    expect(svg.headers['content-type']).toMatch(/application\/problem\+json/);
    expect((await upload(new TextEncoder().encode('just text'))).status).toBe(415);
    const big = new Uint8Array(512 * 1024 + 1);
    big.set(PNG);
    expect((await upload(big)).status).toBe(413);
    const form = new FormData();
    form.set('note', 'no file');
    const body = new Response(form);
    const none = await t.request({ method: 'PUT', url: '/api/organization/logo', cookie: admin.cookie, headers: { 'content-type': body.headers.get('content-type')! }, body: Buffer.from(await body.arrayBuffer()) });
    expect(none.status).toBe(400);
    expect(none.body.errors).toEqual([{ path: 'file', message: expect.any(String) }]);

    expect(await files()).toBe(before);
    expect((await t.request({ url: '/api/organization', cookie: admin.cookie })).body.logo).toEqual(kept);
  });

  it('only administrators change it (403, nothing written); signed-out callers get 401', async () => {
    const provider = await t.staff(['provider'], admin.organizationId);
    const before = await logoRow(admin.organizationId);
    expect((await upload(PNG, provider.cookie)).status).toBe(403);
    expect((await t.request({ method: 'DELETE', url: '/api/organization/logo', cookie: provider.cookie })).status).toBe(403);
    expect(await logoRow(admin.organizationId)).toEqual(before);
    expect((await upload(PNG, '')).status).toBe(401);
  });

  it("is seen by the organization's staff and its participants on their page, never by another organization", async () => {
    const world = await sessionWorld(t);
    const owner = await t.staff(['admin'], world.host.organizationId);
    const { url } = (await upload(WEBP, owner.cookie)).body;
    const booked = await world.book();

    expect((await t.request({ url, cookie: world.host.cookie })).status).toBe(200);
    const portal = await t.request({ url: '/api/portal/session', cookie: booked.ana.cookie });
    expect(portal.body.session.organization.logo).toEqual({ url, width: 120, height: 40 });
    expect((await t.request({ url, cookie: booked.ana.cookie })).status).toBe(200);

    expect((await t.request({ url, cookie: world.stranger.cookie })).status).toBe(404);
    expect((await t.request({ url })).status).toBe(401);
    expect((await t.request({ url: '/api/organization/logo/not-a-hash', cookie: world.host.cookie })).status).toBe(404);
  });
});
