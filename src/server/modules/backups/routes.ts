import { backupListSchema, backupSchema } from '../../../shared/backups';
import { json, problems } from '../../http/responses';
import type { App } from '../../http/types';
import { staffOf } from '../auth';
import type { BackupsService } from './service';

const tags = ['Backups'];

export function backupsRoutes(app: App, backups: BackupsService): void {
  app.get(
    '/admin/backups',
    { schema: { tags, summary: 'The backups this server wrote, and its schedule', description: 'Administrators only.', response: { 200: json(backupListSchema), ...problems(401, 403) } } },
    (request) => backups.list(staffOf(request)),
  );
  app.post(
    '/admin/backups',
    {
      schema: {
        tags,
        summary: 'Back up the embedded database and the stored files now',
        description: 'Administrators only; audited. Into BACKUP_DIR, keeping the newest BACKUP_KEEP. 409 `backups_unavailable` on PostgreSQL or without BACKUP_DIR.',
        response: { 201: json(backupSchema, 'The backup, complete'), ...problems(401, 403, 409) },
      },
    },
    async (request, reply) => reply.code(201).send(await backups.create(staffOf(request), request.ip)),
  );
}
