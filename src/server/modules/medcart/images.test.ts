import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type SignedIn, type TestApp } from '../../testing/harness';
import { multipart } from '../../testing/multipart';
import { type BookedSession, sessionWorld } from '../../testing/session-world';

let t: TestApp;
let world: Awaited<ReturnType<typeof sessionWorld>>;
let host: SignedIn;
let s: BookedSession;

/** A 1×1 PNG and the start of a JPEG (SOI + JFIF), as a camera or a canvas makes them. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01]), Buffer.alloc(64, 0)]);
const GIF = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');
const PDF = Buffer.from('%PDF-1.7\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n');

beforeAll(async () => {
  t = await startTestApp();
  world = await sessionWorld(t);
  host = world.host;
  s = await world.book();
});
afterAll(() => t.close());

const upload = async (path: 'screenshots' | 'images', bytes: Uint8Array, fields: Record<string, string> = {}, cookie = host.cookie, sessionId = s.id) =>
  t.request({ method: 'POST', url: `/api/sessions/${sessionId}/${path}`, cookie, ...(await multipart({ bytes, filename: 'capture.png', type: 'image/png' }, fields)) });
const imageCount = async () => Number((await t.db.selectFrom('session_images').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

describe('session images', () => {
  it('keeps a screenshot of a participant’s video, lists it and serves it safely', async () => {
    const taken = await upload('screenshots', PNG, { label: 'Left forearm, day 3', participantId: s.ana.id });
    expect(taken.status).toBe(201);
    expect(taken.body).toMatchObject({ kind: 'screenshot', label: 'Left forearm, day 3', contentType: 'image/png', size: PNG.length, participantId: s.ana.id, takenBy: { id: host.id, name: host.name }, createdAt: t.clock.now().toISOString() });

    const list = await t.request({ url: `/api/sessions/${s.id}/images`, cookie: world.dispatcher.cookie });
    expect(list.body.items).toEqual([taken.body]);

    const thumbnail = await t.request({ url: `/api/sessions/${s.id}/images/${taken.body.id}?inline=1`, cookie: host.cookie });
    expect(thumbnail.status).toBe(200);
    expect(thumbnail.headers['content-type']).toBe('image/png');
    expect(thumbnail.headers['content-disposition']).toMatch(/^inline;/);
    expect(thumbnail.headers['x-content-type-options']).toBe('nosniff');
    expect(thumbnail.headers['content-security-policy']).toBe("default-src 'none'");
    expect(thumbnail.rawPayload.equals(PNG)).toBe(true);
    const download = await t.request({ url: `/api/sessions/${s.id}/images/${taken.body.id}`, cookie: host.cookie });
    expect(download.headers['content-disposition']).toMatch(/^attachment; filename="capture.png"/);

    // Every opening is a read of the image, the thumbnail too.
    await t.flushAudit();
    const audited = await t.db.selectFrom('audit_events').select('action').where('entity_id', '=', taken.body.id).execute();
    expect(audited).toEqual([{ action: 'session_image.downloaded' }, { action: 'session_image.downloaded' }]);
    const history = await t.request({ url: `/api/sessions/${s.id}/history`, cookie: host.cookie });
    expect(history.body.at(-1)).toMatchObject({ type: 'screenshot_captured', data: { imageId: taken.body.id, participantName: 'Ana Alvarez', label: 'Left forearm, day 3' } });
  });

  it('takes an uploaded JPEG for the MedCart tab, whatever order the fields come in', async () => {
    const form = new FormData();
    form.set('file', new Blob([JPEG], { type: 'application/octet-stream' }), 'otoscope.bin');
    form.set('label', 'Right ear');
    const body = new Response(form);
    const uploaded = await t.request({ method: 'POST', url: `/api/sessions/${s.id}/images`, cookie: host.cookie, headers: { 'content-type': body.headers.get('content-type')! }, body: Buffer.from(await body.arrayBuffer()) });
    expect(uploaded.status).toBe(201);
    expect(uploaded.body).toMatchObject({ kind: 'upload', label: 'Right ear', contentType: 'image/jpeg', participantId: null });
  });

  it('refuses what is not a PNG or JPEG, too big, or badly labelled, and keeps nothing', async () => {
    const before = await imageCount();
    for (const bytes of [GIF, PDF, Buffer.alloc(0)]) {
      const refused = await upload('screenshots', bytes);
      expect(refused.status).toBe(415);
    }
    expect((await upload('screenshots', Buffer.concat([PNG, Buffer.alloc(10 * 1024 * 1024)]))).status).toBe(413);
    expect((await upload('screenshots', PNG, { label: 'x'.repeat(201) })).body.errors).toEqual([{ path: 'label', message: 'Use at most 200 characters' }]);
    expect((await upload('screenshots', PNG, { participantId: world.stranger.id })).body.errors).toEqual([{ path: 'participantId', message: 'Not a participant of this session' }]);
    expect((await upload('screenshots', PNG, { participantId: 'not-an-id' })).status).toBe(400);
    expect((await t.request({ method: 'POST', url: `/api/sessions/${s.id}/screenshots`, cookie: host.cookie, body: { file: 'x' } })).status).toBe(415);
    expect(await imageCount()).toBe(before);
  });

  it('is for the session’s staff only', async () => {
    expect((await upload('screenshots', PNG, {}, world.otherProvider.cookie)).status).toBe(404);
    expect((await upload('images', PNG, {}, world.stranger.cookie)).status).toBe(404);
    expect((await upload('screenshots', PNG, {}, s.ana.cookie)).status).toBe(401);
    expect((await t.request({ url: `/api/sessions/${s.id}/images`, cookie: world.otherProvider.cookie })).status).toBe(404);
    const [first] = (await t.request({ url: `/api/sessions/${s.id}/images`, cookie: host.cookie })).body.items;
    expect((await t.request({ url: `/api/sessions/${s.id}/images/${first.id}`, cookie: world.stranger.cookie })).status).toBe(404);
    const other = await world.book();
    expect((await t.request({ url: `/api/sessions/${other.id}/images/${first.id}`, cookie: host.cookie })).status).toBe(404);
  });
});
