import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type SignedIn, type TestApp } from '../../testing/harness';
import { type BookedSession, sessionWorld } from '../../testing/session-world';

let t: TestApp;
let world: Awaited<ReturnType<typeof sessionWorld>>;
let host: SignedIn;
let s: BookedSession;

beforeAll(async () => {
  t = await startTestApp();
  world = await sessionWorld(t);
  host = world.host;
  s = await world.book();
});
afterAll(() => t.close());

const post = (sessionId: string, body: Record<string, unknown>, cookie = host.cookie) => t.request({ method: 'POST', url: `/api/sessions/${sessionId}/readings`, cookie, body });
const readingCount = async () => Number((await t.db.selectFrom('readings').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

describe('readings entered by staff', () => {
  it('stores a reading in the canonical unit with the original kept, lists it, and tells the history', async () => {
    const created = await post(s.id, { kind: 'blood_pressure', components: { systolic: 16, diastolic: 10.7 }, unit: 'kPa', participantId: s.ana.id, effectiveAt: '2026-03-02T14:55:00-00:00' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      sessionId: s.id,
      participantId: s.ana.id,
      kind: 'blood_pressure',
      loinc: '85354-9',
      value: null,
      components: { systolic: 120, diastolic: 80.26 },
      unit: 'mm[Hg]',
      originalValue: null,
      originalComponents: { systolic: 16, diastolic: 10.7 },
      originalUnit: 'kPa',
      effectiveAt: '2026-03-02T14:55:00.000Z',
      source: 'manual',
      deviceLabel: null,
      cart: null,
      enteredBy: { id: host.id, name: host.name },
      flag: null,
      status: 'final',
      corrects: null,
      correctedBy: null,
    });
    const list = await t.request({ url: `/api/sessions/${s.id}/readings`, cookie: host.cookie });
    expect(list.body.items.map((r: { id: string }) => r.id)).toContain(created.body.id);
    const history = await t.request({ url: `/api/sessions/${s.id}/history`, cookie: host.cookie });
    expect(history.body.at(-1)).toMatchObject({ type: 'reading_recorded', data: { readingId: created.body.id, kind: 'blood_pressure', source: 'manual' } });
  });

  it('stores an unusual value with its flag, and takes the time of entry when none is given', async () => {
    const low = await post(s.id, { kind: 'oxygen_saturation', value: 86, unit: '%', participantId: s.ben.id });
    expect(low.status).toBe(201);
    expect(low.body).toMatchObject({ value: 86, unit: '%', flag: 'low', effectiveAt: t.clock.now().toISOString() });
  });

  it('refuses every impossible or malformed reading with 422 at its field, and stores nothing', async () => {
    const before = await readingCount();
    const bad: [Record<string, unknown>, string][] = [
      [{ kind: 'oxygen_saturation', value: 100.5, unit: '%' }, 'value'],
      [{ kind: 'oxygen_saturation', value: -3, unit: '%' }, 'value'],
      [{ kind: 'blood_pressure', components: { systolic: 80, diastolic: 90 }, unit: 'mm[Hg]' }, 'components.systolic'],
      [{ kind: 'blood_pressure', components: { systolic: 120, diastolic: 2 }, unit: 'mm[Hg]' }, 'components.diastolic'],
      [{ kind: 'blood_pressure', value: 120, unit: 'mm[Hg]' }, 'components'],
      [{ kind: 'body_temperature', value: 46, unit: 'Cel' }, 'value'],
      [{ kind: 'body_temperature', value: 70, unit: '[degF]' }, 'value'],
      [{ kind: 'heart_rate', value: 12, unit: '/min' }, 'value'],
      [{ kind: 'heart_rate', value: 310, unit: '/min' }, 'value'],
      [{ kind: 'heart_rate', value: 72, unit: '%' }, 'unit'],
      [{ kind: 'respiratory_rate', value: 0, unit: '/min' }, 'value'],
      [{ kind: 'body_weight', value: 0, unit: 'kg' }, 'value'],
      [{ kind: 'body_height', value: 400, unit: 'cm' }, 'value'],
      [{ kind: 'bmi', value: 1, unit: 'kg/m2' }, 'value'],
      [{ kind: 'blood_glucose', value: 5000, unit: 'mg/dL' }, 'value'],
      [{ kind: 'heart_rate', unit: '/min' }, 'value'],
      [{ kind: 'heart_rate', value: 72, unit: '/min', effectiveAt: '2026-03-02T16:00:00Z' }, 'effectiveAt'],
    ];
    for (const [body, path] of bad) {
      const response = await post(s.id, { participantId: s.ana.id, ...body });
      expect(response.status, JSON.stringify(body)).toBe(422);
      expect(response.body.code).toBe('invalid_reading');
      expect(response.body.errors.map((e: { path: string }) => e.path), JSON.stringify(body)).toEqual([path]);
    }
    // Whose reading: a stranger, or nobody named in a session of two.
    expect((await post(s.id, { kind: 'heart_rate', value: 72, unit: '/min', participantId: world.stranger.id })).body.errors).toEqual([{ path: 'participantId', message: 'Not a participant of this session' }]);
    expect((await post(s.id, { kind: 'heart_rate', value: 72, unit: '/min' })).body.errors).toEqual([{ path: 'participantId', message: 'Choose whose reading this is' }]);
    // The wrong type of field is a malformed request (400), not a reading at all.
    expect((await post(s.id, { kind: 'pulse', value: 72, unit: '/min' })).status).toBe(400);
    expect((await post(s.id, { kind: 'heart_rate', value: '72', unit: '/min' })).status).toBe(400);
    expect(await readingCount()).toBe(before);
  });

  it('corrects by adding: the old reading becomes entered-in-error and stays; a second correction is refused', async () => {
    const wrong = await post(s.id, { kind: 'body_temperature', value: 39.8, unit: 'Cel', participantId: s.ana.id, effectiveAt: '2026-03-02T14:50:00Z' });
    const fixed = await t.request({ method: 'POST', url: `/api/sessions/${s.id}/readings/${wrong.body.id}/correct`, cookie: host.cookie, body: { value: 98.4, unit: '[degF]' } });
    expect(fixed.status).toBe(201);
    expect(fixed.body).toMatchObject({ kind: 'body_temperature', value: 36.89, unit: 'Cel', originalValue: 98.4, originalUnit: '[degF]', corrects: wrong.body.id, status: 'final', effectiveAt: '2026-03-02T14:50:00.000Z' });
    const list = (await t.request({ url: `/api/sessions/${s.id}/readings`, cookie: host.cookie })).body.items as { id: string; status: string; correctedBy: string | null }[];
    expect(list.find((r) => r.id === wrong.body.id)).toMatchObject({ status: 'entered-in-error', correctedBy: fixed.body.id });

    const again = await t.request({ method: 'POST', url: `/api/sessions/${s.id}/readings/${wrong.body.id}/correct`, cookie: host.cookie, body: { value: 37, unit: 'Cel' } });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('already_corrected');
    const impossible = await t.request({ method: 'POST', url: `/api/sessions/${s.id}/readings/${fixed.body.id}/correct`, cookie: host.cookie, body: { value: 50, unit: 'Cel' } });
    expect(impossible.status).toBe(422);
    expect((await t.request({ url: `/api/sessions/${s.id}/readings`, cookie: host.cookie })).body.items.find((r: { id: string }) => r.id === fixed.body.id).status).toBe('final');
    const history = await t.request({ url: `/api/sessions/${s.id}/history`, cookie: host.cookie });
    expect(history.body.at(-1)).toMatchObject({ type: 'reading_corrected', data: { readingId: fixed.body.id, correctedReadingId: wrong.body.id } });
  });

  it('never deletes or edits a reading, whoever asks the database', async () => {
    const reading = await post(s.id, { kind: 'heart_rate', value: 64, unit: '/min', participantId: s.ana.id });
    await expect(sql`DELETE FROM readings WHERE id = ${reading.body.id}`.execute(t.db)).rejects.toThrow(/entered-in-error/);
    await expect(sql`UPDATE readings SET value = 65 WHERE id = ${reading.body.id}`.execute(t.db)).rejects.toThrow(/entered-in-error/);
  });

  it('lets the session’s staff in and keeps everyone else out', async () => {
    const body = { kind: 'heart_rate', value: 70, unit: '/min', participantId: s.ana.id };
    expect((await post(s.id, body, world.dispatcher.cookie)).status).toBe(201);
    expect((await post(s.id, body, world.otherProvider.cookie)).status).toBe(404);
    expect((await post(s.id, body, world.stranger.cookie)).status).toBe(404);
    expect((await t.request({ url: `/api/sessions/${s.id}/readings`, cookie: world.stranger.cookie })).status).toBe(404);
    expect((await t.request({ url: `/api/sessions/${s.id}/readings`, cookie: s.ana.cookie })).status).toBe(401);
    expect((await post(s.id, body, '')).status).toBe(401);
  });

  it('refuses new readings in a canceled session', async () => {
    const other = await world.book();
    const canceled = await t.request({ method: 'POST', url: `/api/sessions/${other.id}/cancel`, cookie: host.cookie, body: { reason: 'Unwell' } });
    expect(canceled.status).toBe(200);
    const response = await post(other.id, { kind: 'heart_rate', value: 70, unit: '/min', participantId: other.ana.id });
    expect(response.status).toBe(409);
  });

  it("shows the participants' readings from their earlier sessions for trends, only those the caller may see", async () => {
    const later = await t.request({
      method: 'POST',
      url: '/api/sessions',
      cookie: host.cookie,
      body: { serviceId: (await serviceOf(s.id)).serviceId, sessionTypeId: (await serviceOf(s.id)).sessionTypeId, start: '2026-03-10T09:00:00Z', participants: [{ participantId: s.ana.id }] },
    });
    expect(later.status).toBe(201);
    const earlier = await t.request({ url: `/api/sessions/${later.body.id}/readings/earlier`, cookie: host.cookie });
    expect(earlier.status).toBe(200);
    const items = earlier.body.items as { participantId: string; sessionId: string; status: string }[];
    expect(items.length).toBeGreaterThan(0);
    expect(items.every((r) => r.participantId === s.ana.id && r.sessionId === s.id && r.status === 'final')).toBe(true);
    // Ben's readings are not his session's business; and another provider sees none of this.
    expect((await t.request({ url: `/api/sessions/${later.body.id}/readings/earlier`, cookie: world.otherProvider.cookie })).status).toBe(404);
  });
});

async function serviceOf(sessionId: string) {
  const row = await t.db.selectFrom('sessions').select(['service_id', 'session_type_id']).where('id', '=', sessionId).executeTakeFirstOrThrow();
  return { serviceId: row.service_id, sessionTypeId: row.session_type_id };
}
