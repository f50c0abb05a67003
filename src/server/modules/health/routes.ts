import { sql } from 'kysely';
import type { DatabaseHandle } from '../../db/connect';
import type { App } from '../../http/types';

export function healthRoutes(app: App, database: DatabaseHandle): void {
  app.get('/health', async () => {
    await sql`SELECT 1`.execute(database.db);
    return { status: 'ok', database: database.kind };
  });
}
