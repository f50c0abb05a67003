import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../testing/harness';
import { type Write, writeTogether } from './writes';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const organization =
  (id: string, name: string): Write =>
  (db) =>
    db.insertInto('organizations').values({ id, name, time_zone: 'UTC' });

describe('writeTogether', () => {
  it('writes rows that reference a row written earlier in the same statement', async () => {
    const id = randomUUID();
    const at = new Date();
    await writeTogether(t.db, [
      organization(id, 'Written together'),
      null,
      (db) => db.insertInto('session_types').values({ organization_id: id, name: 'Video visit', modality: 'video', created_at: at, updated_at: at }),
    ]);
    const types = await t.db.selectFrom('session_types').select('name').where('organization_id', '=', id).execute();
    expect(types).toEqual([{ name: 'Video visit' }]);
  });

  it('writes none of them when one is refused', async () => {
    const id = randomUUID();
    await expect(writeTogether(t.db, [organization(id, 'Rolled back with the next'), organization(randomUUID(), '')])).rejects.toThrow();
    expect(await t.db.selectFrom('organizations').select('id').where('id', '=', id).execute()).toEqual([]);
  });
});
