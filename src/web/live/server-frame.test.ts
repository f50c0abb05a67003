import { describe, expect, it } from 'vitest';
import { serverFrameSchema } from '../../shared/live';
import { attachment, chatMessage, MARTA, SESSION_ID, STAFF, uuid } from '../testing/chat-server';
import { readServerFrame } from './server-frame';

const member = { camera: true, microphone: false, screen: false, clientId: uuid(70), kind: 'staff', id: STAFF.id, name: STAFF.name, host: true };

/** One frame of every type the server sends, as it sends them. */
const VALID = [
  { type: 'ready', you: MARTA },
  { type: 'presence', online: [MARTA, STAFF] },
  { type: 'chat.message', message: chatMessage(3, { attachments: [attachment(1)], to: MARTA.id }) },
  { type: 'chat.unread', threads: [{ participantId: null, unread: 2, lastSeq: 9 }, { participantId: MARTA.id, unread: 0, lastSeq: 4 }] },
  { type: 'session.changed', sessionId: SESSION_ID },
  { type: 'medcart.changed', sessionId: SESSION_ID, change: 'image' },
  { type: 'error', code: 'rate_limited', message: 'Slow down' },
  { type: 'video.roster', you: uuid(70), members: [member] },
  { type: 'video.admission', state: 'admitted' },
  { type: 'video.lobby', waiting: [{ participantId: MARTA.id, name: MARTA.name, since: '2026-03-03T15:00:00Z' }] },
  { type: 'video.signal', from: uuid(70), signal: { description: { type: 'offer', sdp: 'v=0' } } },
  { type: 'video.signal', from: uuid(70), signal: { candidate: { candidate: 'candidate:1', sdpMid: '0', sdpMLineIndex: 0 } } },
  { type: 'video.signal', from: uuid(70), signal: { candidate: null } },
  { type: 'video.ended' },
  { type: 'video.screenshot', label: null },
];

/** Frames the schema refuses: each must be dropped by the guard too. */
const INVALID: unknown[] = [
  null,
  [],
  'ready',
  { type: 'no.such.frame' },
  { type: 'toString' },
  { you: MARTA },
  { type: 'ready', you: { ...MARTA, kind: 'robot' } },
  { type: 'presence', online: MARTA },
  { type: 'chat.message', message: { seq: 9 } },
  { type: 'chat.message', message: chatMessage(0) },
  { type: 'chat.message', message: chatMessage(2.5) },
  { type: 'chat.message', message: chatMessage(3, { attachments: [attachment(1, { contentType: 'application/zip' as never })] }) },
  { type: 'chat.unread', threads: [{ participantId: null, unread: '2', lastSeq: 9 }] },
  { type: 'medcart.changed', sessionId: SESSION_ID, change: 'everything' },
  { type: 'error', code: 'x' },
  { type: 'video.roster', you: uuid(70), members: [{ ...member, host: 'yes' }] },
  { type: 'video.admission', state: 'maybe' },
  { type: 'video.signal', from: uuid(70), signal: { description: { type: 'hello' } } },
  { type: 'video.signal', from: uuid(70), signal: {} },
  { type: 'video.screenshot' },
];

describe('readServerFrame', () => {
  it('covers every frame type of the shared schema', () => {
    const schemaTypes = serverFrameSchema.options.map((option) => option.shape.type.value);
    expect(new Set(VALID.map((frame) => frame.type))).toEqual(new Set(schemaTypes));
  });

  it.each(VALID)('takes a $type frame the schema takes', (frame) => {
    expect(serverFrameSchema.safeParse(frame).success).toBe(true);
    expect(readServerFrame(frame)).toEqual(frame);
  });

  it.each(INVALID)('drops %j, as the schema does', (frame) => {
    expect(serverFrameSchema.safeParse(frame).success).toBe(false);
    expect(readServerFrame(frame)).toBeNull();
  });
});
