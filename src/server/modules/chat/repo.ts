import { type Kysely, sql } from 'kysely';
import type { ChatAttachment, ChatMessage } from '../../../shared/chat';
import type { Database } from '../../db/schema';
import type { Reader } from './reader';

type Db = Kysely<Database>;

export interface Sender {
  kind: 'staff' | 'participant';
  id: string;
  name: string;
}

const messageColumns = [
  'm.id',
  'm.seq',
  'm.body',
  'm.sender_kind',
  'm.sender_user_id',
  'm.sender_participant_id',
  'm.sender_name',
  'm.thread_participant_id',
  'm.client_message_id',
  'm.created_at',
] as const;

function messagesQuery(db: Db, sessionId: string) {
  return db.selectFrom('chat_messages as m').select(messageColumns).where('m.session_id', '=', sessionId);
}
type MessageRow = Awaited<ReturnType<ReturnType<typeof messagesQuery>['execute']>>[number];

/** Only what the reader may see; a participant never gets another's private thread, not even its rows. */
function visibleTo<Q extends ReturnType<typeof messagesQuery>>(query: Q, reader: Reader): Q {
  if (reader.kind === 'staff') return query;
  return query.where((eb) => eb.or([eb('m.thread_participant_id', 'is', null), eb('m.thread_participant_id', '=', reader.id)])) as Q;
}

async function withAttachments(db: Db, rows: MessageRow[]): Promise<ChatMessage[]> {
  const attachments = await attachmentsOf(
    db,
    rows.map((row) => row.id),
  );
  return rows.map((row) => ({
    id: row.id,
    seq: row.seq,
    body: row.body,
    sender: { kind: row.sender_kind, id: (row.sender_user_id ?? row.sender_participant_id)!, name: row.sender_name },
    to: row.thread_participant_id,
    attachments: attachments.get(row.id) ?? [],
    clientMessageId: row.client_message_id,
    createdAt: row.created_at.toISOString(),
  }));
}

/**
 * The session's next message number, taken inside the sender's transaction. The counter row
 * stays locked until that transaction ends, so numbers follow commit order and a rollback
 * leaves no gap.
 */
export async function allocateSeq(db: Db, sessionId: string): Promise<number> {
  const row = await db
    .insertInto('chat_sequences')
    .values({ session_id: sessionId, last_seq: 1 })
    .onConflict((oc) => oc.column('session_id').doUpdateSet((eb) => ({ last_seq: eb('chat_sequences.last_seq', '+', 1) })))
    .returning('last_seq')
    .executeTakeFirstOrThrow();
  return row.last_seq;
}

/** The session's last message number (0 before the first). */
export async function lastSeq(db: Db, sessionId: string): Promise<number> {
  const row = await db.selectFrom('chat_sequences').select('last_seq').where('session_id', '=', sessionId).executeTakeFirst();
  return row?.last_seq ?? 0;
}

export async function findByClientId(db: Db, sessionId: string, sender: Sender, clientMessageId: string): Promise<ChatMessage | undefined> {
  const rows = await messagesQuery(db, sessionId)
    .where('m.sender_kind', '=', sender.kind)
    .where(sender.kind === 'staff' ? 'm.sender_user_id' : 'm.sender_participant_id', '=', sender.id)
    .where('m.client_message_id', '=', clientMessageId)
    .execute();
  return (await withAttachments(db, rows))[0];
}

