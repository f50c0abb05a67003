import type { Kysely } from 'kysely';
import type { ChatAttachment, ChatMessage, ChatPage, SendMessage, Unread } from '../../../shared/chat';
import { sendMessageSchema } from '../../../shared/chat';
import type { Clock } from '../../clock';
import { isUniqueViolation } from '../../db/errors';
import { notify } from '../../db/notify';
import type { Database } from '../../db/schema';
import { conflict, DomainError, invalid, notFound } from '../../errors';
import type { FileStore } from '../../storage/file-store';
import { requireParticipantAccess, requireSessionAccess, sessionParticipantIds, type SessionRow } from '../access';
import type { Actor, PortalVisitor } from '../auth';
import { insertFile, safeFilename, storeBytes } from '../files';
import { recordHistory } from '../history';
import { connectedMembers, PRESENCE_STALE_MS } from '../live';
import { queueNewMessageNotices } from '../messaging';
import { findParticipants } from '../participants';
import { attachmentType } from './attachment-type';
import { canRead, type Reader, threadOf } from './reader';
import * as repo from './repo';

type Db = Kysely<Database>;

/** Who is chatting: a staff member of the session, or one of its participants through their link. */
export type Caller = { kind: 'staff'; actor: Actor } | { kind: 'participant'; visitor: PortalVisitor };

export interface ChatDeps {
  db: Db;
  clock: Clock;
  storage: FileStore;
  organizerEmail: string;
}

