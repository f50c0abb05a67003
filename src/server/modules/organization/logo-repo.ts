import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';

type Db = Kysely<Database>;

/** The organization's logo as kept: its file and size; undefined when it has none. */
export async function findLogoFile(db: Db, organizationId: string) {
  const row = await db
    .selectFrom('organizations as o')
    .innerJoin('files as f', 'f.id', 'o.logo_file_id')
    .select(['f.storage_key', 'f.content_type', 'f.sha256', 'o.logo_width', 'o.logo_height'])
    .where('o.id', '=', organizationId)
    .executeTakeFirst();
  return row && { storageKey: row.storage_key, contentType: row.content_type, sha256: row.sha256, width: row.logo_width!, height: row.logo_height! };
}

export async function setLogo(db: Db, organizationId: string, logo: { fileId: string; width: number; height: number } | null): Promise<void> {
  await db
    .updateTable('organizations')
    .set({ logo_file_id: logo?.fileId ?? null, logo_width: logo?.width ?? null, logo_height: logo?.height ?? null })
    .where('id', '=', organizationId)
    .execute();
}
