import { act, screen, waitFor, within } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ChatMessage, Unread } from '../../../shared/chat';
import { CLOSE } from '../../../shared/live';
import type { SessionDetails } from '../../../shared/sessions';
import type { Me } from '../../../shared/users';
import { useMe } from '../../auth/sign-in';
import { useSessionLive } from '../../live/useSessionLive';
import { chatMessage, fakeChatServer, JAVIER, MARTA, SESSION_ID, STAFF } from '../../testing/chat-server';
import { FakeWebSocket } from '../../testing/fake-websocket';
import { stubEverythingInView } from '../../testing/in-view';
import { setup } from '../../testing/render';
import { ChatPanel } from './ChatPanel';

const BASE = `/api/sessions/${SESSION_ID}`;

// The viewer reads times in New York: 15:31Z is 10:31 AM EST.
const me: Me = {
  id: STAFF.id,
  name: STAFF.name,
  email: 'lucia@clinic.test',
  roles: ['provider'],
  timeZone: 'America/New_York',
  organization: { id: 'o1', name: 'Clínica Sol', timeZone: 'Europe/Madrid' },
  signInIdleMinutes: 30,
};

const participantRow = (p: typeof MARTA): SessionDetails['participants'][number] => ({
  id: p.id,
  name: p.name,
  timeZone: 'Europe/Madrid',
  invitationType: 'email',
  email: null,
  phone: null,
  delivery: 'opened',
});

const session = { id: SESSION_ID, participants: [participantRow(MARTA), participantRow(JAVIER)] } as SessionDetails;

function SignedIn({ children }: { readonly children: ReactNode }) {
  return useMe().data ? children : null;
}

/** As the session page holds it: one live channel whose chat the panel shows. */
function PanelOfPage() {
  const { chat } = useSessionLive({ kind: 'staff', sessionId: SESSION_ID }, { kind: 'staff', id: STAFF.id });
  return <ChatPanel session={session} chat={chat} />;
}

async function openPanel({ messages = [] as ChatMessage[], unread = [] as Unread['threads'] } = {}) {
  const server = fakeChatServer({ base: BASE, sender: STAFF, messages, unread, other: (url) => (url.pathname === '/api/me' ? Response.json(me) : Response.json({})) });
  const socketsBefore = FakeWebSocket.all.length;
  const result = setup(
    <SignedIn>
      <PanelOfPage />
    </SignedIn>,
  );
  // Connected once the history is loaded.
  await waitFor(() => expect(FakeWebSocket.all).toHaveLength(socketsBefore + 1));
  act(() => FakeWebSocket.latest.open());
  return { ...result, server };
}

const openButton = () => screen.getByRole('button', { name: /^Chat/ });
const panel = () => within(screen.getByRole('dialog', { name: 'Chat' }));
const messageField = () => panel().getByRole('textbox', { name: 'Message' }) as HTMLTextAreaElement;
const log = () => panel().getByRole('log', { name: 'Messages' });

beforeEach(() => {
  FakeWebSocket.install();
  stubEverythingInView();
});
afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
  sessionStorage.clear();
});

