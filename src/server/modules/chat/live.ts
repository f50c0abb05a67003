import type { Kysely } from 'kysely';
import type { ChatMessage } from '../../../shared/chat';
import type { LiveEvent } from '../../db/notify';
import type { Database } from '../../db/schema';
import { seesSession } from '../access';
import type { AuditBatcher } from '../audit';
import type { LiveFeature, SessionClient, StaffClient } from '../live';
import { canRead, type Reader } from './reader';
import * as repo from './repo';

/** What a client has been sent of the chat: every message up to `lastSeq` was sent or is not theirs to see. */
interface ChatState {
  lastSeq: number;
}

const PAGE = 200;
const readerOf = (client: SessionClient): Reader => ({ kind: client.member.kind, id: client.member.id });

/**
 * The chat on the live channel. A client says which seq it has; it gets everything after it it
 * may read, then each new message in order. A message arriving after a gap (a notification lost
 * while LISTEN reconnected) makes the client catch up from the database first: nothing is lost,
 * doubled or reordered.
 */
export function chatLiveFeature({ db, audit, now }: { db: Kysely<Database>; audit: AuditBatcher | null; now: () => Date }): LiveFeature {
  /**
   * A page's history arriving over the socket is a read of the chat, audited as its HTTP twin is
   * (`chat.read`, `portal.chat_read`; the batcher names the session's patients). Messages that
   * arrive live afterwards are not counted again.
   */
  function auditHistoryRead(client: SessionClient) {
    const staff = client.member.kind === 'staff';
    audit?.add({
      organizationId: client.organizationId,
      actorKind: staff ? 'user' : 'participant',
      actorUserId: staff ? client.member.id : null,
      actorParticipantId: staff ? null : client.member.id,
      action: staff ? 'chat.read' : 'portal.chat_read',
      entityType: 'session',
      entityId: client.sessionId,
      sessionId: client.sessionId,
      at: now(),
    });
  }

  /** Sends what the client has not had since `after`, then marks it up to date; answers how many it sent. */
  async function catchUp(client: SessionClient, after: number): Promise<number> {
    // The last seq first: a message written after it still arrives as an event, and one written
    // between the two reads is in the page below, so nothing falls in between.
    const last = await repo.lastSeq(db, client.sessionId);
    let cursor = after;
    let sent = 0;
    for (;;) {
      const page = await repo.messagesAfter(db, client.sessionId, readerOf(client), cursor, PAGE);
      for (const message of page) client.send({ type: 'chat.message', message });
      sent += page.length;
      cursor = page.at(-1)?.seq ?? cursor;
      if (page.length < PAGE) break;
    }
    client.state.set('chat', { lastSeq: Math.max(last, cursor, after) } satisfies ChatState);
    return sent;
  }

  async function deliver(client: SessionClient, message: ChatMessage): Promise<void> {
    const state = client.state.get('chat') as ChatState | undefined;
    if (!state || message.seq <= state.lastSeq) return; // not said hello yet (its hello will catch up), or already sent
    if (message.seq > state.lastSeq + 1) return void (await catchUp(client, state.lastSeq));
    if (canRead(readerOf(client), message)) client.send({ type: 'chat.message', message });
    state.lastSeq = message.seq;
  }

  /** Staff dashboards: the unread count of the session for each staff member who sees it. */
  async function tellStaff(sessionId: string, staff: StaffClient[], onlyUser?: string): Promise<void> {
    const session = await db.selectFrom('sessions').select(['organization_id', 'host_id']).where('id', '=', sessionId).executeTakeFirst();
    if (!session) return;
    const counted = new Map<string, number>();
    for (const client of staff) {
      const { actor } = client.identity;
      if (actor.organizationId !== session.organization_id || !seesSession(actor, session) || (onlyUser && actor.id !== onlyUser)) continue;
      if (!counted.has(actor.id)) {
        const threads = await repo.unreadFor(db, sessionId, { kind: 'staff', id: actor.id });
        counted.set(actor.id, threads.reduce((sum, thread) => sum + thread.unread, 0));
      }
      client.send({ type: 'unread', sessionId, unread: counted.get(actor.id)! });
    }
  }

  return {
    name: 'chat',

    async hello(client, frame) {
      if ((await catchUp(client, frame.after)) > 0) auditHistoryRead(client);
      client.send({ type: 'chat.unread', threads: await repo.unreadFor(db, client.sessionId, readerOf(client)) });
    },

    async event(event: LiveEvent, clients, staff) {
      if (event.kind === 'chat') {
        const message = await repo.findMessage(db, event.sessionId, event.messageId);
        if (!message) return;
        for (const client of clients) await deliver(client, message);
        await tellStaff(event.sessionId, staff);
      }
      if (event.kind === 'read') {
        // The reader's other pages (another tab, another device) update their counts.
        for (const client of clients) {
          if (client.member.kind === event.reader.kind && client.member.id === event.reader.id) {
            client.send({ type: 'chat.unread', threads: await repo.unreadFor(db, event.sessionId, event.reader) });
          }
        }
        if (event.reader.kind === 'staff') await tellStaff(event.sessionId, staff, event.reader.id);
      }
    },

    async reconnected(clients) {
      for (const client of clients) {
        const state = client.state.get('chat') as ChatState | undefined;
        if (state) await catchUp(client, state.lastSeq);
      }
    },
  };
}