export function createChatService({ db, clock, storage, organizerEmail }: ChatDeps) {
  /** The session as the caller may use it, who they are as a reader, and as a sender. */
  async function enter(trx: Db, caller: Caller, sessionId: string, writing: boolean): Promise<{ session: SessionRow; reader: Reader; name: string }> {
    if (caller.kind === 'staff') {
      const session = await requireSessionAccess(trx, caller.actor, sessionId, 'read');
      if (writing && session.status === 'canceled') throw conflict('invalid_state', 'This session was canceled');
      return { session, reader: { kind: 'staff', id: caller.actor.id }, name: caller.actor.name };
    }
    if (caller.visitor.sessionId !== sessionId) throw notFound('Session');
    const session = await requireParticipantAccess(trx, caller.visitor, writing ? 'take_part' : 'read');
    const [participant] = await findParticipants(trx, session.organization_id, [caller.visitor.participantId]);
    return { session, reader: { kind: 'participant', id: caller.visitor.participantId }, name: participant?.name ?? 'Participant' };
  }

  /** Staff write privately to one participant of the session; a participant only to the clinic (their own thread). */
  async function threadFor(trx: Db, reader: Reader, session: SessionRow, to: string | undefined): Promise<string | null> {
    if (to === undefined) return null;
    if (reader.kind === 'participant') {
      if (to !== reader.id) throw invalid([{ path: 'to', message: 'Participants write to the whole session or privately to the clinic' }]);
      return to;
    }
    if (!(await sessionParticipantIds(trx, session.id)).includes(to)) throw invalid([{ path: 'to', message: 'This person is not a participant of the session' }]);
    return to;
  }

  /** Participants the message is for who are not on their page now. */
  async function awayRecipients(trx: Db, session: SessionRow, reader: Reader, to: string | null): Promise<string[]> {
    const recipients = to ? [to] : await sessionParticipantIds(trx, session.id);
    const present = new Set(
      (await connectedMembers(trx, session.id, new Date(clock.now().getTime() - PRESENCE_STALE_MS))).filter((m) => m.kind === 'participant').map((m) => m.id),
    );
    return recipients.filter((id) => !(reader.kind === 'participant' && id === reader.id) && !present.has(id));
  }

  async function write(caller: Caller, sessionId: string, input: ReturnType<typeof sendMessageSchema.parse>): Promise<{ message: ChatMessage; created: boolean }> {
    return db.transaction().execute(async (trx) => {
      const { session, reader, name } = await enter(trx, caller, sessionId, true);
      const sender = { ...reader, name };
      const earlier = await repo.findByClientId(trx, sessionId, sender, input.clientMessageId);
      if (earlier) return { message: earlier, created: false };
      const to = await threadFor(trx, reader, session, input.to);
      const at = clock.now();
      const seq = await repo.allocateSeq(trx, sessionId);
      const messageId = await repo.insertMessage(trx, { organizationId: session.organization_id, sessionId, seq, sender, to, body: input.body, clientMessageId: input.clientMessageId, at });
      const attachmentIds = [...new Set(input.attachmentIds)];
      if ((await repo.linkAttachments(trx, sessionId, reader, messageId, attachmentIds)) !== attachmentIds.length) {
        throw invalid([{ path: 'attachmentIds', message: 'Attach only files you uploaded to this session and have not sent yet' }]);
      }
      const message = (await repo.findMessage(trx, sessionId, messageId))!;
      const actor = { kind: reader.kind === 'staff' ? ('user' as const) : ('participant' as const), id: reader.id, name };
      const event = { organizationId: session.organization_id, sessionId, at, actor };
      if (seq === 1) await recordHistory(trx, { ...event, type: 'chat_started', data: { messageId } });
      for (const attachment of message.attachments) {
        await recordHistory(trx, { ...event, type: 'attachment_shared', data: { attachmentId: attachment.id, name: attachment.name, to } });
      }
      await queueNewMessageNotices(trx, sessionId, await awayRecipients(trx, session, reader, to), { organizerEmail, at });
      await notify(trx, { kind: 'chat', sessionId, messageId });
      return { message, created: true };
    });
  }

  return {
    /** Sends a message; a resend with the same `clientMessageId` answers the first one (`created: false`). */
    async send(caller: Caller, sessionId: string, body: SendMessage): Promise<{ message: ChatMessage; created: boolean }> {
      const input = sendMessageSchema.parse(body);
      try {
        return await write(caller, sessionId, input);
      } catch (error) {
        // The same resend raced the first: it lost on the unique key, the first is there now.
        if (!isUniqueViolation(error, 'chat_messages_client_key')) throw error;
        return write(caller, sessionId, input);
      }
    },

    async list(caller: Caller, sessionId: string, page: { after: number; limit: number }): Promise<ChatPage> {
      const { reader } = await enter(db, caller, sessionId, false);
      const items = await repo.messagesAfter(db, sessionId, reader, page.after, page.limit);
      return { items, nextAfter: items.length === page.limit ? items.at(-1)!.seq : null };
    },

    async unread(caller: Caller, sessionId: string): Promise<Unread> {
      const { reader } = await enter(db, caller, sessionId, false);
      return { threads: await repo.unreadFor(db, sessionId, reader) };
    },

    /** Read up to `seq`: staff per thread; a participant reads their one view (session and private thread) at once. */
    async markRead(caller: Caller, sessionId: string, input: { seq: number; participantId?: string | undefined }): Promise<void> {
      await db.transaction().execute(async (trx) => {
        const { reader } = await enter(trx, caller, sessionId, false);
        const threads = reader.kind === 'participant' ? [threadOf(null), threadOf(reader.id)] : [threadOf(input.participantId ?? null)];
        for (const thread of threads) await repo.markRead(trx, sessionId, reader, thread, input.seq);
        await notify(trx, { kind: 'read', sessionId, reader });
      });
    },

    /** Stores an upload (checked by content) for a message still to be sent. */
    async upload(caller: Caller, sessionId: string, file: { filename: string; bytes: Uint8Array }): Promise<ChatAttachment> {
      const { session, reader } = await enter(db, caller, sessionId, true);
      const contentType = await attachmentType(file.bytes);
      if (!contentType) throw new DomainError('unsupported_media_type', 'unsupported_media_type', 'Attach a PDF, an image (PNG, JPEG, HEIC) or a plain text file');
      const name = safeFilename(file.filename, 'attachment');
      const stored = await storeBytes(storage, file.bytes);
      const at = clock.now();
      const id = await db.transaction().execute(async (trx) => {
        const fileId = await insertFile(trx, { ...stored, organizationId: session.organization_id, filename: name, contentType, by: reader.kind === 'staff' ? reader.id : null, at });
        return repo.insertAttachment(trx, { organizationId: session.organization_id, sessionId, fileId, uploader: reader, at });
      });
      return { id, name, contentType, size: stored.size };
    },

    /** An attachment for whoever may read its message (or its uploader, before it is sent); its route audits the download. */
    async download(caller: Caller, sessionId: string, attachmentId: string): Promise<{ filename: string; contentType: string; bytes: Uint8Array }> {
      const { reader } = await enter(db, caller, sessionId, false);
      const found = await repo.findAttachment(db, sessionId, attachmentId);
      const mayRead = found && (found.message_id ? canRead(reader, { to: found.thread_participant_id }) : found.uploader_kind === reader.kind && found.uploader_id === reader.id);
      if (!found || !mayRead) throw notFound('Attachment');
      return { filename: found.filename, contentType: found.content_type, bytes: await storage.get(found.storage_key) };
    },
  };
}

export type ChatService = ReturnType<typeof createChatService>;
