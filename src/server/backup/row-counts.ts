import { type Kysely, sql } from 'kysely';

/** Rows in every table of the public schema (the migrations' own included), by table name. */
export async function countRows(db: Kysely<any>): Promise<Record<string, number>> {
  const tables = await sql<{ name: string }>`
    SELECT table_name AS name FROM information_schema.tables
    WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`.execute(db);
  const counts: Record<string, number> = {};
  for (const { name } of tables.rows) {
    counts[name] = Number((await sql<{ n: string }>`SELECT count(*) AS n FROM ${sql.id(name)}`.execute(db)).rows[0]!.n);
  }
  return counts;
}

/** The tables whose rows differ from the manifest's, as "table: expected → found". */
export function countDifferences(expected: Record<string, number>, found: Record<string, number>): string[] {
  const tables = [...new Set([...Object.keys(expected), ...Object.keys(found)])].sort();
  return tables.filter((table) => expected[table] !== found[table]).map((table) => `${table}: ${expected[table] ?? 'none'} → ${found[table] ?? 'none'}`);
}
