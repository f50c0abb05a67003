/** A live loudness reading of one stream's audio, 0 (silence) to 1. */
export interface LevelMeter {
  level(): number;
  stop(): void;
}

let context: AudioContext | null = null;

/** One AudioContext for the page: browsers limit how many may exist. Null where Web Audio is missing. */
function audioContext(): AudioContext | null {
  if (typeof AudioContext === 'undefined') return null;
  context ??= new AudioContext();
  return context;
}

/**
 * Call from a click or tap. Browsers start an AudioContext suspended until a user gesture, and
 * iOS Safari keeps it so: the level meter and speaking rings stay flat until then.
 */
export function wakeAudio() {
  void audioContext()?.resume().catch(() => undefined);
}

/** Root mean square of 8-bit samples centred on 128, scaled so that normal speech reads about 0.2–0.6. */
export function rmsLevel(samples: Uint8Array): number {
  if (samples.length === 0) return 0;
  let sum = 0;
  for (const sample of samples) sum += ((sample - 128) / 128) ** 2;
  return Math.min(1, Math.sqrt(sum / samples.length) * 4);
}

/**
 * A meter on the stream's audio through an AnalyserNode, or null without audio or Web Audio.
 * Chrome reads silence from a remote WebRTC stream unless a media element also plays it: the
 * call's tiles always do.
 */
export function levelMeter(stream: MediaStream): LevelMeter | null {
  const ctx = audioContext();
  if (!ctx || stream.getAudioTracks().length === 0) return null;
  const source = ctx.createMediaStreamSource(stream);
  const analyser = ctx.createAnalyser();
  analyser.fftSize = 512;
  source.connect(analyser);
  const samples = new Uint8Array(analyser.fftSize);
  return {
    level() {
      analyser.getByteTimeDomainData(samples);
      return rmsLevel(samples);
    },
    stop() {
      source.disconnect();
    },
  };
}

/** Speaking: above the threshold now, or within the hold time since, so the ring does not flicker between words. */
export class SpeakingDetector {
  #lastLoud = -Infinity;
  constructor(
    private readonly threshold = 0.08,
    private readonly holdMs = 700,
  ) {}

  update(level: number, now: number): boolean {
    if (level >= this.threshold) this.#lastLoud = now;
    return now - this.#lastLoud <= this.holdMs;
  }
}
