import type { InsertQueryBuilder, InsertResult, Kysely, QueryCreator } from 'kysely';
import type { Database } from './schema';

/**
 * One table's rows to insert, built on whichever query creator runs it: alone, or in one statement
 * with others (`writeTogether`). Modules export these for their own tables.
 */
// The table parameter is `any` as in Kysely's own CTE types: each write names its own table.
export type Write = (db: QueryCreator<Database>) => InsertQueryBuilder<Database, any, InsertResult>;

/**
 * Runs the writes as one statement, each earlier one a data-modifying WITH of the last: one round
 * trip instead of one each. The statement succeeds or fails whole (a refused overlap, a foreign key),
 * and foreign keys are checked at its end, so a row may reference one an earlier write inserts.
 * `null` stands for a write with no rows.
 */
export async function writeTogether(db: Kysely<Database>, writes: readonly (Write | null)[]): Promise<void> {
  const present = writes.filter((write): write is Write => write !== null);
  const last = present.at(-1);
  if (!last) return;
  const creator = present
    .slice(0, -1)
    .reduce<QueryCreator<Database>>((built, write, index) => built.with(`write_${index}`, (inner) => write(inner)) as unknown as QueryCreator<Database>, db);
  await last(creator).execute();
}
