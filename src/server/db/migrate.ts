import { type Kysely, Migrator } from 'kysely';
import { migrations } from './migrations/index';

/**
 * Brings the schema up to date. Kysely's migrator holds a PostgreSQL advisory lock while it
 * runs, so several instances starting at once apply each migration exactly once.
 */
export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
