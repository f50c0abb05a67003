import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';

type Db = Kysely<Database>;

export interface NewFile {
  organizationId: string;
  storageKey: string;
  filename: string;
  contentType: string;
  size: number;
  sha256: string;
  /** The staff member who uploaded it; null for a participant or a device. */
  by: string | null;
  at: Date;
}

export async function insertFile(db: Db, file: NewFile): Promise<string> {
  const row = await db
    .insertInto('files')
    .values({
      organization_id: file.organizationId,
      storage_key: file.storageKey,
      filename: file.filename,
      content_type: file.contentType,
      size: file.size,
      sha256: file.sha256,
      created_by: file.by,
      created_at: file.at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export function findFile(db: Db, organizationId: string, fileId: string) {
  return db
    .selectFrom('files')
    .select(['storage_key', 'filename', 'content_type', 'size'])
    .where('organization_id', '=', organizationId)
    .where('id', '=', fileId)
    .executeTakeFirst();
}
