/** Why a camera or microphone could not be used. */
export type DeviceProblem =
  /** The person or the browser's settings refused it. */
  | 'denied'
  /** There is no such device (or none that fits). */
  | 'not_found'
  /** Another app holds it, or the system failed to start it. */
  | 'in_use'
  /** The page cannot ask at all: not HTTPS, or a browser without media devices. */
  | 'unsupported';

export type FacingMode = 'user' | 'environment';

export interface DeviceRequest {
  readonly camera: boolean;
  readonly microphone: boolean;
  readonly cameraId?: string | null;
  readonly microphoneId?: string | null;
  /** On phones: the front ('user') or back ('environment') camera, when no camera is picked by id. */
  readonly facingMode?: FacingMode | null;
}

export interface OpenedMedia {
  readonly stream: MediaStream;
  readonly problems: { readonly camera: DeviceProblem | null; readonly microphone: DeviceProblem | null };
}

export function problemOf(error: unknown): DeviceProblem {
  const name = error instanceof Error || error instanceof DOMException ? error.name : '';
  if (name === 'NotAllowedError' || name === 'PermissionDeniedError' || name === 'SecurityError') return 'denied';
  if (name === 'NotFoundError' || name === 'DevicesNotFoundError' || name === 'OverconstrainedError') return 'not_found';
  return 'in_use';
}

export const videoConstraints = (request: DeviceRequest): MediaTrackConstraints => ({
  width: { ideal: 1280 },
  height: { ideal: 720 },
  ...(request.cameraId ? { deviceId: { exact: request.cameraId } } : request.facingMode ? { facingMode: { ideal: request.facingMode } } : {}),
});

const audioConstraints = (request: DeviceRequest): MediaTrackConstraints | true =>
  request.microphoneId ? { deviceId: { exact: request.microphoneId } } : true;

/**
 * The camera and microphone asked for, in one permission prompt. When that fails it asks for each
 * alone, so that a missing camera still leaves the microphone (and the guidance names the one
 * that failed).
 */
export async function openMedia(request: DeviceRequest): Promise<OpenedMedia> {
  const none = { camera: null, microphone: null };
  if (!request.camera && !request.microphone) return { stream: new MediaStream(), problems: none };
  const devices = typeof navigator === 'undefined' ? undefined : navigator.mediaDevices;
  if (!devices?.getUserMedia) {
    return { stream: new MediaStream(), problems: { camera: request.camera ? 'unsupported' : null, microphone: request.microphone ? 'unsupported' : null } };
  }
  const audio = request.microphone ? audioConstraints(request) : false;
  const video = request.camera ? videoConstraints(request) : false;
  try {
    return { stream: await devices.getUserMedia({ audio, video }), problems: none };
  } catch (error) {
    if (!request.camera || !request.microphone) {
      return { stream: new MediaStream(), problems: { camera: request.camera ? problemOf(error) : null, microphone: request.microphone ? problemOf(error) : null } };
    }
  }
  const [sound, picture] = await Promise.allSettled([devices.getUserMedia({ audio }), devices.getUserMedia({ video })]);
  const tracks = [sound, picture].flatMap((result) => (result.status === 'fulfilled' ? result.value.getTracks() : []));
  return {
    stream: new MediaStream(tracks),
    problems: {
      microphone: sound.status === 'rejected' ? problemOf(sound.reason) : null,
      camera: picture.status === 'rejected' ? problemOf(picture.reason) : null,
    },
  };
}

export interface DeviceLists {
  readonly cameras: readonly MediaDeviceInfo[];
  readonly microphones: readonly MediaDeviceInfo[];
  readonly speakers: readonly MediaDeviceInfo[];
}

/** The devices by kind. Browsers give their names only once a permission was granted. */
export async function listDevices(): Promise<DeviceLists> {
  const all = (await navigator.mediaDevices?.enumerateDevices?.()) ?? [];
  const usable = all.filter((d) => d.deviceId !== '');
  return {
    cameras: usable.filter((d) => d.kind === 'videoinput'),
    microphones: usable.filter((d) => d.kind === 'audioinput'),
    speakers: usable.filter((d) => d.kind === 'audiooutput'),
  };
}

/** Whether the browser lets a page choose where sound plays (Chrome, Edge, Firefox; not Safari). */
export const canChooseSpeaker = () => typeof HTMLMediaElement !== 'undefined' && 'setSinkId' in HTMLMediaElement.prototype;

/** Plays the element's sound on that output where the browser allows it; elsewhere on the default one. */
export async function playOn(element: HTMLMediaElement, speakerId: string | null) {
  if (!speakerId || !canChooseSpeaker()) return;
  await element.setSinkId(speakerId).catch(() => undefined);
}

/** Stops every track: the camera light goes off. */
export const stopAll = (stream: MediaStream | null) => stream?.getTracks().forEach((t) => t.stop());
