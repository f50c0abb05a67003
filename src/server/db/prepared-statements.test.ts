import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import pg from 'pg';
import { PREPARED_PER_CONNECTION, PreparingClient } from './prepared-statements';

// Named statements live on one server connection, so this runs only against a PostgreSQL server.
const serverUrl = process.env.TEST_DATABASE_URL;

describe.skipIf(!serverUrl)('a connection that prepares its statements', () => {
  let client: PreparingClient;
  beforeEach(async () => {
    client = new PreparingClient({ connectionString: serverUrl });
    await client.connect();
  });
  afterEach(() => client.end());

  const prepared = async () =>
    (await client.query('SELECT statement FROM pg_prepared_statements WHERE NOT from_sql ORDER BY statement')).rows.map((row: { statement: string }) => row.statement);

  it('prepares a parameterized statement once and runs it with each call’s values', async () => {
    const text = 'SELECT $1::int + 1 AS n';
    expect((await client.query(text, [1])).rows).toEqual([{ n: 2 }]);
    expect((await client.query(text, [41])).rows).toEqual([{ n: 42 }]);
    expect(await prepared()).toEqual([text]);
  });

  it('keeps statements without parameters unnamed, several commands in one included', async () => {
    const results = (await client.query('SELECT 1 AS a; SELECT 2 AS b')) as unknown as { rows: unknown[] }[];
    expect(results.map((r) => r.rows)).toEqual([[{ a: 1 }], [{ b: 2 }]]);
    expect(await prepared()).toEqual([]);
  });

  it('runs a statement again after its values failed, and after a syntax error reports the syntax error again', async () => {
    const text = 'SELECT $1::int AS n';
    await expect(client.query(text, ['not a number'])).rejects.toThrow(/invalid input syntax/);
    expect((await client.query(text, ['5'])).rows).toEqual([{ n: 5 }]);
    const broken = 'SELEC $1::int';
    await expect(client.query(broken, [1])).rejects.toThrow(/syntax error/);
    await expect(client.query(broken, [1])).rejects.toThrow(/syntax error/);
  });

  it('prepares anew, after one failure, a statement whose columns a migration changed', async () => {
    await client.query('CREATE TEMP TABLE visits (id int, note text)');
    await client.query("INSERT INTO visits VALUES (1, 'a')");
    const text = 'SELECT * FROM visits WHERE id = $1';
    expect((await client.query(text, [1])).rows).toEqual([{ id: 1, note: 'a' }]);
    await client.query('ALTER TABLE visits ADD COLUMN room text');
    await expect(client.query(text, [1])).rejects.toThrow(/cached plan must not change result type/);
    expect((await client.query(text, [1])).rows).toEqual([{ id: 1, note: 'a', room: null }]);
  });

  it(`prepares at most ${PREPARED_PER_CONNECTION} statements; later ones still run, unnamed`, async () => {
    for (let i = 0; i <= PREPARED_PER_CONNECTION; i++) expect((await client.query(`SELECT $1::int + ${i} AS n`, [1])).rows).toEqual([{ n: i + 1 }]);
    expect(await prepared()).toHaveLength(PREPARED_PER_CONNECTION);
  });
});

describe.skipIf(!serverUrl)('a pool of connections that prepare their statements', () => {
  it('answers a pool’s query (which calls back), and prepares there too', async () => {
    const pool = new pg.Pool({ connectionString: serverUrl, max: 1, Client: PreparingClient });
    try {
      expect((await pool.query('SELECT $1::int * 2 AS n', [21])).rows).toEqual([{ n: 42 }]);
      expect((await pool.query("SELECT count(*)::int AS n FROM pg_prepared_statements WHERE name LIKE 'carebeam%'")).rows).toEqual([{ n: 1 }]);
      await expect(pool.query('SELECT $1::int AS n', ['x'])).rejects.toThrow(/invalid input syntax/);
    } finally {
      await pool.end();
    }
  });
});
