import { z } from 'zod';
import { chatMessageSchema, unreadSchema } from './chat';
import { videoClientFrames, videoServerFrames } from './video';

export { CLOSE } from './live-codes';

/** A frame is at most this big; bigger ones close the socket with 1009. */
export const MAX_FRAME_BYTES = 64 * 1024;
/** More frames than this a second from one socket get an error frame; a flood closes it (1008). */
export const MAX_FRAMES_PER_SECOND = 20;

export const presenceMemberSchema = z.object({ kind: z.enum(['staff', 'participant']), id: z.uuid(), name: z.string() });
export type PresenceMember = z.infer<typeof presenceMemberSchema>;

/** What a browser sends on a session's live channel. */
export const clientFrameSchema = z.discriminatedUnion('type', [
  /** First frame, and again after a reconnect: the last chat `seq` this client has. */
  z.object({ type: z.literal('hello'), after: z.number().int().min(0).default(0) }),
  ...videoClientFrames,
]);
export type ClientFrame = z.infer<typeof clientFrameSchema>;

/** What the server pushes on a session's live channel. */
export const serverFrameSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready'), you: presenceMemberSchema }),
  z.object({ type: z.literal('presence'), online: z.array(presenceMemberSchema) }),
  z.object({ type: z.literal('chat.message'), message: chatMessageSchema }),
  z.object({ type: z.literal('chat.unread'), ...unreadSchema.shape }),
  /** The session changed (status, time, participants): reload what shows it. */
  z.object({ type: z.literal('session.changed'), sessionId: z.uuid() }),
  /** Staff only: a reading or image arrived, or the send to the EHR moved on: reload what shows it. */
  z.object({ type: z.literal('medcart.changed'), sessionId: z.uuid(), change: z.enum(['reading', 'image', 'ehr']) }),
  z.object({ type: z.literal('error'), code: z.string(), message: z.string() }),
  ...videoServerFrames,
]);
export type ServerFrame = z.infer<typeof serverFrameSchema>;

/** What the server pushes on a staff member's own channel (`/api/live`), across their sessions. */
export const staffFrameSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready') }),
  z.object({ type: z.literal('unread'), sessionId: z.uuid(), unread: z.number().int() }),
  /** Someone waits to be let into the call of a session this staff member sees. */
  z.object({ type: z.literal('waiting'), sessionId: z.uuid(), waiting: z.number().int() }),
  z.object({ type: z.literal('error'), code: z.string(), message: z.string() }),
]);
export type StaffFrame = z.infer<typeof staffFrameSchema>;
