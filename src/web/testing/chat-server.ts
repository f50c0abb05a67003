import { vi } from 'vitest';
import type { ChatAttachment, ChatMessage, ChatSender, Unread } from '../../shared/chat';

/** A valid UUID (version 4, RFC variant) numbered `n`, as the frame schemas demand. */
export const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

export const SESSION_ID = uuid(900);
export const STAFF: ChatSender = { kind: 'staff', id: uuid(1), name: 'Dr. Lucía Núñez' };
export const MARTA: ChatSender = { kind: 'participant', id: uuid(11), name: 'Marta García' };
export const JAVIER: ChatSender = { kind: 'participant', id: uuid(12), name: 'Javier García' };

// 15:32Z on March 3, 2026 is 10:32 AM EST in New York and 4:32 PM in Madrid (GMT+1).
export function chatMessage(seq: number, overrides: Partial<ChatMessage> = {}): ChatMessage {
  return {
    id: uuid(1000 + seq),
    seq,
    body: `Message ${seq}`,
    sender: MARTA,
    to: null,
    attachments: [],
    clientMessageId: `client-message-${seq}`,
    createdAt: new Date(Date.UTC(2026, 2, 3, 15, 30 + seq)).toISOString(),
    ...overrides,
  };
}

export const attachment = (n: number, overrides: Partial<ChatAttachment> = {}): ChatAttachment => ({
  id: uuid(5000 + n),
  name: `scan-${n}.pdf`,
  contentType: 'application/pdf',
  size: 2048,
  ...overrides,
});

export const problem = (status: number, code: string, detail = 'x') =>
  new Response(JSON.stringify({ type: `urn:carebeam:problem:${code}`, title: 'x', status, code, detail }), {
    status,
    headers: { 'content-type': 'application/problem+json' },
  });

export interface ChatServerOptions {
  /** `/api/sessions/<id>` for staff, `/api/portal` for a participant. */
  readonly base: string;
  readonly messages?: ChatMessage[];
  readonly unread?: Unread['threads'];
  /** Who the POSTed messages come from. */
  readonly sender: ChatSender;
  /** Smaller than the client's limit, to make it page. */
  readonly pageSize?: number;
  /** Answers any other request (the page's own queries). */
  readonly other?: (url: URL, init: RequestInit | undefined) => Response | Promise<Response>;
}

/**
 * The chat API behind a mocked fetch: pages messages by `after`, answers unread, stores POSTed
 * messages (the same `clientMessageId` twice gives back the first), records every POST.
 * `failNextSends(n)` makes the next n sends fail at the network.
 */
export function fakeChatServer({ base, messages = [], unread = [], sender, pageSize = 200, other }: ChatServerOptions) {
  const posts: { path: string; body: unknown }[] = [];
  const stored = [...messages];
  let failingSends = 0;
  const fetchSpy = vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
    const url = new URL(String(input), 'http://carebeam.test');
    const method = init?.method ?? 'GET';
    if (method === 'POST' && url.pathname.startsWith(base)) {
      const body = JSON.parse(String(init?.body)) as Record<string, unknown>;
      posts.push({ path: url.pathname, body });
      if (url.pathname === `${base}/messages/read`) return new Response(null, { status: 204 });
      if (url.pathname !== `${base}/messages`) return problem(404, 'not_found');
      if (failingSends > 0) {
        failingSends--;
        throw new TypeError('Failed to fetch');
      }
      const again = stored.find((m) => m.clientMessageId === body.clientMessageId);
      if (again) return Response.json(again, { status: 200 });
      const created = chatMessage((stored.at(-1)?.seq ?? 0) + 1, {
        body: String(body.body),
        sender,
        to: (body.to as string | undefined) ?? null,
        clientMessageId: String(body.clientMessageId),
      });
      stored.push(created);
      return Response.json(created, { status: 201 });
    }
    if (url.pathname === `${base}/messages`) {
      const after = Number(url.searchParams.get('after'));
      const rest = stored.filter((m) => m.seq > after);
      const items = rest.slice(0, Math.min(pageSize, Number(url.searchParams.get('limit'))));
      return Response.json({ items, nextAfter: rest.length > items.length ? items.at(-1)!.seq : null });
    }
    if (url.pathname === `${base}/messages/unread`) return Response.json({ threads: unread });
    return other ? other(url, init) : problem(404, 'not_found');
  });
  return {
    fetchSpy,
    posts,
    stored,
    failNextSends: (n: number) => void (failingSends = n),
    sent: () => posts.filter((p) => p.path === `${base}/messages`).map((p) => p.body as Record<string, unknown>),
    reads: () => posts.filter((p) => p.path === `${base}/messages/read`).map((p) => p.body),
    pagesAsked: () => fetchSpy.mock.calls.map(([u]) => String(u)).filter((u) => u.startsWith(`${base}/messages?`)),
  };
}
