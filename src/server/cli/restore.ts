import { restoreBackup } from '../backup/restore';
import { DataDirectoryLockedError } from '../db/data-dir-lock';
import { appRoleOf } from '../db/privileges';
import { type Command, CommandError, UsageError } from './command';

export const restoreCommand: Command = {
  usage: 'restore <backup dir>',
  summary: 'restore a backup into an empty database (MIGRATION_DATABASE_URL or DATABASE_URL, or a new DATA_DIR) and FILES_DIR; the server stays stopped',
  async run(args, { config, io }) {
    if (args.length !== 1 || !args[0]!.trim()) throw new UsageError(args.length === 0 ? 'Name the backup directory (the one holding manifest.json)' : 'Give one backup directory');
    const target = config.migrationDatabase;
    try {
      const manifest = await restoreBackup(args[0]!, {
        database: target,
        appRole: appRoleOf(config.database),
        filesDir: config.files.kind === 'local' ? config.files.directory : null,
      });
      const rows = Object.values(manifest.rowCounts).reduce((sum, n) => sum + n, 0);
      io.out(`Restored the backup of ${manifest.createdAt} (${manifest.migration}): ${rows} rows and ${manifest.files?.length ?? 0} file(s), each checked. Start the server to bring the schema up to date.`);
    } catch (error) {
      if (error instanceof DataDirectoryLockedError || !(error instanceof Error)) throw error;
      throw new CommandError(`Restore failed: ${error.message}`);
    }
  },
};
