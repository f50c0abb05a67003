import { act, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ChatMessage, Unread } from '../../../shared/chat';
import type { PortalView } from '../../../shared/portal';
import { attachment, chatMessage, fakeChatServer, JAVIER, MARTA, STAFF } from '../../testing/chat-server';
import { FakeWebSocket } from '../../testing/fake-websocket';
import { FakeXhr } from '../../testing/fake-xhr';
import { stubEverythingInView } from '../../testing/in-view';
import { setup } from '../../testing/render';
import { useSessionLive } from '../../live/useSessionLive';
import { ChatSection } from './ChatSection';

const view: PortalView = {
  session: {
    id: 's1',
    start: '2026-03-03T15:00:00Z',
    end: '2026-03-03T15:30:00Z',
    status: 'in_progress',
    service: { name: 'Physiotherapy follow-up', durationMinutes: 30 },
    sessionType: { name: 'Video consultation', modality: 'video' },
    host: { name: STAFF.name, timeZone: 'Europe/Madrid' },
    organization: { name: 'Clínica Sol', logo: null },
    startedAt: null,
    endedAt: null,
    joinWindow: { opensAt: '2026-03-03T14:45:00Z', closesAt: '2026-03-03T15:30:00Z' },
  },
  participant: { id: MARTA.id, name: MARTA.name, timeZone: 'Europe/Madrid' },
};

/** As the portal page holds it: one live channel whose chat the section shows. */
function SectionOfPage() {
  const { chat } = useSessionLive({ kind: 'participant' }, { kind: 'participant', id: MARTA.id });
  return <ChatSection view={view} chat={chat} />;
}

async function openChat({ messages = [] as ChatMessage[], unread = [] as Unread['threads'] } = {}) {
  const server = fakeChatServer({ base: '/api/portal', sender: MARTA, messages, unread });
  const socketsBefore = FakeWebSocket.all.length;
  const result = setup(<SectionOfPage />, { route: '/portal' });
  await waitFor(() => expect(FakeWebSocket.all).toHaveLength(socketsBefore + 1));
  act(() => FakeWebSocket.latest.open());
  return { ...result, server };
}

const section = () => within(screen.getByRole('region', { name: 'Chat' }));
const log = () => within(section().getByRole('log', { name: 'Messages' }));
const messageField = () => section().getByRole('textbox', { name: 'Message' }) as HTMLTextAreaElement;
const privately = () => section().getByRole('switch', { name: 'Send privately to the clinic' }) as HTMLInputElement;

beforeEach(() => {
  FakeWebSocket.install();
  FakeXhr.install();
  stubEverythingInView();
});
afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
  sessionStorage.clear();
});

