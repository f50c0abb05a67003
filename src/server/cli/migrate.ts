import { LATEST_MIGRATION, migrateToLatest } from '../db/migrate';
import { type Command, noArguments } from './command';
import { withDatabase } from './database';

export const migrateCommand: Command = {
  usage: 'migrate',
  summary: 'apply pending migrations (MIGRATION_DATABASE_URL, else DATABASE_URL, else DATA_DIR) and exit',
  async run(args, { config, io }) {
    noArguments(args);
    const applied = await withDatabase(config.migrationDatabase, (database) => migrateToLatest(database.db));
    for (const name of applied) io.out(`applied ${name}`);
    io.out(applied.length > 0 ? `Migrated to ${LATEST_MIGRATION}.` : `Already up to date (${LATEST_MIGRATION}).`);
  },
};
