import { useCallback, useEffect, useRef, useState } from 'react';
import { type DeviceLists, type DeviceProblem, type DeviceRequest, type FacingMode, listDevices, openMedia, stopAll } from '../../video/local-media';

export interface DeviceChoice {
  readonly cameraId: string | null;
  readonly microphoneId: string | null;
  readonly speakerId: string | null;
  readonly facingMode: FacingMode;
}

interface PreviewState {
  readonly stream: MediaStream | null;
  readonly problems: { readonly camera: DeviceProblem | null; readonly microphone: DeviceProblem | null };
  readonly devices: DeviceLists;
  readonly choice: DeviceChoice;
  readonly opening: boolean;
}

const NO_DEVICES: DeviceLists = { cameras: [], microphones: [], speakers: [] };
const deviceIdOf = (track: MediaStreamTrack | undefined) => track?.getSettings().deviceId ?? null;

/**
 * The camera and microphone of the device check: opened when it mounts (one permission prompt),
 * reopened one at a time when another device is picked, and stopped when it unmounts, unless
 * handed over to the call with `handOver()`.
 */
export function useDevicePreview() {
  const [state, setState] = useState<PreviewState>({
    stream: null,
    problems: { camera: null, microphone: null },
    devices: NO_DEVICES,
    choice: { cameraId: null, microphoneId: null, speakerId: null, facingMode: 'user' },
    opening: true,
  });
  const held = useRef<MediaStream | null>(null);
  const mounted = useRef(false);

  const open = useCallback(async (request: DeviceRequest) => {
    const opened = await openMedia(request);
    // Gone meanwhile: what was opened must not keep the camera on.
    if (!mounted.current) return stopAll(opened.stream);
    // Keep what was not asked for; replace what was.
    const kept = (held.current?.getTracks() ?? []).filter((t) => (t.kind === 'video' ? !request.camera : !request.microphone));
    for (const t of held.current?.getTracks() ?? []) if (!kept.includes(t)) t.stop();
    const stream = new MediaStream([...kept, ...opened.stream.getTracks()]);
    held.current = stream;
    const devices = await listDevices().catch(() => NO_DEVICES);
    setState((s) => ({
      ...s,
      stream,
      devices,
      opening: false,
      problems: {
        camera: request.camera ? opened.problems.camera : s.problems.camera,
        microphone: request.microphone ? opened.problems.microphone : s.problems.microphone,
      },
      choice: {
        ...s.choice,
        cameraId: deviceIdOf(stream.getVideoTracks()[0]) ?? s.choice.cameraId,
        microphoneId: deviceIdOf(stream.getAudioTracks()[0]) ?? s.choice.microphoneId,
        ...(request.facingMode ? { facingMode: request.facingMode } : {}),
      },
    }));
  }, []);

  useEffect(() => {
    mounted.current = true;
    void open({ camera: true, microphone: true });
    return () => {
      mounted.current = false;
      stopAll(held.current);
      held.current = null;
    };
  }, [open]);

  /** From a click: show the wait, then open. */
  const reopen = (request: DeviceRequest) => {
    setState((s) => ({ ...s, opening: true }));
    void open(request);
  };

  return {
    ...state,
    /** After the browser's permission was changed: ask for both again. */
    retry: () => reopen({ camera: true, microphone: true, cameraId: state.choice.cameraId, microphoneId: state.choice.microphoneId }),
    pickCamera: (cameraId: string) => reopen({ camera: true, microphone: false, cameraId }),
    pickMicrophone: (microphoneId: string) => reopen({ camera: false, microphone: true, microphoneId }),
    pickSpeaker: (speakerId: string) => setState((s) => ({ ...s, choice: { ...s.choice, speakerId } })),
    /** Front to back camera and back, on phones. */
    flipCamera: () => reopen({ camera: true, microphone: false, facingMode: state.choice.facingMode === 'user' ? 'environment' : 'user' }),
    /** The stream now belongs to the call: unmounting no longer stops it. */
    handOver: (): MediaStream => {
      const stream = held.current ?? new MediaStream();
      held.current = null;
      return stream;
    },
  };
}

export type DevicePreview = ReturnType<typeof useDevicePreview>;