describe('ChatPanel', () => {
  it('opens from Chat with its unread count, focuses the message field and shows the conversation in the viewer’s zone', async () => {
    const { user, server } = await openPanel({
      messages: [chatMessage(1, { body: 'Good morning' }), chatMessage(2, { to: MARTA.id }), chatMessage(3, { sender: STAFF, body: 'Hello all' })],
      unread: [
        { participantId: null, unread: 1, lastSeq: 3 },
        { participantId: MARTA.id, unread: 1, lastSeq: 2 },
      ],
    });
    await waitFor(() => expect(openButton().textContent).toBe('Chat2 unread'));
    await user.click(openButton());

    await waitFor(() => expect(document.activeElement).toBe(messageField()));
    expect(panel().getByRole('tab', { name: 'Chat' })).toBeTruthy();
    expect(panel().getByRole('tab', { name: 'Participants 1 unread' })).toBeTruthy();
    expect(log().getAttribute('aria-live')).toBe('polite');
    const items = within(log()).getAllByRole('listitem');
    expect(items.map((i) => i.textContent)).toEqual([
      'Tuesday, March 3, 2026',
      'Marta García10:31 AM ESTGood morning',
      'You10:33 AM ESTHello allSent',
    ]);
    // Seen: read up to the conversation's last message, which clears its count.
    await waitFor(() => expect(server.reads()).toEqual([{ seq: 3 }]));
    expect(panel().getByRole('tab', { name: 'Chat' })).toBeTruthy();
    expect(openButton().textContent).toBe('Chat1 unread');
  });

  it('lists participants with who is online, and opens a private thread that says who sees it', async () => {
    const { user, server } = await openPanel({
      messages: [chatMessage(1, { body: 'For everyone' }), chatMessage(2, { body: 'Only for the clinic', to: MARTA.id })],
      unread: [{ participantId: MARTA.id, unread: 1, lastSeq: 2 }],
    });
    act(() => FakeWebSocket.latest.receive({ type: 'presence', online: [MARTA, STAFF] }));
    await user.click(openButton());
    await user.click(panel().getByRole('tab', { name: /^Participants/ }));

    expect(panel().getByRole('button', { name: 'Marta García online 1 unread' })).toBeTruthy();
    await user.click(panel().getByRole('button', { name: 'Javier García offline' }));
    expect(panel().getByText('Private: only Javier García and the clinic staff see this')).toBeTruthy();
    expect(panel().getByText('No private messages with Javier García yet.')).toBeTruthy();
    await user.click(panel().getByRole('button', { name: 'Back to participants' }));

    await user.click(panel().getByRole('button', { name: /^Marta García/ }));
    expect(panel().getByText('Private: only Marta García and the clinic staff see this')).toBeTruthy();
    expect(within(log()).getByText('Only for the clinic')).toBeTruthy();
    expect(within(log()).queryByText('For everyone')).toBeNull();
    await waitFor(() => expect(server.reads()).toContainEqual({ seq: 2, participantId: MARTA.id }));

    await user.type(messageField(), 'Your results are in{Enter}');
    await waitFor(() => expect(server.sent()).toMatchObject([{ body: 'Your results are in', to: MARTA.id, attachmentIds: [] }]));
    expect(await within(log()).findByText('Your results are in')).toBeTruthy();
  });

  it('sends on Enter, starts a new line on Shift+Enter, and asks for text before sending nothing', async () => {
    const { user, server } = await openPanel();
    await user.click(openButton());
    await user.type(messageField(), '{Enter}');
    expect(panel().getByText('Write a message')).toBeTruthy();

    await user.type(messageField(), 'Line one{Shift>}{Enter}{/Shift}Line two');
    expect(messageField().value).toBe('Line one\nLine two');
    expect(server.sent()).toEqual([]);
    await user.keyboard('{Enter}');
    await waitFor(() => expect(server.sent()).toMatchObject([{ body: 'Line one\nLine two' }]));
    expect(messageField().value).toBe('');
    expect(server.sent()[0]).not.toHaveProperty('to');
  });

  it('keeps what was typed in each thread when the panel is closed and reopened, and across a reload', async () => {
    const { user, unmount } = await openPanel();
    await user.click(openButton());
    await user.type(messageField(), 'Half a thought');
    await user.click(panel().getByRole('tab', { name: /^Participants/ }));
    await user.click(panel().getByRole('button', { name: /^Marta García/ }));
    await user.type(messageField(), 'Just for Marta');
    await user.click(panel().getByRole('button', { name: 'Close chat' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());

    await user.click(openButton());
    expect(messageField().value).toBe('Just for Marta');
    await user.click(panel().getByRole('tab', { name: 'Chat' }));
    expect(messageField().value).toBe('Half a thought');
    await user.click(panel().getByRole('button', { name: 'Close chat' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());

    // A reload: nothing in memory, the tab's storage still there.
    unmount();
    const again = await openPanel();
    await again.user.click(openButton());
    expect(messageField().value).toBe('Half a thought');
  });

  it('shows a failed send with Retry, and the retry reuses the message’s id', async () => {
    const { user, server } = await openPanel();
    server.failNextSends(1);
    await user.click(openButton());
    await user.type(messageField(), 'See you at ten{Enter}');
    const item = await within(log()).findByText(/^Not sent\./);
    expect(item.textContent).toContain('could not be reached');
    await user.click(within(log()).getByRole('button', { name: 'Retry' }));
    expect(await within(log()).findByText('Sent')).toBeTruthy();
    expect(within(log()).queryByText(/^Not sent/)).toBeNull();
    const [first, second] = server.sent();
    expect(second!.clientMessageId).toBe(first!.clientMessageId);
    expect(String(first!.clientMessageId).length).toBeGreaterThanOrEqual(8);
  });

  it('adds pushed messages, says calmly when reconnecting, and closes the composer when access ended', async () => {
    const { user } = await openPanel({ messages: [chatMessage(1)] });
    await user.click(openButton());
    act(() => FakeWebSocket.latest.receive({ type: 'chat.message', message: chatMessage(2, { sender: JAVIER, body: 'Running late' }) }));
    expect(within(log()).getByText('Running late')).toBeTruthy();

    act(() => FakeWebSocket.latest.serverClose(1006));
    expect(await panel().findByText(/^Reconnecting…/)).toBeTruthy();
    await waitFor(() => expect(FakeWebSocket.all).toHaveLength(2));
    act(() => FakeWebSocket.latest.open());
    expect(FakeWebSocket.latest.sent).toEqual([{ type: 'hello', after: 2 }]);
    await waitFor(() => expect(panel().queryByText(/^Reconnecting…/)).toBeNull());

    act(() => FakeWebSocket.latest.serverClose(CLOSE.accessEnded));
    expect(await panel().findByText('This chat has ended for you')).toBeTruthy();
    expect(panel().queryByRole('textbox', { name: 'Message' })).toBeNull();
    expect(within(log()).getByText('Running late')).toBeTruthy();
  });
});
