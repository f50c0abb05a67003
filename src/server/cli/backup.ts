import { parseArgs } from 'node:util';
import { writeBackup } from '../backup/write';
import { DataDirectoryLockedError } from '../db/data-dir-lock';
import { type Command, CommandError, UsageError } from './command';
import { withCurrentDatabase } from './database';

/** `--out <dir>`, the one argument both `backup` and nothing else take. */
function outOf(args: string[]): string {
  try {
    const { values, positionals } = parseArgs({ args, options: { out: { type: 'string' } }, strict: true, allowPositionals: true });
    if (positionals.length > 0) throw new UsageError(`Unexpected argument: ${positionals[0]}`);
    if (!values.out?.trim()) throw new UsageError('Name the directory to write the backup into: --out <dir>');
    return values.out;
  } catch (error) {
    throw error instanceof UsageError ? error : new UsageError((error as Error).message);
  }
}

export const backupCommand: Command = {
  usage: 'backup --out <dir>',
  summary: 'back up the database (pg_dump, or a stopped embedded one) and the stored files into a new directory, with a manifest',
  async run(args, { config, clock, io }) {
    const out = outOf(args);
    const filesDir = config.files.kind === 'local' ? config.files.directory : null;
    // pg_dump connects as the owner (MIGRATION_DATABASE_URL): it reads every table and sequence.
    const postgresUrl = config.migrationDatabase.kind === 'postgres' ? config.migrationDatabase.url : undefined;
    try {
      const manifest = await withCurrentDatabase(config, (database) => writeBackup(out, { database, filesDir, clock, ...(postgresUrl ? { postgresUrl } : {}) }));
      const rows = Object.values(manifest.rowCounts).reduce((sum, n) => sum + n, 0);
      io.out(`Backed up ${rows} rows (${manifest.migration}) and ${manifest.files === null ? 'no files (they live in the S3 bucket: keep its versioning on)' : `${manifest.files.length} file(s)`} into ${out}.`);
    } catch (error) {
      if (error instanceof DataDirectoryLockedError) {
        throw new CommandError(`${error.message}\nA running server backs its embedded database up itself: POST /api/admin/backups as an administrator, or set BACKUP_DIR and BACKUP_INTERVAL_HOURS.`);
      }
      throw error instanceof Error && !(error instanceof CommandError) ? new CommandError(error.message) : error;
    }
  },
};
