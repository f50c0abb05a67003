import type { ChatAttachment, ChatMessage, Unread } from '../../shared/chat';
import { threadKey } from '../../shared/chat-rules';
import type { PresenceMember, ServerFrame } from '../../shared/live';
import type { ChatApi, ChatScope } from './chat-api';

/** Who is reading: their own messages show a delivery state. */
export interface ChatReader {
  readonly kind: 'staff' | 'participant';
  readonly id: string;
}

/** A message of ours the server has not confirmed yet: being sent, or failed and waiting for a retry. */
export interface PendingMessage {
  readonly clientMessageId: string;
  readonly body: string;
  readonly to: string | null;
  readonly attachments: readonly ChatAttachment[];
  readonly state: 'sending' | 'failed';
  readonly error: string | null;
}

export interface OutgoingMessage {
  readonly body: string;
  readonly to: string | null;
  readonly attachments: readonly ChatAttachment[];
}

export interface ChatState {
  readonly load: { readonly state: 'loading' | 'loaded' | 'failed'; readonly error: string | null };
  /** Every message this reader may see, each once, in `seq` order. */
  readonly messages: readonly ChatMessage[];
  readonly pending: readonly PendingMessage[];
  /** Unread messages per thread (`threadKey`). */
  readonly unread: Readonly<Record<string, number>>;
  readonly online: readonly PresenceMember[];
}

export interface ChatStoreOptions {
  readonly scope: ChatScope;
  readonly reader: ChatReader;
  readonly api: ChatApi;
  /** The idempotency id of a new message; the same id goes with every retry of it. */
  readonly newMessageId?: () => string;
}

const errorText = (error: unknown) => (error instanceof Error ? error.message : 'Something went wrong.');

/**
 * A reader's chat of one session, framework-free: loaded over HTTP, kept current by live frames,
 * deduplicated by `seq`. Reads and writes go over HTTP; a socket only ever adds to what is here.
 */
export class ChatStore {
  #state: ChatState = { load: { state: 'loading', error: null }, messages: [], pending: [], unread: {}, online: [] };
  #seqs = new Set<number>();
  #serverUnread: Unread['threads'] = [];
  /** How far this reader has read each thread here; the server's counts may not know it yet. */
  #readUpTo = new Map<string, number>();
  readonly #listeners = new Set<() => void>();

  constructor(private readonly options: ChatStoreOptions) {}

  get api(): ChatApi {
    return this.options.api;
  }

  subscribe = (listener: () => void) => {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  };

  getState = (): ChatState => this.#state;

  /** The newest `seq` held: what a reconnecting socket says it has. */
  get lastSeq(): number {
    return this.#state.messages.at(-1)?.seq ?? 0;
  }

  isOwn(message: ChatMessage): boolean {
    return message.sender.kind === this.options.reader.kind && message.sender.id === this.options.reader.id;
  }

  /** Loads what is missing over HTTP; true once loaded, false on failure (the state says why). */
  async load(): Promise<boolean> {
    this.#update({ load: { state: 'loading', error: null } });
    try {
      const [messages, unread] = await Promise.all([this.options.api.messagesAfter(this.lastSeq), this.options.api.unread()]);
      this.#add(messages);
      this.#setServerUnread(unread.threads);
      this.#update({ load: { state: 'loaded', error: null } });
      return true;
    } catch (error) {
      this.#update({ load: { state: 'failed', error: errorText(error) } });
      return false;
    }
  }

  receive(frame: ServerFrame) {
    if (frame.type === 'chat.message') this.#add([frame.message]);
    else if (frame.type === 'chat.unread') this.#setServerUnread(frame.threads);
    else if (frame.type === 'presence') this.#update({ online: frame.online });
  }

  send(message: OutgoingMessage) {
    const clientMessageId = (this.options.newMessageId ?? (() => crypto.randomUUID()))();
    const pending: PendingMessage = { ...message, clientMessageId, state: 'sending', error: null };
    this.#update({ pending: [...this.#state.pending, pending] });
    void this.#post(pending);
  }

  /** Sends a failed message again with its first id, so a copy that did arrive is not doubled. */
  retry(clientMessageId: string) {
    const pending = this.#state.pending.find((p) => p.clientMessageId === clientMessageId && p.state === 'failed');
    if (!pending) return;
    const again = { ...pending, state: 'sending' as const, error: null };
    this.#replacePending(again);
    void this.#post(again);
  }

