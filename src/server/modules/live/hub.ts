import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { WebSocket } from 'ws';
import { CLOSE, type ServerFrame, type StaffFrame } from '../../../shared/live';
import type { Clock } from '../../clock';
import type { DatabaseHandle } from '../../db/connect';
import type { Listening } from '../../db/listen';
import { LIVE_CHANNEL, type LiveEvent, notify, parseLiveEvent } from '../../db/notify';
import type { Database } from '../../db/schema';
import { requireParticipantAccess, requireSessionAccess } from '../access';
import type { Actor, PortalVisitor } from '../auth';
import * as presence from './presence-repo';
import { readFrames, sendJson } from './socket';
import type { LiveFeature, LiveIdentity, LiveMember, SessionClient, StaffClient } from './types';

const SECOND = 1000;
/** Pings find dead sockets; a socket that missed one pong is gone. */
const PING_EVERY = 30 * SECOND;
/** Presence rows are refreshed this often and count as gone after PRESENCE_STALE_MS. */
const HEARTBEAT_EVERY = 20 * SECOND;
export const PRESENCE_STALE_MS = 60 * SECOND;
/** Sign-ins end by idling too: open channels check theirs this often. */
const RECHECK_EVERY = 60 * SECOND;

export interface LiveHubDeps {
  database: DatabaseHandle;
  clock: Clock;
  features: LiveFeature[];
  /** The staff member behind a sign-in token, without counting the check as activity. */
  authenticate(token: string): Promise<Actor | null>;
  /** The participant behind a portal token. */
  visitor(token: string): Promise<PortalVisitor | null>;
  onError(error: unknown, context: string): void;
}

/**
 * This instance's live sockets. Events come from every instance through LISTEN/NOTIFY and are
 * handled one at a time per session (so a session's frames keep their order), then handed to the
 * features; access is checked again whenever a session or a staff member changes.
 */
