import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type SignedIn, type TestApp } from '../../testing/harness';
import { multipart } from '../../testing/multipart';
import { type BookedSession, sessionWorld } from '../../testing/session-world';

let t: TestApp;
let host: SignedIn;
let s: BookedSession;

/** A 1×1 PNG. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
/** The start of a Windows program: refused whatever it is called. */
const EXE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200, 0x90)]);

beforeAll(async () => {
  t = await startTestApp();
  const world = await sessionWorld(t);
  host = world.host;
  s = await world.book();
});
afterAll(() => t.close());

const uploadAs = async (url: string, cookie: string, bytes: Uint8Array, filename: string) =>
  t.request({ method: 'POST', url, cookie, ...(await multipart({ bytes, filename, type: 'image/png' })) });
const fileCount = async () => (await t.db.selectFrom('files').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;
let n = 0;
const send = (url: string, cookie: string, body: Record<string, unknown>) => t.request({ method: 'POST', url, cookie, body: { clientMessageId: `attach-${++n}-xyz`, ...body } });

describe('attachments', () => {
  it('goes from a participant to the host: uploaded, sent with a message, downloaded as an attachment, audited', async () => {
    const uploaded = await uploadAs('/api/portal/attachments', s.ana.cookie, PNG, '../../rash on arm.png');
    expect(uploaded.status).toBe(201);
    expect(uploaded.body).toMatchObject({ name: 'rash on arm.png', contentType: 'image/png', size: PNG.length });
    const message = await send('/api/portal/messages', s.ana.cookie, { body: 'Here is the photo', attachmentIds: [uploaded.body.id] });
    expect(message.status).toBe(201);
    expect(message.body.attachments).toEqual([uploaded.body]);

    const download = await t.request({ url: `/api/sessions/${s.id}/attachments/${uploaded.body.id}`, cookie: host.cookie });
    expect(download.status).toBe(200);
    expect(download.rawPayload.equals(PNG)).toBe(true);
    expect(download.headers['content-type']).toBe('image/png');
    expect(download.headers['content-disposition']).toMatch(/^attachment; filename="rash on arm\.png"/);
    expect(download.headers['x-content-type-options']).toBe('nosniff');
    expect(download.headers['content-security-policy']).toBe("default-src 'none'");
    const inline = await t.request({ url: `/api/sessions/${s.id}/attachments/${uploaded.body.id}?inline=1`, cookie: host.cookie });
    expect(inline.headers['content-disposition']).toMatch(/^inline;/);

    await t.flushAudit();
    const audit = await t.db.selectFrom('audit_events').select(['action', 'actor_user_id']).where('entity_id', '=', uploaded.body.id).orderBy('seq').execute();
    expect(audit).toEqual([
      { action: 'chat_attachment.downloaded', actor_user_id: host.id },
      { action: 'chat_attachment.downloaded', actor_user_id: host.id },
    ]);
    const history = (await t.request({ url: `/api/sessions/${s.id}/history`, cookie: host.cookie })).body as { type: string; data: { name: string } }[];
    expect(history.filter((h) => h.type === 'attachment_shared').map((h) => h.data.name)).toEqual(['rash on arm.png']);
  });

  it('a private attachment is the thread’s only; an unsent one only its uploader’s', async () => {
    const uploaded = await uploadAs(`/api/sessions/${s.id}/attachments`, host.cookie, Buffer.from('Take 5 mg twice a day.\n'), 'plan.txt');
    expect(uploaded.body.contentType).toBe('text/plain');
    expect((await t.request({ url: `/api/portal/attachments/${uploaded.body.id}`, cookie: s.ana.cookie })).status).toBe(404);
    await send(`/api/sessions/${s.id}/messages`, host.cookie, { body: 'Your plan', to: s.ana.id, attachmentIds: [uploaded.body.id] });
    expect((await t.request({ url: `/api/portal/attachments/${uploaded.body.id}`, cookie: s.ana.cookie })).status).toBe(200);
    expect((await t.request({ url: `/api/portal/attachments/${uploaded.body.id}`, cookie: s.ben.cookie })).status).toBe(404);
    // Sent once: it cannot ride on a second message.
    const again = await send(`/api/sessions/${s.id}/messages`, host.cookie, { body: 'Again', attachmentIds: [uploaded.body.id] });
    expect(again.status).toBe(400);
    expect(again.body.errors[0].path).toBe('attachmentIds');
  });

  it('refuses a type it does not accept (415), by content whatever the name, and stores nothing', async () => {
    const before = await fileCount();
    const refused = await uploadAs('/api/portal/attachments', s.ana.cookie, EXE, 'photo.png');
    expect(refused.status).toBe(415);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(refused.body.code).toBe('unsupported_media_type');
    expect((await uploadAs('/api/portal/attachments', s.ana.cookie, new Uint8Array(0), 'empty.txt')).status).toBe(415);
    expect(await fileCount()).toBe(before);
  });

  it('refuses more than 10 MB (413) and a body that is not multipart (415)', async () => {
    const before = await fileCount();
    const tooBig = await uploadAs('/api/portal/attachments', s.ana.cookie, Buffer.concat([PNG, Buffer.alloc(10 * 1024 * 1024)]), 'big.png');
    expect(tooBig.status).toBe(413);
    const noFile = await t.request({ method: 'POST', url: '/api/portal/attachments', cookie: s.ana.cookie, body: {} });
    expect(noFile.status).toBe(415);
    expect(await fileCount()).toBe(before);
  });
});
