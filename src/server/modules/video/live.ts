import type { Kysely } from 'kysely';
import { joinWindow, isOver } from '../../../shared/lifecycle';
import type { ClientFrame } from '../../../shared/live';
import { MAX_CALL_SIZE, type MediaState } from '../../../shared/video';
import type { Clock } from '../../clock';
import { type LiveEvent, notify } from '../../db/notify';
import type { Database } from '../../db/schema';
import { seesSession } from '../access';
import { recordHistory } from '../history';
import { callMembers, type LiveFeature, PRESENCE_STALE_MS, type SessionClient, setInCall, setMedia, type StaffClient } from '../live';
import * as repo from './repo';

type Db = Kysely<Database>;

/** This socket's place in the call: in it, or waiting at the door to come in with this media. */
interface CallState {
  inCall: boolean;
  waitingWith: MediaState | null;
}

export interface VideoLiveDeps {
  db: Db;
  clock: Clock;
  /** The host joining starts a scheduled session (the sessions module's lifecycle). */
  startSession(client: SessionClient): Promise<void>;
}

/**
 * The video call on the live channel. The server decides who is in the call: staff come in at
 * once, a participant waits until staff admit them, at most MAX_CALL_SIZE are in. Signals (offers,
 * answers, ICE candidates) pass only between two sockets that are both in the call, through the
 * database and NOTIFY so they cross instances. Nobody outside the call learns who is in it.
 */