  /**
   * Marks read up to the newest message: staff one thread (a participant's private one, or null
   * for the session's conversation), a participant everything they see.
   */
  markRead(participantId: string | null) {
    const staff = this.options.scope.kind === 'staff';
    const thread = threadKey(participantId);
    const seq = (staff ? this.#state.messages.filter((m) => threadKey(m.to) === thread) : this.#state.messages).at(-1)?.seq;
    const threads = staff ? [thread] : this.#threadsOfParticipant();
    if (seq === undefined || threads.every((t) => (this.#readUpTo.get(t) ?? 0) >= seq)) return;
    const before = threads.map((t) => [t, this.#readUpTo.get(t) ?? 0] as const);
    for (const t of threads) this.#readUpTo.set(t, Math.max(seq, this.#readUpTo.get(t) ?? 0));
    this.#recount();
    this.options.api.markRead(seq, staff ? participantId : null).catch(() => {
      // Not recorded: the counts come back, and the next look tries again.
      for (const [t, upTo] of before) if (this.#readUpTo.get(t) === seq) this.#readUpTo.set(t, upTo);
      this.#recount();
    });
  }

  async #post(pending: PendingMessage) {
    try {
      const message = await this.options.api.send({
        body: pending.body,
        ...(pending.to ? { to: pending.to } : {}),
        clientMessageId: pending.clientMessageId,
        attachmentIds: pending.attachments.map((a) => a.id),
      });
      this.#add([message]);
    } catch (error) {
      this.#replacePending({ ...pending, state: 'failed', error: errorText(error) });
    }
  }

  #add(incoming: readonly ChatMessage[]) {
    const fresh = incoming.filter((m) => !this.#seqs.has(m.seq));
    if (fresh.length === 0) return;
    for (const m of fresh) this.#seqs.add(m.seq);
    const messages = [...this.#state.messages, ...fresh].sort((a, b) => a.seq - b.seq);
    // Confirmed, whether by the POST's answer or by the socket first: no longer pending.
    const confirmed = new Set(fresh.filter((m) => this.isOwn(m)).map((m) => m.clientMessageId));
    const pending = this.#state.pending.filter((p) => !confirmed.has(p.clientMessageId));
    this.#update({ messages, pending: pending.length === this.#state.pending.length ? this.#state.pending : pending });
    this.#recount();
  }

  #replacePending(next: PendingMessage) {
    // Only while still pending: a confirmation may have arrived meanwhile.
    if (!this.#state.pending.some((p) => p.clientMessageId === next.clientMessageId)) return;
    this.#update({ pending: this.#state.pending.map((p) => (p.clientMessageId === next.clientMessageId ? next : p)) });
  }

  /** Merged by thread: a frame may carry only the threads that changed. */
  #setServerUnread(threads: Unread['threads']) {
    const changed = new Set(threads.map((t) => t.participantId));
    this.#serverUnread = [...this.#serverUnread.filter((t) => !changed.has(t.participantId)), ...threads];
    // Nothing unread means read up to the thread's last message: no need to tell the server again.
    for (const t of threads) {
      const key = threadKey(t.participantId);
      if (t.unread === 0) this.#readUpTo.set(key, Math.max(t.lastSeq, this.#readUpTo.get(key) ?? 0));
    }
    this.#recount();
  }

  #threadsOfParticipant(): string[] {
    return [threadKey(null), threadKey(this.options.reader.id)];
  }

  /**
   * Per thread: what the server last counted (unless read since), plus the messages from others
   * that arrived after that count and after the reader's own read mark.
   */
  #recount() {
    const counted = new Map(this.#serverUnread.map((t) => [threadKey(t.participantId), t]));
    const unread: Record<string, number> = {};
    for (const [key, t] of counted) unread[key] = t.lastSeq <= (this.#readUpTo.get(key) ?? 0) ? 0 : t.unread;
    for (const m of this.#state.messages) {
      const key = threadKey(m.to);
      const after = Math.max(counted.get(key)?.lastSeq ?? 0, this.#readUpTo.get(key) ?? 0);
      if (m.seq > after && !this.isOwn(m)) unread[key] = (unread[key] ?? 0) + 1;
    }
    this.#update({ unread });
  }

  #update(patch: Partial<ChatState>) {
    this.#state = { ...this.#state, ...patch };
    for (const listener of this.#listeners) listener();
  }
}

/** The messages of one thread: the session's conversation (null) or a participant's private one. */
export const threadMessages = (messages: readonly ChatMessage[], participantId: string | null) =>
  messages.filter((m) => m.to === participantId);

export const totalUnread = (unread: ChatState['unread']) => Object.values(unread).reduce((sum, n) => sum + n, 0);
