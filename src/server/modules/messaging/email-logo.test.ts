import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOutboxWorker } from '../../jobs/outbox-worker';
import { startTestApp, type TestApp } from '../../testing/harness';
import { multipart } from '../../testing/multipart';
import { sessionWorld } from '../../testing/session-world';
import { type SmtpCapture, startSmtpCapture } from '../../testing/smtp-capture';
import { createMailer } from './transports/email';
import { createSmsSender } from './transports/sms';
import type { Mailer } from './transports/types';

// Issue 19: emails carry the organization's logo as an inline (cid:) part, so mail clients that
// block remote images still show it. A real SMTP server receives them; mailparser reads them back.
const PNG = new Uint8Array(readFileSync(new URL('../../testing/logos/logo.png', import.meta.url)));
const CID = 'organization-logo@carebeam';

let t: TestApp;
let smtp: SmtpCapture;
let mailer: Mailer;
beforeAll(async () => {
  t = await startTestApp();
  smtp = await startSmtpCapture();
  mailer = createMailer({ kind: 'smtp', url: smtp.url, from: 'Harbor Clinic <care@harbor.test>' });
});
afterAll(async () => {
  await t.close();
  await mailer.close();
  await smtp.close();
});

const deliver = () =>
  createOutboxWorker({ db: t.db, storage: t.storage, clock: t.clock, mailer, sms: createSmsSender({ kind: 'log' }), publicUrl: new URL('https://care.harbor.test'), organizerEmail: 'care@harbor.test' }).runOnce();

async function invitationTo(world: Awaited<ReturnType<typeof sessionWorld>>) {
  const booked = await world.book();
  const { email } = await t.db.selectFrom('participants').select('email').where('id', '=', booked.ana.id).executeTakeFirstOrThrow();
  await deliver();
  return smtp.waitFor((mail) => mail.to !== undefined && JSON.stringify(mail.to).includes(email!));
}

async function withLogo(world: Awaited<ReturnType<typeof sessionWorld>>) {
  const admin = await t.staff(['admin'], world.host.organizationId);
  const form = await multipart({ bytes: PNG, filename: 'logo.png', type: 'image/png' });
  expect((await t.request({ method: 'PUT', url: '/api/organization/logo', cookie: admin.cookie, headers: form.headers, body: form.body })).status).toBe(200);
  return admin;
}

describe("the organization's logo in emails", () => {
  it('is an inline part the HTML shows by its Content-ID, with the organization name as alt text', async () => {
    const world = await sessionWorld(t);
    await withLogo(world);
    const { name } = await t.db.selectFrom('organizations').select('name').where('id', '=', world.host.organizationId).executeTakeFirstOrThrow();

    const mail = await invitationTo(world);

    const part = mail.attachments.find((a) => a.cid === CID);
    expect(part).toBeDefined();
    expect(part!.contentType).toBe('image/png');
    expect(part!.contentDisposition).toBe('inline');
    expect(Buffer.from(part!.content).equals(Buffer.from(PNG))).toBe(true);
    // mailparser rewrites cid: references to data: URLs; the alt text and the box size stay.
    expect(mail.html).toMatch(new RegExp(`<img src="(cid:${CID}|data:image/png;base64,[^"]+)" alt="${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}" width="120" height="40"`));
    expect(mail.attachments.some((a) => a.filename === 'invite.ics')).toBe(true);
  });

  it('is left out, <img> and part, when the organization has no logo or removed it before the message went', async () => {
    const plain = await sessionWorld(t);
    const without = await invitationTo(plain);
    expect(without.attachments.some((a) => a.cid === CID)).toBe(false);
    expect(without.html).not.toContain('<img');

    const removing = await sessionWorld(t);
    const admin = await withLogo(removing);
    const booked = await removing.book(); // written with the logo's <img>
    const stored = await t.db.selectFrom('outbox_messages').select('body_html').where('session_id', '=', booked.id).where('channel', '=', 'email').executeTakeFirstOrThrow();
    expect(stored.body_html).toContain(`cid:${CID}`);
    expect((await t.request({ method: 'DELETE', url: '/api/organization/logo', cookie: admin.cookie })).status).toBe(204);
    const { email } = await t.db.selectFrom('participants').select('email').where('id', '=', booked.ana.id).executeTakeFirstOrThrow();
    await deliver();
    const mail = await smtp.waitFor((m) => JSON.stringify(m.to).includes(email!));
    expect(mail.attachments.some((a) => a.cid === CID)).toBe(false);
    expect(mail.html).not.toContain('<img');
  });

  it("heads a staff member's invitation too, and nothing else of the clinic's name changes", async () => {
    const world = await sessionWorld(t);
    const admin = await withLogo(world);
    const email = `ines.${world.host.organizationId.slice(0, 8)}@harbor.test`;
    const added = await t.request({ method: 'POST', url: '/api/users', cookie: admin.cookie, body: { name: 'Dr. Ines Moreau', email, roles: ['provider'], timeZone: 'Europe/Paris' } });
    expect(added.status).toBe(201);
    await deliver();
    const mail = await smtp.waitFor((m) => JSON.stringify(m.to).includes(email));

    expect(mail.subject).toMatch(/^Your Carebeam account at /);
    const part = mail.attachments.find((a) => a.cid === CID);
    expect(part?.contentDisposition).toBe('inline');
    expect(Buffer.from(part!.content).equals(Buffer.from(PNG))).toBe(true);
    expect(mail.html).toMatch(/<img src="[^"]+" alt="[^"]+" width="120" height="40"/);
    expect(mail.html).toContain('Choose your password');
  });
});
