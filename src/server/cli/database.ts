import type { Config } from '../config';
import { CommandError } from './command';
import { type DatabaseHandle, openDatabase } from '../db/connect';
import { LATEST_MIGRATION, latestAppliedMigration } from '../db/migrate';

/** Runs `work` on the database and closes it, whatever happens. */
export async function withDatabase<T>(target: Config['database'], work: (database: DatabaseHandle) => Promise<T>): Promise<T> {
  const database = await openDatabase(target);
  try {
    return await work(database);
  } finally {
    await database.close();
  }
}

/** The app's database, once its schema is this code's (commands other than `migrate` need it). */
export function withCurrentDatabase<T>(config: Config, work: (database: DatabaseHandle) => Promise<T>): Promise<T> {
  return withDatabase(config.database, async (database) => {
    const applied = await latestAppliedMigration(database.db);
    if (applied !== LATEST_MIGRATION) {
      throw new CommandError(`The database is not migrated (latest applied: ${applied ?? 'none'}, expected ${LATEST_MIGRATION}): run \`npm run carebeam -- migrate\` first.`);
    }
    return work(database);
  });
}
