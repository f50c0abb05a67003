import { LATEST_MIGRATION, migrateAndGrant } from '../db/migrate';
import { appRoleOf } from '../db/privileges';
import { type Command, noArguments } from './command';
import { withDatabase } from './database';

export const migrateCommand: Command = {
  usage: 'migrate',
  summary: "apply pending migrations (MIGRATION_DATABASE_URL, else DATABASE_URL, else DATA_DIR), grant DATABASE_URL's role its privileges, and exit",
  async run(args, { config, io }) {
    noArguments(args);
    const { applied, granted } = await withDatabase(config.migrationDatabase, (database) => migrateAndGrant(database.db, appRoleOf(config.database)));
    for (const name of applied) io.out(`applied ${name}`);
    io.out(applied.length > 0 ? `Migrated to ${LATEST_MIGRATION}.` : `Already up to date (${LATEST_MIGRATION}).`);
    if (granted) io.out(`Granted the app's privileges to role ${granted}.`);
  },
};
