import type { Kysely } from 'kysely';
import type { Backup, BackupList } from '../../../shared/backups';
import type { BackupDirectory } from '../../backup/directory';
import type { Clock } from '../../clock';
import type { Database } from '../../db/schema';
import { conflict } from '../../errors';
import { recordAudit } from '../audit';
import { type Actor, requireRole } from '../auth';

export interface BackupsDeps {
  db: Kysely<Database>;
  clock: Clock;
  /** Null when this server writes no backups (PostgreSQL, or no BACKUP_DIR). */
  directory: BackupDirectory | null;
  schedule: { intervalHours: number | null; keep: number };
}

/**
 * Backups of the whole deployment (every organization), made by the server that holds the
 * embedded database. An administrator may start one and see when they ran; the backup itself
 * never leaves the server, and the list says nothing about any organization's data.
 */
export function createBackupsService({ db, clock, directory, schedule }: BackupsDeps) {
  return {
    async list(actor: Actor): Promise<BackupList> {
      requireRole(actor, 'admin');
      return { available: directory !== null, ...schedule, items: directory ? await directory.list() : [] };
    },

    async create(actor: Actor, address: string): Promise<Backup> {
      requireRole(actor, 'admin');
      if (!directory) {
        throw conflict('backups_unavailable', 'This server makes no backups: set BACKUP_DIR (embedded database), or run `npm run carebeam -- backup` (PostgreSQL)');
      }
      const backup = await directory.create();
      await recordAudit(db, {
        organizationId: actor.organizationId,
        actorUserId: actor.id,
        action: 'backup.created',
        entityType: 'backup',
        entityId: null,
        address,
        at: clock.now(),
        data: { name: backup.name },
      });
      return backup;
    },
  };
}

export type BackupsService = ReturnType<typeof createBackupsService>;
