import { z } from 'zod';

export const backupSchema = z
  .object({
    name: z.string(),
    createdAt: z.iso.datetime(),
    bytes: z.number().int().min(0),
  })
  .describe('A complete backup in BACKUP_DIR');

export const backupListSchema = z
  .object({
    /** Whether this server writes backups (an embedded database and BACKUP_DIR). */
    available: z.boolean(),
    intervalHours: z.number().int().nullable(),
    keep: z.number().int(),
    items: z.array(backupSchema),
  })
  .describe('The backups this server wrote, newest first, and its schedule');

export type Backup = z.infer<typeof backupSchema>;
export type BackupList = z.infer<typeof backupListSchema>;
