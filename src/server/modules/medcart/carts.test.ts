import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServerFrame } from '../../../shared/live';
import { startTestApp, type SignedIn, type TestApp } from '../../testing/harness';
import { type LiveTestClient, openLive } from '../../testing/live-client';
import { type BookedSession, sessionWorld } from '../../testing/session-world';

let t: TestApp;
let world: Awaited<ReturnType<typeof sessionWorld>>;
let admin: SignedIn;
let s: BookedSession;
const RATE = 6;

beforeAll(async () => {
  t = await startTestApp({ config: { cartReadingsPerMinute: RATE } });
  world = await sessionWorld(t);
  admin = await t.staff(['admin'], world.host.organizationId);
  s = await world.book();
});
afterAll(() => t.close());

let n = 0;
async function registerCart(name = `Cart ${++n}`): Promise<{ id: string; token: string }> {
  const created = await t.request({ method: 'POST', url: '/api/medcart/carts', cookie: admin.cookie, body: { name, location: 'Exam room 2' } });
  expect(created.status).toBe(201);
  return created.body;
}
const attach = (sessionId: string, body: Record<string, unknown>, cookie = world.host.cookie) => t.request({ method: 'PUT', url: `/api/sessions/${sessionId}/cart`, cookie, body });
const postFromCart = (token: string | null, body: Record<string, unknown>) =>
  t.request({ method: 'POST', url: '/api/medcart/readings', headers: token === null ? {} : { authorization: `Bearer ${token}` }, body: { kind: 'heart_rate', value: 72, unit: '/min', clientReadingId: `r-${++n}`, ...body } });
