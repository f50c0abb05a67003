import type { LiveEvent } from '../../db/notify';
import type { ClientFrame, PresenceMember, ServerFrame, StaffFrame } from '../../../shared/live';
import type { Actor, PortalVisitor } from '../auth';

export type LiveMember = PresenceMember;

/** Who holds a socket, and how to check that they still may. */
export type LiveIdentity =
  | { kind: 'staff'; actor: Actor; signInToken: string }
  | { kind: 'participant'; visitor: PortalVisitor; name: string; portalToken: string };

/** One open session page: a socket on `/api/sessions/:id/live` or `/api/portal/live`. */
export interface SessionClient {
  readonly id: string;
  readonly sessionId: string;
  readonly organizationId: string;
  readonly member: LiveMember;
  identity: LiveIdentity;
  /** Each feature's own state for this client (e.g. the chat's last seq), by feature name. */
  readonly state: Map<string, unknown>;
  send(frame: ServerFrame): void;
  close(code: number, reason: string): void;
}

/** A staff member's own channel (`/api/live`): what concerns them across their sessions. */
export interface StaffClient {
  readonly id: string;
  identity: Extract<LiveIdentity, { kind: 'staff' }>;
  send(frame: StaffFrame): void;
  close(code: number, reason: string): void;
}

/**
 * What rides on the live channel (chat now; video signalling and live readings next). The hub
 * owns sockets, access and presence; a feature says what to send.
 */
export interface LiveFeature {
  readonly name: string;
  /** The client said hello (first, or after a reconnect) with what it already has. */
  hello?(client: SessionClient, frame: Extract<ClientFrame, { type: 'hello' }>): Promise<void>;
  /** A frame of this feature's (its `type` starts with `<name>.`) from one of this instance's clients. */
  frame?(client: SessionClient, frame: ClientFrame): Promise<void>;
  /** The client's socket closed (it is no longer listed for its session). */
  closed?(client: SessionClient): Promise<void>;
  /** A live event from any instance, with this instance's clients of its session (if any). */
  event?(event: LiveEvent, clients: SessionClient[], staff: StaffClient[]): Promise<void>;
  /** This instance's LISTEN connection came back: events may have been lost meanwhile. */
  reconnected?(clients: SessionClient[]): Promise<void>;
}
