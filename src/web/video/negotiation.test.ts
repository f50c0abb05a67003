import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Signal } from '../../shared/video';
import { FakeMediaStream, FakePeerConnection, track } from '../testing/fake-webrtc';
import { Negotiation } from './negotiation';
import { Peer } from './peer';

const createPeerConnection = (config: RTCConfiguration) => new FakePeerConnection(config) as unknown as RTCPeerConnection;
const fake = (peer: Peer) => peer.pc as unknown as FakePeerConnection;

/**
 * Two members' peers joined by a signalling line the test drives: what each sends waits in its
 * outbox until `deliver` (or `settle`, which delivers until nothing moves any more).
 */
function pair() {
  const outbox = { a: [] as Signal[], b: [] as Signal[] };
  const make = (side: 'a' | 'b', polite: boolean) =>
    new Peer({
      polite,
      config: {},
      tracks: { audio: track('audio'), video: track('video') },
      createPeerConnection,
      send: (signal) => outbox[side].push(signal),
      onChange: () => undefined,
      onBroken: () => undefined,
    });
  // b's client id sorts lower: b is polite.
  const a = make('a', false);
  const b = make('b', true);
  const deliver = async (from: 'a' | 'b') => {
    const signals = outbox[from].splice(0);
    for (const signal of signals) await (from === 'a' ? b : a).receive(signal);
    return signals;
  };
  const settle = async () => {
    for (let round = 0, quiet = 0; round < 50; round++) {
      await new Promise((resolve) => setTimeout(resolve, 2));
      if (outbox.a.length === 0 && outbox.b.length === 0) {
        if (++quiet === 3) return;
        continue;
      }
      quiet = 0;
      await deliver('a');
      await deliver('b');
    }
    throw new Error('The signalling never settled');
  };
  return { a, b, outbox, deliver, settle };
}

const kinds = (signals: Signal[]) => signals.map((s) => ('description' in s ? s.description.type : 'candidate'));

beforeEach(() => vi.stubGlobal('MediaStream', FakeMediaStream));
afterEach(() => vi.unstubAllGlobals());

describe('perfect negotiation', () => {
  it('connects with one offer and one answer: the impolite side offers, the polite side answers with its own tracks', async () => {
    const { a, b, outbox, deliver, settle } = pair();
    await vi.waitFor(() => expect(outbox.a).toHaveLength(1));
    // The polite side offers nothing of its own: its tracks ride on the transceivers of the offer.
    expect(outbox.b).toEqual([]);
    expect(kinds(await deliver('a'))).toEqual(['offer']);
    expect(kinds(await deliver('b'))).toEqual(['answer']);
    await settle();
    expect(fake(a).log).toEqual(['offer']);
    expect(fake(b).log).toEqual(['answer']);
    expect([fake(a).signalingState, fake(b).signalingState]).toEqual(['stable', 'stable']);
    expect(fake(b).transceivers.map((t) => [t.receiver.track.kind, t.direction, t.sender.track?.kind])).toEqual([
      ['audio', 'sendrecv', 'audio'],
      ['video', 'sendrecv', 'video'],
    ]);
  });

  it('resolves glare: when both offer at once, the polite side rolls back and answers, the impolite side ignores, and both end stable', async () => {
    const { a, b, outbox, settle } = pair();
    await settle();
    // Both see the connection fail at the same moment and restart ICE.
    a.restartIce();
    b.restartIce();
    await vi.waitFor(() => expect([outbox.a.length, outbox.b.length]).toEqual([1, 1]));
    const [offerOfA] = outbox.a.splice(0);
    const [offerOfB] = outbox.b.splice(0);
    // They cross on the line.
    await a.receive(offerOfB!);
    await b.receive(offerOfA!);
    expect(fake(a).signalingState).toBe('have-local-offer');
    expect(fake(a).log).not.toContain('implicit rollback');
    expect(fake(b).log.slice(-2)).toEqual(['rollback', 'answer']);
    await settle();
    expect([fake(a).signalingState, fake(b).signalingState]).toEqual(['stable', 'stable']);
    // a's restart went through; b's, rolled back, was not lost: it went through after.
    expect(fake(b).log.filter((step) => step === 'answer')).toHaveLength(2);
    expect(fake(a).log.filter((step) => step === 'answer')).toHaveLength(1);
    expect(offerOfA).toMatchObject({ description: { type: 'offer', sdp: expect.stringMatching(/ice-restart/) } });
  });

  it('holds candidates that come before the remote description and adds them, in order, right after it', async () => {
    const pc = new FakePeerConnection({});
    const onError = vi.fn();
    const sent: Signal[] = [];
    const negotiation = new Negotiation(pc as unknown as RTCPeerConnection, { polite: true, send: (s) => sent.push(s), onError });
    const candidate = (n: number) => ({ candidate: { candidate: `candidate:${n} 1 udp 1 127.0.0.1 ${40000 + n} typ host`, sdpMid: '0', sdpMLineIndex: 0 } });

    await negotiation.receive(candidate(1));
    await negotiation.receive(candidate(2));
    expect(pc.candidates).toEqual([]);
    await negotiation.receive({ description: { type: 'offer', sdp: 'offer 1 audio video' } });
    expect(pc.candidates.map((c) => c.candidate)).toEqual([candidate(1).candidate.candidate, candidate(2).candidate.candidate]);
    await negotiation.receive(candidate(3));
    expect(pc.candidates).toHaveLength(3);
    expect(kinds(sent)).toEqual(['answer']);
    expect(onError).not.toHaveBeenCalled();
  });

  it('trickles its own candidates as they are found, without the end-of-candidates marker', async () => {
    const pc = new FakePeerConnection({});
    const sent: Signal[] = [];
    new Negotiation(pc as unknown as RTCPeerConnection, { polite: false, send: (s) => sent.push(s) });
    pc.emitCandidate('candidate:1 1 udp 2122260223 127.0.0.1 50000 typ host');
    pc.dispatchEvent(Object.assign(new Event('icecandidate'), { candidate: null }));
    expect(sent).toEqual([{ candidate: { candidate: 'candidate:1 1 udp 2122260223 127.0.0.1 50000 typ host', sdpMid: '0', sdpMLineIndex: 0 } }]);
  });

  it('swaps what it sends without renegotiating: camera off, screen share and back', async () => {
    const { a, b, outbox, settle } = pair();
    await settle();
    const screen = track('video');
    await a.setTrack('video', screen);
    await b.setTrack('video', null);
    expect(fake(a).transceivers[1]!.sender.track).toBe(screen);
    expect(fake(b).transceivers[1]!.sender.track).toBeNull();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect([outbox.a, outbox.b]).toEqual([[], []]);
  });
});
