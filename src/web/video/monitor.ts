import { levelMeter, type LevelMeter, SpeakingDetector } from './audio-level';
import type { Peer } from './peer';
import { classify, type LossCounters, type Quality, readStats } from './quality';

export const STATS_INTERVAL_MS = 2000;
const LEVEL_INTERVAL_MS = 200;
const SELF = 'self';

export interface MonitorReport {
  readonly quality: Readonly<Record<string, Quality | null>>;
  /** By client id, and `self` for this browser's microphone. */
  readonly speaking: Readonly<Record<string, boolean>>;
}

interface Metered {
  readonly source: MediaStream;
  readonly meter: LevelMeter | null;
  readonly detector: SpeakingDetector;
}

/**
 * Watches a running call: every two seconds each connection's `getStats()` (quality), five times a
 * second each person's loudness (who is speaking). Reports only when something changed, so a quiet
 * call does not re-render.
 */
export class CallMonitor {
  #statsTimer: ReturnType<typeof setInterval> | undefined;
  #levelTimer: ReturnType<typeof setInterval> | undefined;
  readonly #counters = new Map<string, LossCounters>();
  readonly #metered = new Map<string, Metered>();
  #report: MonitorReport = { quality: {}, speaking: {} };

  constructor(
    private readonly target: () => { readonly peers: ReadonlyMap<string, Peer>; readonly microphone: MediaStream | null },
    private readonly onReport: (report: MonitorReport) => void,
    private readonly now: () => number = Date.now,
  ) {}

  start() {
    if (this.#statsTimer) return;
    this.#statsTimer = setInterval(() => void this.#sampleStats(), STATS_INTERVAL_MS);
    this.#levelTimer = setInterval(() => this.#sampleLevels(), LEVEL_INTERVAL_MS);
  }

  stop() {
    clearInterval(this.#statsTimer);
    clearInterval(this.#levelTimer);
    this.#statsTimer = this.#levelTimer = undefined;
    for (const { meter } of this.#metered.values()) meter?.stop();
    this.#metered.clear();
    this.#counters.clear();
    this.#report = { quality: {}, speaking: {} };
  }

  async #sampleStats() {
    const quality: Record<string, Quality | null> = {};
    for (const [clientId, peer] of this.target().peers) {
      try {
        const { sample, counters } = readStats(await peer.pc.getStats(), this.#counters.get(clientId) ?? null);
        this.#counters.set(clientId, counters);
        quality[clientId] = classify(sample);
      } catch {
        quality[clientId] = null;
      }
    }
    for (const clientId of this.#counters.keys()) if (!(clientId in quality)) this.#counters.delete(clientId);
    if (this.#statsTimer) this.#emit({ ...this.#report, quality });
  }

  #sampleLevels() {
    const { peers, microphone } = this.target();
    const sources = new Map<string, MediaStream>([...peers].map(([clientId, peer]) => [clientId, peer.stream]));
    if (microphone) sources.set(SELF, microphone);
    const speaking: Record<string, boolean> = {};
    for (const [key, source] of sources) {
      const metered = this.#meterFor(key, source);
      speaking[key] = metered.meter ? metered.detector.update(metered.meter.level(), this.now()) : false;
    }
    for (const [key, { meter }] of this.#metered) {
      if (sources.has(key)) continue;
      meter?.stop();
      this.#metered.delete(key);
    }
    this.#emit({ ...this.#report, speaking });
  }

  /** A remote stream's audio may arrive after its video: the meter is made once there is some. */
  #meterFor(key: string, source: MediaStream): Metered {
    const held = this.#metered.get(key);
    if (held && held.source === source && (held.meter || source.getAudioTracks().length === 0)) return held;
    held?.meter?.stop();
    const metered = { source, meter: levelMeter(source), detector: held?.detector ?? new SpeakingDetector() };
    this.#metered.set(key, metered);
    return metered;
  }

  #emit(report: MonitorReport) {
    if (sameRecord(report.quality, this.#report.quality) && sameRecord(report.speaking, this.#report.speaking)) return;
    this.#report = report;
    this.onReport(report);
  }
}

const sameRecord = <T>(a: Readonly<Record<string, T>>, b: Readonly<Record<string, T>>) =>
  Object.keys(a).length === Object.keys(b).length && Object.entries(a).every(([key, value]) => b[key] === value);

export const selfKey = SELF;