export function videoLiveFeature(deps: VideoLiveDeps): LiveFeature {
  const { db, clock } = deps;
  const stateOf = (client: SessionClient): CallState => {
    let state = client.state.get('video') as CallState | undefined;
    if (!state) client.state.set('video', (state = { inCall: false, waitingWith: null }));
    return state;
  };
  const fresh = () => new Date(clock.now().getTime() - PRESENCE_STALE_MS);
  const refuse = (client: SessionClient, code: string, message: string) => client.send({ type: 'error', code, message });
  const actorOf = (client: SessionClient) => ({ kind: client.member.kind === 'staff' ? ('user' as const) : ('participant' as const), id: client.member.id, name: client.member.name });

  async function history(client: SessionClient, type: 'video_joined' | 'video_left') {
    await recordHistory(db, { organizationId: client.organizationId, sessionId: client.sessionId, at: clock.now(), actor: actorOf(client), type, data: {} });
  }

  /** Whether the call is open to this client now; says why not when it is not. */
  async function callOpen(client: SessionClient): Promise<boolean> {
    const session = await repo.callFacts(db, client.sessionId);
    if (session.modality !== 'video') return refuse(client, 'no_video', 'This session has no video call'), false;
    const window = joinWindow({ start: session.starts_at, end: session.ends_at, endedAt: session.ended_at }, session.join_window_minutes, session.auto_complete_minutes);
    const now = clock.now().toISOString();
    if (isOver(session.status) || now < window.opensAt || now > window.closesAt) return refuse(client, 'join_closed', 'The call is not open now'), false;
    if (client.member.kind === 'staff' && client.member.id === session.host_id && session.status === 'scheduled') await deps.startSession(client);
    return true;
  }

  async function enter(client: SessionClient, media: MediaState): Promise<void> {
    const state = stateOf(client);
    const members = await callMembers(db, client.sessionId, fresh());
    if (!members.some((m) => m.clientId === client.id) && members.length >= MAX_CALL_SIZE) {
      state.waitingWith = null;
      return refuse(client, 'call_full', `A call holds at most ${MAX_CALL_SIZE} people`);
    }
    await setInCall(db, client.id, media, clock.now());
    if (!state.inCall) await history(client, 'video_joined');
    state.inCall = true;
    state.waitingWith = null;
    await notify(db, { kind: 'call', sessionId: client.sessionId });
  }

  /** Out of the call (or away from its door); `socketOpen` false when the socket already closed. */
  async function leave(client: SessionClient, socketOpen: boolean): Promise<void> {
    const state = stateOf(client);
    const wasThere = state.inCall || state.waitingWith !== null;
    if (state.inCall) {
      if (socketOpen) await setInCall(db, client.id, null, clock.now());
      await history(client, 'video_left');
      await repo.dropSignalsOf(db, client.id);
    }
    state.inCall = false;
    state.waitingWith = null;
    if (wasThere) await notify(db, { kind: 'call', sessionId: client.sessionId });
  }

  async function join(client: SessionClient, media: MediaState): Promise<void> {
    if (!(await callOpen(client))) return;
    if (client.member.kind === 'staff') return enter(client, media);
    if ((await repo.admissionOf(db, client.sessionId, client.member.id)) === 'admitted') return enter(client, media);
    // Denied or removed before: they wait again, and staff decide again.
    await repo.setAdmission(db, client.sessionId, client.member.id, 'waiting', clock.now());
    stateOf(client).waitingWith = media;
    client.send({ type: 'video.admission', state: 'waiting' });
    await notify(db, { kind: 'call', sessionId: client.sessionId });
  }

  async function relay(client: SessionClient, frame: Extract<ClientFrame, { type: 'video.signal' }>): Promise<void> {
    if (!stateOf(client).inCall) return refuse(client, 'not_in_call', 'Join the call first');
    const members = await callMembers(db, client.sessionId, fresh());
    if (!members.some((m) => m.clientId === frame.to)) return refuse(client, 'not_in_call', 'This person is not in the call');
    const signalId = await repo.insertSignal(db, { sessionId: client.sessionId, from: client.id, to: frame.to, signal: frame.signal, at: clock.now() });
    await notify(db, { kind: 'signal', sessionId: client.sessionId, signalId });
  }

  /** The call or its door changed: rosters to those in it, the door to staff and to those waiting. */
  async function callChanged(sessionId: string, clients: SessionClient[], staff: StaffClient[]): Promise<void> {
    const members = await callMembers(db, sessionId, fresh());
    const session = await repo.callFacts(db, sessionId);
    const roster = members.map((m) => ({ clientId: m.clientId, kind: m.kind, id: m.id, name: m.name, host: m.kind === 'staff' && m.id === session.host_id, ...m.media }));
    for (const client of clients) {
      const state = stateOf(client);
      const inRoster = members.some((m) => m.clientId === client.id);
      if (state.inCall && !inRoster && client.member.kind === 'participant') {
        // Taken out by staff (or the session ended): this socket is out of the call.
        state.inCall = false;
        await history(client, 'video_left');
        const admission = await repo.admissionOf(db, sessionId, client.member.id);
        if (admission === 'removed') client.send({ type: 'video.admission', state: 'removed' });
      } else if (inRoster) {
        client.send({ type: 'video.roster', you: client.id, members: roster });
      } else if (state.waitingWith && client.member.kind === 'participant') {
        const admission = await repo.admissionOf(db, sessionId, client.member.id);
        if (admission === 'admitted') {
          client.send({ type: 'video.admission', state: 'admitted' });
          await enter(client, state.waitingWith);
        } else if (admission === 'denied') {
          state.waitingWith = null;
          client.send({ type: 'video.admission', state: 'denied' });
        }
      }
    }
    const waiting = await repo.waitingList(db, sessionId, fresh());
    for (const client of clients) if (client.member.kind === 'staff') client.send({ type: 'video.lobby', waiting });
    for (const client of staff) {
      const { actor } = client.identity;
      if (actor.organizationId === session.organization_id && seesSession(actor, session)) client.send({ type: 'waiting', sessionId, waiting: waiting.length });
    }
  }

  async function sessionChanged(sessionId: string, clients: SessionClient[]): Promise<void> {
    const session = await repo.callFacts(db, sessionId);
    if (!isOver(session.status)) return;
    for (const client of clients) {
      const state = stateOf(client);
      if (!state.inCall && !state.waitingWith) continue;
      await leave(client, true);
      client.send({ type: 'video.ended' });
    }
    await repo.dropSessionSignals(db, sessionId);
  }

  return {
    name: 'video',

    async frame(client, frame) {
      switch (frame.type) {
        case 'video.join':
          return join(client, frame.media);
        case 'video.leave':
          return leave(client, true);
        case 'video.media':
          if (!stateOf(client).inCall) return;
          await setMedia(db, client.id, frame.media);
          return notify(db, { kind: 'call', sessionId: client.sessionId });
        case 'video.signal':
          return relay(client, frame);
      }
    },

    async closed(client) {
      await leave(client, false);
    },

    async event(event: LiveEvent, clients, staff) {
      if (event.kind === 'call' || event.kind === 'presence') return callChanged(event.sessionId, clients, staff);
      if (event.kind === 'session') return sessionChanged(event.sessionId, clients);
      if (event.kind === 'signal') {
        // Most instances hold no one of this call: they need not read the signal.
        if (!clients.some((c) => stateOf(c).inCall)) return;
        const signal = await repo.findSignal(db, event.signalId);
        const to = signal && clients.find((c) => c.id === signal.to_client);
        if (signal && to && stateOf(to).inCall) to.send({ type: 'video.signal', from: signal.from_client, signal: signal.signal });
      }
    },
  };
}
