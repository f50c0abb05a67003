import { z } from 'zod';
import { ADMISSION_STATES } from './live-codes';

/** A WebRTC mesh holds this many people; a seventh is refused. */
export const MAX_CALL_SIZE = 6;

export const iceConfigSchema = z
  .object({
    iceServers: z.array(z.object({ urls: z.union([z.string(), z.array(z.string())]), username: z.string().optional(), credential: z.string().optional() })),
    /** `relay` when the operator forces TURN (strict networks); else `all`. */
    iceTransportPolicy: z.enum(['all', 'relay']),
    /** TURN credentials expire: ask again after this instant. */
    expiresAt: z.iso.datetime(),
  })
  .meta({ id: 'IceConfig', description: 'STUN/TURN servers for the call, with short-lived TURN credentials' });
export type IceConfig = z.infer<typeof iceConfigSchema>;

/** What a person in the call sends and shows. */
export const mediaStateSchema = z.object({ camera: z.boolean(), microphone: z.boolean(), screen: z.boolean() });
export type MediaState = z.infer<typeof mediaStateSchema>;

/** One person in the call, by the socket they are in it with (a person may open two tabs). */
export const callMemberSchema = mediaStateSchema.extend({
  clientId: z.uuid(),
  kind: z.enum(['staff', 'participant']),
  id: z.uuid(),
  name: z.string(),
  /** The session's host: "End session for all" is theirs. */
  host: z.boolean(),
});
export type CallMember = z.infer<typeof callMemberSchema>;

export const waitingSchema = z.object({ participantId: z.uuid(), name: z.string(), since: z.iso.datetime() });
export type Waiting = z.infer<typeof waitingSchema>;

export { ADMISSION_STATES, type AdmissionState } from './live-codes';

/** An offer/answer or an ICE candidate, relayed as is between two members of the call. */
export const signalSchema = z.union([
  z.object({ description: z.object({ type: z.enum(['offer', 'answer', 'pranswer', 'rollback']), sdp: z.string().max(60_000).optional() }) }),
  z.object({ candidate: z.object({ candidate: z.string().max(2000), sdpMid: z.string().max(100).nullable().optional(), sdpMLineIndex: z.number().int().nullable().optional() }).nullable() }),
]);
export type Signal = z.infer<typeof signalSchema>;

/** Client → server frames of the call, on the session's live channel. */
export const videoClientFrames = [
  /** Staff join at once; a participant waits until admitted. */
  z.object({ type: z.literal('video.join'), media: mediaStateSchema }),
  z.object({ type: z.literal('video.leave') }),
  z.object({ type: z.literal('video.media'), media: mediaStateSchema }),
  z.object({ type: z.literal('video.signal'), to: z.uuid(), signal: signalSchema }),
] as const;

/** Server → client frames of the call. */
export const videoServerFrames = [
  /** To everyone in the call: who is in it (`you` is this socket). Sent to no one outside it. */
  z.object({ type: z.literal('video.roster'), you: z.uuid(), members: z.array(callMemberSchema) }),
  /** To a participant: whether they wait, were let in, turned away or removed. */
  z.object({ type: z.literal('video.admission'), state: z.enum(ADMISSION_STATES) }),
  /** To the session's staff: who waits to be let in. */
  z.object({ type: z.literal('video.lobby'), waiting: z.array(waitingSchema) }),
  z.object({ type: z.literal('video.signal'), from: z.uuid(), signal: signalSchema }),
  /** The host ended the session for all. */
  z.object({ type: z.literal('video.ended') }),
  /** To a participant: staff took a still of their video. */
  z.object({ type: z.literal('video.screenshot'), label: z.string().nullable() }),
] as const;

export const admitSchema = z.object({ participantId: z.uuid({ message: 'Choose who' }).optional() });
export const participantRefSchema = z.object({ participantId: z.uuid({ message: 'Choose who' }) });

/** How long each person was in the call: what a clinic bills telehealth by. */
export const attendanceSchema = z
  .object({
    items: z.array(
      z.object({
        kind: z.enum(['staff', 'participant']),
        id: z.uuid(),
        name: z.string(),
        intervals: z.array(z.object({ from: z.iso.datetime(), to: z.iso.datetime().nullable() })),
        minutes: z.number().int().nonnegative(),
      }),
    ),
  })
  .meta({ id: 'Attendance', description: 'Who was in the call, from when to when, and their total minutes' });
export type Attendance = z.infer<typeof attendanceSchema>;
