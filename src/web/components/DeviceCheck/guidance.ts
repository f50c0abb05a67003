import type { DeviceProblem } from '../../video/local-media';

export type Browser = 'chrome' | 'edge' | 'firefox' | 'safari' | 'ios' | 'android' | 'other';

/** Which browser's settings to describe. Every browser on an iPhone or iPad follows Safari's. */
export function browserOf(userAgent: string, touchPoints = 0): Browser {
  if (/iPhone|iPad|iPod/.test(userAgent) || (/Macintosh/.test(userAgent) && touchPoints > 1)) return 'ios';
  if (/Edg\//.test(userAgent)) return 'edge';
  if (/Firefox\//.test(userAgent)) return 'firefox';
  if (/Chrome\/|Chromium\//.test(userAgent)) return /Android/.test(userAgent) ? 'android' : 'chrome';
  if (/Safari\//.test(userAgent)) return 'safari';
  return 'other';
}

const ALLOW_STEPS: Record<Browser, string> = {
  chrome: 'Click the camera icon at the right of the address bar (or the settings icon at its left), choose "Always allow", then press Try again.',
  edge: 'Click the lock icon at the left of the address bar, set Camera and Microphone to Allow, then press Try again.',
  android: 'Tap the settings icon at the left of the address bar, then Permissions, and allow Camera and Microphone. Then tap Try again.',
  firefox: 'Click the crossed-out camera or microphone icon at the left of the address bar, clear the block, then press Try again.',
  safari: 'In the menu bar choose Safari, then Settings for This Website, set Camera and Microphone to Allow, then press Try again.',
  ios: 'Tap "aA" in the address bar, then Website Settings, and set Camera and Microphone to Allow. Then tap Try again. If they stay blocked, open the Settings app, then Safari, and allow them there.',
  other: "Allow this page to use your camera and microphone in your browser's site settings, then press Try again.",
};

const DESKTOP: readonly Browser[] = ['chrome', 'edge', 'firefox', 'safari'];

export interface Guidance {
  readonly title: string;
  readonly steps: readonly string[];
  /** Whether "Try again" can help (a setting to change), or not (no device at all). */
  readonly retry: boolean;
}

/** What to tell a person whose camera or microphone (or both, `devices`) could not be used, in their browser's words. */
export function guidanceFor(problem: DeviceProblem, devices: 'camera' | 'microphone' | 'camera and microphone', browser: Browser): Guidance {
  const both = devices === 'camera and microphone';
  const Devices = devices[0]!.toUpperCase() + devices.slice(1);
  switch (problem) {
    case 'denied':
      return {
        title: `${Devices} blocked`,
        steps: [
          `This browser is not allowed to use your ${devices}.`,
          ALLOW_STEPS[browser],
          ...(DESKTOP.includes(browser) ? ['On a Mac, also check System Settings, then Privacy & Security, then Camera and Microphone.'] : []),
        ],
        retry: true,
      };
    case 'not_found':
      return {
        title: both ? 'No camera or microphone found' : `No ${devices} found`,
        steps: [
          devices === 'camera'
            ? 'Connect a camera, or join without video: the others will still hear you.'
            : 'Connect a headset or microphone, or join anyway: you will see and hear the others, and you can write in the chat.',
        ],
        retry: true,
      };
    case 'in_use':
      return {
        title: `${Devices} busy`,
        steps: [`Another app may be using your ${devices} (another video call, for example). Close it, then press Try again.`],
        retry: true,
      };
    case 'unsupported':
      return {
        title: 'Video is not available in this browser',
        steps: ['Open your invitation link in an up-to-date Chrome, Safari, Firefox or Edge.'],
        retry: false,
      };
  }
}