describe('ChatSection', () => {
  it('shows the conversation and the private thread in one timeline, in the participant’s zone, private ones marked', async () => {
    const { server } = await openChat({
      messages: [
        chatMessage(1, { sender: JAVIER, body: 'I will join from work' }),
        chatMessage(2, { sender: STAFF, body: 'Welcome, both of you' }),
        chatMessage(3, { sender: STAFF, to: MARTA.id, body: 'Your results look good' }),
        chatMessage(4, { sender: MARTA, to: MARTA.id, body: 'Thank you' }),
      ],
      unread: [
        { participantId: null, unread: 1, lastSeq: 2 },
        { participantId: MARTA.id, unread: 1, lastSeq: 3 },
      ],
    });
    // 15:31Z is 4:31 PM in Madrid (GMT+1).
    expect(log().getAllByRole('listitem').map((i) => i.textContent)).toEqual([
      'Tuesday, March 3, 2026',
      'Javier García4:31 PM Madrid (GMT+1)I will join from work',
      'Dr. Lucía NúñezClinic4:32 PM Madrid (GMT+1)Welcome, both of you',
      'Dr. Lucía NúñezClinic4:33 PM Madrid (GMT+1)Private — only you and the clinicYour results look good',
      'You4:34 PM Madrid (GMT+1)Private — only you and the clinicThank youSent',
    ]);
    // Seen at once here: everything up to the last message is read in one go.
    await waitFor(() => expect(server.reads()).toEqual([{ seq: 4 }]));
    expect(section().queryByText('unread', { exact: false })).toBeNull();
  });

  it('counts unread on the section header until the end of the chat is seen', async () => {
    vi.stubGlobal(
      'IntersectionObserver',
      class {
        observe() {}
        disconnect() {}
      },
    );
    const { server } = await openChat({
      messages: [chatMessage(1, { sender: STAFF }), chatMessage(2, { sender: STAFF, to: MARTA.id })],
      unread: [
        { participantId: null, unread: 1, lastSeq: 1 },
        { participantId: MARTA.id, unread: 1, lastSeq: 2 },
      ],
    });
    expect(section().getByText('2').textContent).toBe('2 unread');
    act(() => FakeWebSocket.latest.receive({ type: 'chat.unread', threads: [{ participantId: null, unread: 2, lastSeq: 5 }] }));
    expect(section().getByText('3').textContent).toBe('3 unread');
    expect(server.reads()).toEqual([]);
  });

  it('sends to everyone by default, and privately to the clinic (to: own id) with the switch on, kept for the tab', async () => {
    const { user, server, unmount } = await openChat();
    expect(privately().checked).toBe(false);
    expect(section().getByText('Everyone in this session will see your message.')).toBeTruthy();
    await user.type(messageField(), 'Hello everyone{Enter}');
    await waitFor(() => expect(server.sent()).toHaveLength(1));
    expect(server.sent()[0]).not.toHaveProperty('to');

    await user.click(privately());
    expect(section().getByText('Only the clinic staff will see your message.')).toBeTruthy();
    await user.type(messageField(), 'A private question{Enter}');
    await waitFor(() => expect(server.sent()).toHaveLength(2));
    expect(server.sent()[1]).toMatchObject({ body: 'A private question', to: MARTA.id });
    expect(await log().findByText('A private question')).toBeTruthy();
    const own = log().getAllByRole('listitem').at(-1)!;
    expect(within(own).getByText('Private — only you and the clinic')).toBeTruthy();

    unmount();
    await openChat();
    expect(privately().checked).toBe(true);
  });

  it('shows received images as thumbnails opening full size, other files as downloads', async () => {
    const photo = attachment(1, { name: 'knee.jpg', contentType: 'image/jpeg' });
    const letter = attachment(2, { name: 'referral.pdf', size: 3 * 1024 * 1024 });
    await openChat();
    act(() =>
      FakeWebSocket.latest.receive({ type: 'chat.message', message: chatMessage(1, { sender: STAFF, body: 'Two files', attachments: [photo, letter] }) }),
    );
    const thumbnail = log().getByRole('img', { name: 'knee.jpg' });
    expect(thumbnail.getAttribute('src')).toBe(`/api/portal/attachments/${photo.id}?inline=1`);
    expect(log().getByRole('link', { name: 'knee.jpg, open full size' }).getAttribute('href')).toBe(`/api/portal/attachments/${photo.id}?inline=1`);
    const download = log().getByRole('link', { name: 'referral.pdf' });
    expect(download.getAttribute('href')).toBe(`/api/portal/attachments/${letter.id}`);
    expect(download.hasAttribute('download')).toBe(true);
    expect(log().getByText('3.0 MB')).toBeTruthy();
  });

  it('uploads each chosen file at once with its progress, refuses what the server refuses, and sends the uploaded ones', async () => {
    const { user, server, container } = await openChat();
    const input = container.ownerDocument.querySelector('input[type="file"]') as HTMLInputElement;
    // Named like a photo, but the server reads the bytes.
    await user.upload(input, [new File(['%PDF-1.7'], 'scan.pdf', { type: 'application/pdf' }), new File(['MZ'], 'photo.png', { type: 'image/png' })]);
    expect(FakeXhr.all.map((x) => [x.method, x.url, x.file.name])).toEqual([
      ['POST', '/api/portal/attachments', 'scan.pdf'],
      ['POST', '/api/portal/attachments', 'photo.png'],
    ]);
    act(() => FakeXhr.all[0]!.progress(40, 100));
    expect(section().getByRole('progressbar', { name: 'Uploading scan.pdf' }).getAttribute('aria-valuenow')).toBe('40');

    await user.type(messageField(), 'My scan{Enter}');
    expect(section().getByText('Wait until the files are uploaded.')).toBeTruthy();
    const uploaded = attachment(7, { name: 'scan.pdf' });
    await act(async () => FakeXhr.all[0]!.respond(201, uploaded));
    await act(async () => FakeXhr.all[1]!.respond(415, { type: 'x', title: 'x', status: 415, code: 'unsupported_media_type', detail: 'x' }));
    expect(section().getByText('This kind of file can’t be sent: use PDF, PNG, JPEG, HEIC or plain text.')).toBeTruthy();
    await user.keyboard('{Enter}');
    expect(section().getByText('Remove the files that could not be uploaded.')).toBeTruthy();
    expect(server.sent()).toEqual([]);

    await user.click(section().getByRole('button', { name: 'Remove photo.png' }));
    await user.click(section().getByRole('button', { name: 'Send' }));
    await waitFor(() => expect(server.sent()).toMatchObject([{ body: 'My scan', attachmentIds: [uploaded.id] }]));
    expect(section().queryByRole('list', { name: 'Attached files' })).toBeNull();
  });

  it('refuses a file over 10 MB without uploading it, and attaches at most 5', async () => {
    const { user, container } = await openChat();
    const input = container.ownerDocument.querySelector('input[type="file"]') as HTMLInputElement;
    const big = new File(['x'], 'x-ray.png', { type: 'image/png' });
    Object.defineProperty(big, 'size', { value: 10 * 1024 * 1024 + 1 });
    await user.upload(input, [big, ...[1, 2, 3, 4, 5].map((n) => new File(['x'], `page-${n}.txt`, { type: 'text/plain' }))]);
    expect(section().getByText('Larger than 10 MB: send a smaller file.')).toBeTruthy();
    expect(section().getByText('Attach at most 5 files to a message.')).toBeTruthy();
    expect(FakeXhr.all.map((x) => x.file.name)).toEqual(['page-1.txt', 'page-2.txt', 'page-3.txt', 'page-4.txt']);
  });
});