const readingCount = async () => Number((await t.db.selectFrom('readings').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

describe('carts', () => {
  it('are registered by administrators with a token shown once and kept only as a hash', async () => {
    const cart = await registerCart('Cart A');
    expect(cart.token).toMatch(/^cbcart_[A-Za-z0-9_-]{43}$/);
    const row = await t.db.selectFrom('carts').selectAll().where('id', '=', cart.id).executeTakeFirstOrThrow();
    expect(row.token_hash).not.toContain(cart.token);
    expect(JSON.stringify(row)).not.toContain(cart.token.slice(7));
    const list = await t.request({ url: '/api/medcart/carts', cookie: world.host.cookie });
    expect(list.body.items.find((c: { id: string }) => c.id === cart.id)).toMatchObject({ name: 'Cart A', location: 'Exam room 2', hasToken: true, lastReadingAt: null });
    expect(JSON.stringify(list.body)).not.toContain(cart.token);

    const byProvider = await t.request({ method: 'POST', url: '/api/medcart/carts', cookie: world.host.cookie, body: { name: 'Mine' } });
    expect(byProvider.status).toBe(403);
    expect((await t.request({ method: 'POST', url: '/api/medcart/carts', cookie: admin.cookie, body: { name: ' ' } })).status).toBe(400);
    expect((await t.request({ method: 'DELETE', url: `/api/medcart/carts/${cart.id}/token`, cookie: world.stranger.cookie })).status).toBe(404);
  });

  it('post readings only into sessions they are attached to; a retry returns the first reading; the raw payload is kept', async () => {
    const cart = await registerCart();
    const unattached = await postFromCart(cart.token, { sessionId: s.id });
    expect(unattached.status).toBe(404);

    const attached = await attach(s.id, { cartId: cart.id, participantId: s.ben.id });
    expect(attached.status).toBe(200);
    expect(attached.body).toMatchObject({ cart: { id: cart.id }, participantId: s.ben.id });

    const body = { sessionId: s.id, kind: 'oxygen_saturation', value: 97, unit: '%', deviceLabel: 'Nonin 3230', clientReadingId: 'spo2-0001', firmware: '2.1.4', signalQuality: 0.93 };
    const first = await postFromCart(cart.token, body);
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ participantId: s.ben.id, source: 'cart', deviceLabel: 'Nonin 3230', cart: { id: cart.id }, enteredBy: null, value: 97 });
    const count = await readingCount();
    const retry = await postFromCart(cart.token, { ...body, value: 96 });
    expect(retry.status).toBe(200);
    expect(retry.body).toEqual(first.body);
    expect(await readingCount()).toBe(count);

    const row = await t.db.selectFrom('readings').select(['raw_payload', 'client_reading_id']).where('id', '=', first.body.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ client_reading_id: 'spo2-0001', raw_payload: { firmware: '2.1.4', signalQuality: 0.93, deviceLabel: 'Nonin 3230' } });
    const history = await t.request({ url: `/api/sessions/${s.id}/history`, cookie: world.host.cookie });
    expect(history.body.at(-1)).toMatchObject({ type: 'reading_recorded', data: { source: 'cart', readingId: first.body.id } });
    const carts = await t.request({ url: '/api/medcart/carts', cookie: admin.cookie });
    expect(carts.body.items.find((c: { id: string }) => c.id === cart.id).lastReadingAt).toBe(t.clock.now().toISOString());
  });

  it('are refused with 401 for a missing, wrong or revoked token, and with 404 for another organization’s session', async () => {
    const cart = await registerCart();
    expect((await attach(s.id, { cartId: cart.id, participantId: s.ana.id })).status).toBe(200);
    const before = await readingCount();

    const missing = await postFromCart(null, { sessionId: s.id });
    expect(missing.status).toBe(401);
    expect(missing.headers['www-authenticate']).toMatch(/^Bearer /);
    expect((await postFromCart(`${cart.token}x`, { sessionId: s.id })).status).toBe(401);
    expect((await postFromCart('cbcart_', { sessionId: s.id })).status).toBe(401);
    // A staff cookie is not a cart.
    expect((await t.request({ method: 'POST', url: '/api/medcart/readings', cookie: admin.cookie, body: { sessionId: s.id, kind: 'heart_rate', value: 70, unit: '/min', clientReadingId: 'x' } })).status).toBe(401);
    // The token comes first: a bad body from a stranger is still 401.
    expect((await t.request({ method: 'POST', url: '/api/medcart/readings', body: { nonsense: true } })).status).toBe(401);

    const elsewhere = await (await sessionWorld(t)).book();
    expect((await postFromCart(cart.token, { sessionId: elsewhere.id })).status).toBe(404);
    expect((await postFromCart(cart.token, { sessionId: '00000000-0000-4000-8000-000000000000' })).status).toBe(404);

    expect((await t.request({ method: 'DELETE', url: `/api/medcart/carts/${cart.id}/token`, cookie: admin.cookie })).status).toBe(204);
    expect((await postFromCart(cart.token, { sessionId: s.id })).status).toBe(401);
    const reissued = await t.request({ method: 'POST', url: `/api/medcart/carts/${cart.id}/token`, cookie: admin.cookie });
    expect(reissued.status).toBe(201);
    expect((await postFromCart(reissued.body.token, { sessionId: s.id })).status).toBe(201);
    expect((await postFromCart(cart.token, { sessionId: s.id })).status).toBe(401);
    expect(await readingCount()).toBe(before + 1);
  });

  it('refuse an impossible reading with 422 and store nothing; a detached cart can post no more', async () => {
    const cart = await registerCart();
    const other = await world.book();
    expect((await attach(other.id, { cartId: cart.id, participantId: other.ana.id })).status).toBe(200);
    const before = await readingCount();
    const impossible = await postFromCart(cart.token, { sessionId: other.id, kind: 'blood_pressure', value: undefined, components: { systolic: 70, diastolic: 90 }, unit: 'mm[Hg]' });
    expect(impossible.status).toBe(422);
    expect(impossible.body.errors).toEqual([{ path: 'components.systolic', message: 'Systolic must be higher than diastolic' }]);
    expect(await readingCount()).toBe(before);

    expect((await t.request({ method: 'DELETE', url: `/api/sessions/${other.id}/cart`, cookie: world.host.cookie })).status).toBe(204);
    expect((await postFromCart(cart.token, { sessionId: other.id })).status).toBe(404);
    expect((await t.request({ url: `/api/sessions/${other.id}/cart`, cookie: world.host.cookie })).body).toEqual({ cart: null, participantId: null, attachedAt: null });
    const history = (await t.request({ url: `/api/sessions/${other.id}/history`, cookie: world.host.cookie })).body.map((e: { type: string }) => e.type);
    expect(history).toEqual(expect.arrayContaining(['cart_attached', 'cart_detached']));
  });

  it('are attached only with a participant named when the session has several, and only by its staff', async () => {
    const cart = await registerCart();
    expect((await attach(s.id, { cartId: cart.id })).body.errors).toEqual([{ path: 'participantId', message: 'Choose whose readings the cart takes' }]);
    expect((await attach(s.id, { cartId: cart.id, participantId: world.stranger.id })).status).toBe(422);
    expect((await attach(s.id, { cartId: cart.id, participantId: s.ana.id }, world.otherProvider.cookie)).status).toBe(404);
    const foreignCart = await t.request({ method: 'POST', url: '/api/medcart/carts', cookie: world.stranger.cookie, body: { name: 'Theirs' } });
    expect((await attach(s.id, { cartId: foreignCart.body.id, participantId: s.ana.id })).body.errors).toEqual([{ path: 'cartId', message: 'Choose a cart of your organization' }]);
  });

  it('stop taking readings for a participant removed from the session', async () => {
    const cart = await registerCart();
    const other = await world.book();
    await attach(other.id, { cartId: cart.id, participantId: other.ben.id });
    expect((await t.request({ method: 'DELETE', url: `/api/sessions/${other.id}/participants/${other.ben.id}`, cookie: world.host.cookie })).status).toBe(204);
    expect((await t.request({ url: `/api/sessions/${other.id}/cart`, cookie: world.host.cookie })).body).toMatchObject({ cart: { id: cart.id }, participantId: null });
    const posted = await postFromCart(cart.token, { sessionId: other.id });
    expect(posted.status).toBe(201);
    expect(posted.body.participantId).toBe(other.ana.id); // the one left
  });

  it('are limited to a number of readings a minute each', async () => {
    const cart = await registerCart();
    const other = await world.book();
    await attach(other.id, { cartId: cart.id, participantId: other.ana.id });
    for (let i = 0; i < RATE; i++) expect((await postFromCart(cart.token, { sessionId: other.id })).status).toBe(201);
    const limited = await postFromCart(cart.token, { sessionId: other.id });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    // Another cart is not held back by this one.
    const second = await registerCart();
    await attach(other.id, { cartId: second.id, participantId: other.ana.id });
    expect((await postFromCart(second.token, { sessionId: other.id })).status).toBe(201);
    // A minute later the first may send again (attached again: the second cart took its place).
    t.clock.advance(60_000);
    await attach(other.id, { cartId: cart.id, participantId: other.ana.id });
    expect((await postFromCart(cart.token, { sessionId: other.id })).status).toBe(201);
  });

  it('push a reading to the session’s open staff pages, not to its participants', async () => {
    const cart = await registerCart();
    const other = await world.book();
    await attach(other.id, { cartId: cart.id, participantId: other.ana.id });
    const { ws } = await t.listen();
    const staffPage = (await openLive(`${ws}/api/sessions/${other.id}/live`, { cookie: world.host.cookie, origin: 'http://localhost:3000' })) as LiveTestClient;
    const participantPage = (await openLive(`${ws}/api/portal/live`, { cookie: other.ana.cookie, origin: 'http://localhost:3000' })) as LiveTestClient;
    await staffPage.next('ready');
    await participantPage.next('ready');
    expect((await postFromCart(cart.token, { sessionId: other.id })).status).toBe(201);
    const frame = await staffPage.next('medcart.changed');
    expect(frame).toEqual({ type: 'medcart.changed', sessionId: other.id, change: 'reading' } satisfies ServerFrame);
    // The participant's socket got presence frames at most.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(participantPage.frames.some((f) => f.type === 'medcart.changed')).toBe(false);
    await staffPage.close();
    await participantPage.close();
  });
});
