import { playOn } from './local-media';

/**
 * A short, soft tone as a WAV file (16-bit mono PCM), for the speaker test and the waiting-room
 * chime: made here, so no sound file is fetched and nothing depends on Web Audio.
 */
export function toneWav({ frequency = 660, seconds = 0.6, sampleRate = 16_000, volume = 0.35 } = {}): ArrayBuffer {
  const count = Math.round(seconds * sampleRate);
  const buffer = new ArrayBuffer(44 + count * 2);
  const view = new DataView(buffer);
  const text = (offset: number, value: string) => [...value].forEach((c, i) => view.setUint8(offset + i, c.charCodeAt(0)));
  text(0, 'RIFF');
  view.setUint32(4, 36 + count * 2, true);
  text(8, 'WAVE');
  text(12, 'fmt ');
  view.setUint32(16, 16, true);
  view.setUint16(20, 1, true); // PCM
  view.setUint16(22, 1, true); // mono
  view.setUint32(24, sampleRate, true);
  view.setUint32(28, sampleRate * 2, true);
  view.setUint16(32, 2, true);
  view.setUint16(34, 16, true);
  text(36, 'data');
  view.setUint32(40, count * 2, true);
  // 20 ms fades in and out: without them the speaker clicks.
  const fade = Math.round(0.02 * sampleRate);
  for (let i = 0; i < count; i++) {
    const envelope = Math.min(1, i / fade, (count - i) / fade);
    view.setInt16(44 + i * 2, Math.round(Math.sin((2 * Math.PI * frequency * i) / sampleRate) * volume * envelope * 32767), true);
  }
  return buffer;
}

let toneUrl: string | null = null;

/** Plays the tone (on the chosen speaker where the browser allows it). Rejects when the browser blocks sound. */
export async function playTone(speakerId: string | null = null) {
  toneUrl ??= URL.createObjectURL(new Blob([toneWav()], { type: 'audio/wav' }));
  const audio = new Audio(toneUrl);
  await playOn(audio, speakerId);
  await audio.play();
}
