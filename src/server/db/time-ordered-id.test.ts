import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../testing/harness';
import { timeOrderedId, timeOrderedIdSql } from './time-ordered-id';

const V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const millisOf = (id: string) => parseInt(id.replaceAll('-', '').slice(0, 12), 16);

describe('timeOrderedId', () => {
  it('is a version 7 UUID that starts with its instant, unique for the same instant', () => {
    const at = new Date('2026-11-30T23:59:59.999Z');
    const ids = Array.from({ length: 1000 }, () => timeOrderedId(at));
    for (const id of ids) {
      expect(id).toMatch(V7);
      expect(millisOf(id)).toBe(at.getTime());
    }
    expect(new Set(ids).size).toBe(1000);
  });

  it('sorts as its instants sort, the way PostgreSQL compares uuids (bytewise)', () => {
    const instants = [0, 1, 255, 256, 65_536, Date.UTC(2026, 2, 8, 7), Date.UTC(2026, 2, 8, 8), Date.UTC(2099, 0, 1)];
    const ids = instants.map((ms) => timeOrderedId(new Date(ms)));
    expect([...ids].reverse().sort()).toEqual(ids);
  });
});

describe('timeOrderedIdSql', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('lays out the same id in SQL as in the app', async () => {
    const at = new Date('2026-03-08T06:59:59.123Z');
    const { rows } = await sql<{ id: string }>`SELECT ${timeOrderedIdSql(sql<Date>`${at}::timestamptz`)} AS id FROM generate_series(1, 50)`.execute(t.db);
    expect(new Set(rows.map((row) => row.id)).size).toBe(50);
    for (const { id } of rows) {
      expect(id).toMatch(V7);
      expect(id.slice(0, 13)).toBe(timeOrderedId(at).slice(0, 13));
    }
  });
});