export function createLiveHub(deps: LiveHubDeps) {
  const db: Kysely<Database> = deps.database.db;
  const instanceId = randomUUID();
  const bySession = new Map<string, Set<SessionClient & { socket: WebSocket }>>();
  const staffByUser = new Map<string, Set<StaffClient & { socket: WebSocket }>>();
  const queues = new Map<string, Promise<void>>();
  const alive = new WeakMap<WebSocket, boolean>();
  let listening: Listening | null = null;
  let closing = false;
  const timers: NodeJS.Timeout[] = [];

  const sessionClients = (sessionId: string) => [...(bySession.get(sessionId) ?? [])];
  const allSessionClients = () => [...bySession.values()].flatMap((set) => [...set]);
  const allStaffClients = () => [...staffByUser.values()].flatMap((set) => [...set]);
  const now = () => deps.clock.now();

  function watch(socket: WebSocket) {
    alive.set(socket, true);
    socket.on('pong', () => alive.set(socket, true));
  }

  /** Runs `work` after the previous work of the same session: frames of a session stay in order. */
  function enqueue(key: string, work: () => Promise<void>): Promise<void> {
    const next = (queues.get(key) ?? Promise.resolve()).then(work).catch((error: unknown) => deps.onError(error, 'live event'));
    queues.set(key, next);
    void next.finally(() => queues.get(key) === next && queues.delete(key));
    return next;
  }

  async function presenceFrame(sessionId: string) {
    const online = await presence.connectedMembers(db, sessionId, new Date(now().getTime() - PRESENCE_STALE_MS));
    // Participants see the clinic's staff and themselves, not who else of the patients is here.
    return (client: SessionClient): ServerFrame => ({
      type: 'presence',
      online: client.member.kind === 'staff' ? online : online.filter((m) => m.kind === 'staff' || m.id === client.member.id),
    });
  }

  async function sendPresence(sessionId: string, clients = sessionClients(sessionId)) {
    if (clients.length === 0) return;
    const frameFor = await presenceFrame(sessionId);
    for (const client of clients) client.send(frameFor(client));
  }

  /** Whether the holder of a socket still may use it; refreshes the staff member's roles. */
  async function stillAllowed(identity: LiveIdentity, sessionId: string | null): Promise<boolean> {
    try {
      if (identity.kind === 'staff') {
        const actor = await deps.authenticate(identity.signInToken);
        if (!actor) return false;
        identity.actor = actor;
        if (sessionId) await requireSessionAccess(db, actor, sessionId, 'read');
        return true;
      }
      const visitor = await deps.visitor(identity.portalToken);
      if (!visitor) return false;
      await requireParticipantAccess(db, visitor, 'take_part');
      return true;
    } catch {
      return false;
    }
  }

  async function recheck(clients: { identity: LiveIdentity; sessionId?: string; close(code: number, reason: string): void }[]) {
    for (const client of clients) {
      if (!(await stillAllowed(client.identity, client.sessionId ?? null))) client.close(CLOSE.accessEnded, 'Access ended');
    }
  }

  async function dispatch(event: LiveEvent) {
    const sessionId = 'sessionId' in event ? event.sessionId : null;
    const clients = sessionId ? sessionClients(sessionId) : [];
    if (event.kind === 'presence') return sendPresence(event.sessionId, clients);
    if (event.kind === 'session') {
      await recheck(clients);
      for (const client of sessionClients(event.sessionId)) client.send({ type: 'session.changed', sessionId: event.sessionId });
    }
    if (event.kind === 'user') {
      await recheck([...allSessionClients(), ...allStaffClients()].filter((c) => c.identity.kind === 'staff' && c.identity.actor.id === event.userId));
    }
    const stillOpen = sessionId ? sessionClients(sessionId) : [];
    for (const feature of deps.features) await feature.event?.(event, stillOpen, allStaffClients());
  }

  function receive(payload: string) {
    const event = parseLiveEvent(payload);
    if (event) void enqueue('sessionId' in event ? event.sessionId : `user:${event.userId}`, () => dispatch(event));
  }

  async function heartbeat() {
    await presence.touchConnections(db, instanceId, now());
    const gone = await presence.sweepConnections(db, new Date(now().getTime() - PRESENCE_STALE_MS));
    for (const sessionId of gone) await notify(db, { kind: 'presence', sessionId });
  }

  function every(ms: number, work: () => Promise<void> | void, context: string) {
    const timer = setInterval(() => {
      Promise.resolve()
        .then(work)
        .catch((error: unknown) => deps.onError(error, context));
    }, ms);
    timer.unref();
    timers.push(timer);
  }

  return {
    instanceId,

    /** Whether events from other instances reach this one (the LISTEN connection is up). */
    listening: (): boolean => !closing && listening !== null && listening.isUp(),

    /** Open sockets on this instance (session pages and staff channels). */
    connections: (): number => allSessionClients().length + allStaffClients().length,

    async start(): Promise<void> {
      listening = await deps.database.listen(LIVE_CHANNEL, {
        notification: receive,
        reconnected: () => {
          const clients = allSessionClients();
          for (const feature of deps.features) void feature.reconnected?.(clients).catch((error: unknown) => deps.onError(error, 'live catch-up'));
          for (const sessionId of bySession.keys()) void enqueue(sessionId, () => sendPresence(sessionId));
        },
        error: (error) => deps.onError(error, 'live LISTEN connection'),
      });
      every(
        PING_EVERY,
        () => {
          for (const { socket } of [...allSessionClients(), ...allStaffClients()]) {
            if (!alive.get(socket)) socket.terminate();
            else {
              alive.set(socket, false);
              socket.ping();
            }
          }
        },
        'live ping',
      );
      every(HEARTBEAT_EVERY, heartbeat, 'live presence heartbeat');
      every(RECHECK_EVERY, () => recheck([...allSessionClients(), ...allStaffClients()]), 'live access check');
    },

    /** Registers a socket of a session page, already authorized; presence is told to everyone. */
    async attachSession(socket: WebSocket, identity: LiveIdentity, session: { id: string; organizationId: string }, member: LiveMember): Promise<void> {
      const client: SessionClient & { socket: WebSocket } = {
        id: randomUUID(),
        sessionId: session.id,
        organizationId: session.organizationId,
        member,
        identity,
        state: new Map(),
        socket,
        send: (frame) => sendJson(socket, frame),
        close: (code, reason) => socket.close(code, reason),
      };
      watch(socket);
      // The connection is recorded first in the session's queue and only then is the client told
      // it is ready: a frame sent at once (a join) finds its row. Frames are read from the start,
      // queued behind it, so none is lost meanwhile.
      let failed: unknown = null;
      const recorded = enqueue(session.id, async () => {
        try {
          await presence.addConnection(db, { id: client.id, instanceId, organizationId: session.organizationId, sessionId: session.id, member, at: now() });
        } catch (error) {
          failed = error;
          return;
        }
        client.send({ type: 'ready', you: member });
        await notify(db, { kind: 'presence', sessionId: session.id });
      });
      readFrames(socket, {
        frame: (frame) => {
          void enqueue(session.id, async () => {
            if (frame.type === 'hello') {
              for (const feature of deps.features) await feature.hello?.(client, frame);
              return;
            }
            const feature = deps.features.find((f) => frame.type.startsWith(`${f.name}.`));
            await feature?.frame?.(client, frame);
          });
        },
        refused: (code, message) => client.send({ type: 'error', code, message }),
        closed: () => {
          bySession.get(session.id)?.delete(client);
          if (bySession.get(session.id)?.size === 0) bySession.delete(session.id);
          // On shutdown the instance's rows go all at once (close below).
          if (closing) return;
          // Features first (the call records who left), then the connection goes.
          void enqueue(session.id, async () => {
            for (const feature of deps.features) await feature.closed?.(client);
            await presence.removeConnection(db, client.id);
            await notify(db, { kind: 'presence', sessionId: session.id });
          });
        },
      });
      const set = bySession.get(session.id) ?? new Set();
      set.add(client);
      bySession.set(session.id, set);
      await recorded;
      if (failed) throw failed;
    },

    /** Registers a staff member's own channel. */
    attachStaff(socket: WebSocket, identity: Extract<LiveIdentity, { kind: 'staff' }>): void {
      const client: StaffClient & { socket: WebSocket } = {
        id: randomUUID(),
        identity,
        socket,
        send: (frame: StaffFrame) => sendJson(socket, frame),
        close: (code, reason) => socket.close(code, reason),
      };
      watch(socket);
      readFrames(socket, {
        frame: () => undefined,
        refused: (code, message) => client.send({ type: 'error', code, message }),
        closed: () => staffByUser.get(identity.actor.id)?.delete(client),
      });
      const set = staffByUser.get(identity.actor.id) ?? new Set();
      set.add(client);
      staffByUser.set(identity.actor.id, set);
      client.send({ type: 'ready' });
    },

    /** Closes every socket (1001: the client reconnects elsewhere) and forgets this instance's presence. */
    async close(): Promise<void> {
      closing = true;
      for (const timer of timers) clearInterval(timer);
      for (const { socket } of [...allSessionClients(), ...allStaffClients()]) socket.close(CLOSE.goingAway, 'Server restarting');
      await listening?.close();
      const sessions = await presence.removeInstance(db, instanceId);
      for (const sessionId of sessions) await notify(db, { kind: 'presence', sessionId });
      await Promise.all(queues.values());
    },
  };
}

export type LiveHub = ReturnType<typeof createLiveHub>;
