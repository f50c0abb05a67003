import type { Kysely } from 'kysely';
import type { SessionImage } from '../../../shared/images';
import type { Database } from '../../db/schema';

type Db = Kysely<Database>;

function imageQuery(db: Db) {
  return db
    .selectFrom('session_images as i')
    .innerJoin('files as f', 'f.id', 'i.file_id')
    .innerJoin('users as u', 'u.id', 'i.taken_by')
    .select(['i.id', 'i.session_id', 'i.kind', 'i.label', 'i.participant_id', 'i.taken_by', 'i.created_at', 'f.content_type', 'f.size', 'f.storage_key', 'f.filename', 'u.name as taken_by_name']);
}

type Row = Awaited<ReturnType<ReturnType<typeof imageQuery>['execute']>>[number];

const toImage = (row: Row): SessionImage => ({
  id: row.id,
  kind: row.kind,
  label: row.label,
  contentType: row.content_type as SessionImage['contentType'],
  size: row.size,
  participantId: row.participant_id,
  takenBy: { id: row.taken_by, name: row.taken_by_name },
  createdAt: row.created_at.toISOString(),
});

export async function insertImage(
  db: Db,
  image: { organizationId: string; sessionId: string; fileId: string; kind: SessionImage['kind']; label: string | null; participantId: string | null; by: string; at: Date },
): Promise<string> {
  const row = await db
    .insertInto('session_images')
    .values({
      organization_id: image.organizationId,
      session_id: image.sessionId,
      file_id: image.fileId,
      kind: image.kind,
      label: image.label,
      participant_id: image.participantId,
      taken_by: image.by,
      created_at: image.at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function sessionImages(db: Db, sessionId: string): Promise<SessionImage[]> {
  return (await imageQuery(db).where('i.session_id', '=', sessionId).orderBy('i.created_at').orderBy('i.id').execute()).map(toImage);
}

/** The session's images with where their bytes are kept. */
export async function sessionImageFiles(db: Db, sessionId: string): Promise<(SessionImage & { storageKey: string })[]> {
  const rows = await imageQuery(db).where('i.session_id', '=', sessionId).orderBy('i.created_at').orderBy('i.id').execute();
  return rows.map((row) => ({ ...toImage(row), storageKey: row.storage_key }));
}

export async function findImage(db: Db, sessionId: string, imageId: string): Promise<(SessionImage & { storageKey: string; filename: string }) | undefined> {
  const row = await imageQuery(db).where('i.session_id', '=', sessionId).where('i.id', '=', imageId).executeTakeFirst();
  return row && { ...toImage(row), storageKey: row.storage_key, filename: row.filename };
}
