import { ATTACHMENT_TYPES } from '../../shared/chat-rules';
import type { ServerFrame } from '../../shared/live';
import { ADMISSION_STATES } from '../../shared/live-codes';

// The session channel's frames checked by hand, not with the shared zod schema
// (`serverFrameSchema`): zod was a tenth of the participant's page's first download. Ids are
// checked as strings, not as UUIDs; server-frame.test.ts holds this to the schema's verdicts.

type Check = (value: unknown) => boolean;

const string: Check = (value) => typeof value === 'string';
const integer: Check = (value) => Number.isInteger(value);
const boolean: Check = (value) => typeof value === 'boolean';
const oneOf = (values: readonly unknown[]): Check => (value) => values.includes(value);
const nullable = (check: Check): Check => (value) => value === null || check(value);
const optional = (check: Check): Check => (value) => value === undefined || check(value);
const list = (check: Check): Check => (value) => Array.isArray(value) && value.every(check);
const record = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const shape = (fields: Record<string, Check>): Check => (value) => record(value) && Object.entries(fields).every(([key, check]) => check(value[key]));

const person = shape({ kind: oneOf(['staff', 'participant']), id: string, name: string });
const message = shape({
  id: string,
  seq: (value) => integer(value) && (value as number) > 0,
  body: string,
  sender: person,
  to: nullable(string),
  attachments: list(shape({ id: string, name: string, contentType: oneOf(ATTACHMENT_TYPES), size: integer })),
  clientMessageId: string,
  createdAt: string,
});
const callMember = shape({ camera: boolean, microphone: boolean, screen: boolean, clientId: string, kind: oneOf(['staff', 'participant']), id: string, name: string, host: boolean });
const candidate = shape({ candidate: string, sdpMid: optional(nullable(string)), sdpMLineIndex: optional(nullable(integer)) });
const signal: Check = (value) =>
  shape({ description: shape({ type: oneOf(['offer', 'answer', 'pranswer', 'rollback']), sdp: optional(string) }) })(value) ||
  shape({ candidate: nullable(candidate) })(value);

/** The fields of each frame type, as `serverFrameSchema` in src/shared/live.ts has them. */
const FRAMES: Record<ServerFrame['type'], Check> = {
  ready: shape({ you: person }),
  presence: shape({ online: list(person) }),
  'chat.message': shape({ message }),
  'chat.unread': shape({ threads: list(shape({ participantId: nullable(string), unread: integer, lastSeq: integer })) }),
  'session.changed': shape({ sessionId: string }),
  'medcart.changed': shape({ sessionId: string, change: oneOf(['reading', 'image', 'ehr']) }),
  error: shape({ code: string, message: string }),
  'video.roster': shape({ you: string, members: list(callMember) }),
  'video.admission': shape({ state: oneOf(ADMISSION_STATES) }),
  'video.lobby': shape({ waiting: list(shape({ participantId: string, name: string, since: string })) }),
  'video.signal': shape({ from: string, signal }),
  'video.ended': () => true,
  'video.screenshot': shape({ label: nullable(string) }),
};

/** A frame of a session's live channel (parsed JSON), or null when it is not one. */
export function readServerFrame(value: unknown): ServerFrame | null {
  if (!record(value) || typeof value.type !== 'string' || !Object.hasOwn(FRAMES, value.type)) return null;
  return FRAMES[value.type as ServerFrame['type']](value) ? (value as ServerFrame) : null;
}