export async function insertMessage(
  db: Db,
  message: { organizationId: string; sessionId: string; seq: number; sender: Sender; to: string | null; body: string; clientMessageId: string; at: Date },
): Promise<string> {
  const row = await db
    .insertInto('chat_messages')
    .values({
      organization_id: message.organizationId,
      session_id: message.sessionId,
      seq: message.seq,
      sender_kind: message.sender.kind,
      sender_user_id: message.sender.kind === 'staff' ? message.sender.id : null,
      sender_participant_id: message.sender.kind === 'participant' ? message.sender.id : null,
      sender_name: message.sender.name,
      thread_participant_id: message.to,
      body: message.body,
      client_message_id: message.clientMessageId,
      created_at: message.at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function findMessage(db: Db, sessionId: string, id: string): Promise<ChatMessage | undefined> {
  return (await withAttachments(db, await messagesQuery(db, sessionId).where('m.id', '=', id).execute()))[0];
}

/** Up to `limit` messages after `after` that the reader may see, oldest first. */
export async function messagesAfter(db: Db, sessionId: string, reader: Reader, after: number, limit: number): Promise<ChatMessage[]> {
  const rows = await visibleTo(messagesQuery(db, sessionId), reader).where('m.seq', '>', after).orderBy('m.seq').limit(limit).execute();
  return withAttachments(db, rows);
}

/** Per thread the reader sees: messages from others after their read mark, and the thread's last seq. */
export async function unreadFor(db: Db, sessionId: string, reader: Reader) {
  const rows = await visibleTo(messagesQuery(db, sessionId), reader)
    .clearSelect()
    .leftJoin('chat_reads as r', (join) =>
      join
        .onRef('r.session_id', '=', 'm.session_id')
        .on('r.reader_kind', '=', reader.kind)
        .on('r.reader_id', '=', reader.id)
        .on(sql`r.thread`, '=', sql`coalesce(m.thread_participant_id::text, 'session')`),
    )
    .select([
      'm.thread_participant_id',
      sql<number>`(count(*) filter (where m.seq > coalesce(r.last_read_seq, 0) and not (m.sender_kind = ${reader.kind} and coalesce(m.sender_user_id, m.sender_participant_id) = ${reader.id})))::int`.as('unread'),
      sql<number>`max(m.seq)`.as('last_seq'),
    ])
    .groupBy('m.thread_participant_id')
    .execute();
  return rows.map((row) => ({ participantId: row.thread_participant_id, unread: row.unread, lastSeq: row.last_seq }));
}

/** Moves a reader's mark forward (never back: an older tab's read does not undo a newer one). */
export async function markRead(db: Db, sessionId: string, reader: Reader, thread: string, seq: number): Promise<void> {
  await db
    .insertInto('chat_reads')
    .values({ session_id: sessionId, reader_kind: reader.kind, reader_id: reader.id, thread, last_read_seq: seq })
    .onConflict((oc) => oc.columns(['session_id', 'reader_kind', 'reader_id', 'thread']).doUpdateSet({ last_read_seq: sql`greatest(chat_reads.last_read_seq, excluded.last_read_seq)` }))
    .execute();
}

export async function insertAttachment(
  db: Db,
  row: { organizationId: string; sessionId: string; fileId: string; uploader: Reader; at: Date },
): Promise<string> {
  const inserted = await db
    .insertInto('chat_attachments')
    .values({ organization_id: row.organizationId, session_id: row.sessionId, file_id: row.fileId, uploader_kind: row.uploader.kind, uploader_id: row.uploader.id, created_at: row.at })
    .returning('id')
    .executeTakeFirstOrThrow();
  return inserted.id;
}

/** Attaches uploads to the message that carries them: only the sender's own, not yet sent, of this session. */
export async function linkAttachments(db: Db, sessionId: string, uploader: Reader, messageId: string, ids: string[]): Promise<number> {
  if (ids.length === 0) return 0;
  const result = await db
    .updateTable('chat_attachments')
    .set({ message_id: messageId })
    .where('id', 'in', ids)
    .where('session_id', '=', sessionId)
    .where('uploader_kind', '=', uploader.kind)
    .where('uploader_id', '=', uploader.id)
    .where('message_id', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function attachmentsOf(db: Db, messageIds: string[]): Promise<Map<string, ChatAttachment[]>> {
  const byMessage = new Map<string, ChatAttachment[]>();
  if (messageIds.length === 0) return byMessage;
  const rows = await db
    .selectFrom('chat_attachments as a')
    .innerJoin('files as f', 'f.id', 'a.file_id')
    .select(['a.id', 'a.message_id', 'f.filename', 'f.content_type', 'f.size'])
    .where('a.message_id', 'in', messageIds)
    .orderBy('a.created_at')
    .execute();
  for (const row of rows) {
    const list = byMessage.get(row.message_id!) ?? [];
    list.push({ id: row.id, name: row.filename, contentType: row.content_type as ChatAttachment['contentType'], size: row.size });
    byMessage.set(row.message_id!, list);
  }
  return byMessage;
}

/** An attachment of the session with the message it went out with (null while unsent). */
export function findAttachment(db: Db, sessionId: string, id: string) {
  return db
    .selectFrom('chat_attachments as a')
    .innerJoin('files as f', 'f.id', 'a.file_id')
    .leftJoin('chat_messages as m', 'm.id', 'a.message_id')
    .select(['a.id', 'a.organization_id', 'a.uploader_kind', 'a.uploader_id', 'a.message_id', 'm.thread_participant_id', 'f.storage_key', 'f.filename', 'f.content_type', 'f.size'])
    .where('a.session_id', '=', sessionId)
    .where('a.id', '=', id)
    .executeTakeFirst();
}

