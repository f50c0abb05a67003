import { Button, Group } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconMicrophone, IconMicrophoneOff, IconPhoneOff, IconScreenShare, IconScreenShareOff, IconVideo, IconVideoOff } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import type { Call } from '../../video/useCall';

export interface CallControlsProps {
  readonly call: Call;
  /** Staff may share their screen. */
  readonly canShareScreen: boolean;
  /** More buttons after Leave, e.g. the host's "End session for all". */
  readonly children?: ReactNode;
}

const canCaptureScreen = () => typeof navigator !== 'undefined' && typeof navigator.mediaDevices?.getDisplayMedia === 'function';
const icon = (Icon: typeof IconMicrophone) => <Icon size={18} aria-hidden="true" />;

/** Mute, camera, screen share and Leave: each button names what it will do. */
export function CallControls({ call, canShareScreen, children }: CallControlsProps) {
  const { engine, state } = call;
  const { media } = state;

  const turnCamera = async (on: boolean) => {
    if (!(await engine.setCamera(on))) {
      notifications.show({ color: 'orange', title: 'The camera could not be turned on', message: 'Check that no other app uses it and that this page may use it.' });
    }
  };
  const share = () =>
    engine.shareScreen().catch((error: unknown) => {
      // Closing the browser's picker is a choice, not an error.
      if (!(error instanceof DOMException && error.name === 'NotAllowedError')) {
        notifications.show({ color: 'orange', title: 'The screen could not be shared', message: 'Try again, or choose another window.' });
      }
    });

  return (
    <Group gap="xs" justify="center" wrap="wrap" role="toolbar" aria-label="Call controls">
      <Button variant={media.microphone ? 'default' : 'filled'} color="gray" leftSection={icon(media.microphone ? IconMicrophone : IconMicrophoneOff)} onClick={() => engine.setMicrophone(!media.microphone)} disabled={!state.hasMicrophone}>
        {state.hasMicrophone ? (media.microphone ? 'Mute' : 'Unmute') : 'No microphone'}
      </Button>
      <Button variant={media.camera ? 'default' : 'filled'} color="gray" leftSection={icon(media.camera ? IconVideo : IconVideoOff)} onClick={() => void turnCamera(!media.camera)}>
        {media.camera ? 'Turn camera off' : 'Turn camera on'}
      </Button>
      {canShareScreen && canCaptureScreen() && (
        <Button variant={media.screen ? 'filled' : 'default'} leftSection={icon(media.screen ? IconScreenShareOff : IconScreenShare)} onClick={() => void (media.screen ? engine.stopScreen() : share())}>
          {media.screen ? 'Stop sharing' : 'Share screen'}
        </Button>
      )}
      <Button color="red" variant="light" leftSection={icon(IconPhoneOff)} onClick={() => engine.leave()}>
        Leave
      </Button>
      {children}
    </Group>
  );
}
