/** How a connection is doing, as a person would say it. */
export type Quality = 'good' | 'fair' | 'poor';

export interface LinkSample {
  /** Round-trip time of the connection in use, ms. */
  readonly rttMs: number | null;
  /** Share of the packets received since the last sample that were lost, 0–100. */
  readonly lossPercent: number | null;
  /** What the browser estimates it can send, kbit/s. */
  readonly availableKbps: number | null;
}

/** Packet counters kept between samples, for the loss of the last interval rather than of the whole call. */
export interface LossCounters {
  readonly lost: number;
  readonly received: number;
}

// Thresholds that match what people notice: ~300 ms of delay makes talk awkward, a few percent
// loss makes video stutter, and below ~150 kbit/s the picture is little more than a still.
const POOR = { rttMs: 500, lossPercent: 8, availableKbps: 150 };
const FAIR = { rttMs: 250, lossPercent: 2, availableKbps: 400 };

/** The worst of the three measures decides; null when nothing is known yet. */
export function classify(sample: LinkSample): Quality | null {
  const { rttMs, lossPercent, availableKbps } = sample;
  if (rttMs === null && lossPercent === null && availableKbps === null) return null;
  const beyond = (limits: typeof POOR) =>
    (rttMs !== null && rttMs > limits.rttMs) ||
    (lossPercent !== null && lossPercent > limits.lossPercent) ||
    (availableKbps !== null && availableKbps < limits.availableKbps);
  if (beyond(POOR)) return 'poor';
  if (beyond(FAIR)) return 'fair';
  return 'good';
}

type Stat = Record<string, unknown> & { type: string; id: string };
const num = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? value : null);

/** Reads one `getStats()` report: the selected candidate pair's RTT and bitrate, and the loss since `previous`. */
export function readStats(report: RTCStatsReport, previous: LossCounters | null): { sample: LinkSample; counters: LossCounters } {
  const stats = [...(report as unknown as Map<string, Stat>).values()];
  const transport = stats.find((s) => s.type === 'transport' && typeof s.selectedCandidatePairId === 'string');
  const pair =
    stats.find((s) => s.type === 'candidate-pair' && s.id === transport?.selectedCandidatePairId) ??
    stats.find((s) => s.type === 'candidate-pair' && s.nominated === true && s.state === 'succeeded');
  let lost = 0;
  let received = 0;
  for (const s of stats) {
    if (s.type !== 'inbound-rtp') continue;
    lost += Math.max(0, num(s.packetsLost) ?? 0);
    received += num(s.packetsReceived) ?? 0;
  }
  const counters = { lost, received };
  const lostNow = previous ? lost - previous.lost : 0;
  const receivedNow = previous ? received - previous.received : 0;
  const rtt = num(pair?.currentRoundTripTime);
  const bitrate = num(pair?.availableOutgoingBitrate);
  return {
    sample: {
      rttMs: rtt === null ? null : Math.round(rtt * 1000),
      lossPercent: previous && lostNow + receivedNow > 0 ? (100 * lostNow) / (lostNow + receivedNow) : null,
      availableKbps: bitrate === null ? null : Math.round(bitrate / 1000),
    },
    counters,
  };
}
