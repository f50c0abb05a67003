import { Alert, AspectRatio, Button, Center, Group, Loader, Select, SimpleGrid, Stack, Switch, Text, Title } from '@mantine/core';
import { IconCameraRotate, IconVideoOff } from '@tabler/icons-react';
import { useState } from 'react';
import { wakeAudio } from '../../video/audio-level';
import type { JoinChoice } from '../../video/CallEngine';
import { canChooseSpeaker, type DeviceProblem } from '../../video/local-media';
import { VideoElement } from '../VideoCall/VideoElement';
import { browserOf, guidanceFor } from './guidance';
import { LevelMeter } from './LevelMeter';
import { SpeakerTest } from './SpeakerTest';
import { type DevicePreview, useDevicePreview } from './useDevicePreview';

export interface DeviceCheckProps {
  /** Receives the stream, which now belongs to the call, and the choices made here. */
  readonly onJoin: (choice: JoinChoice & { readonly speakerId: string | null }) => void;
  readonly onCancel?: () => void;
  readonly headingOrder?: 2 | 3;
}

/**
 * Before joining, for staff and participants alike: see yourself, watch the microphone level,
 * test the speaker, pick devices, and join with the camera or microphone off. When a device
 * cannot be used it says why and what to do in this browser.
 */
export function DeviceCheck({ onJoin, onCancel, headingOrder = 2 }: DeviceCheckProps) {
  const preview = useDevicePreview();
  const [cameraOn, setCameraOn] = useState(true);
  const [microphoneOn, setMicrophoneOn] = useState(true);
  const videoTrack = preview.stream?.getVideoTracks()[0];
  const audioTrack = preview.stream?.getAudioTracks()[0];
  const { cameras, microphones, speakers } = preview.devices;

  const join = () => {
    wakeAudio();
    onJoin({
      stream: preview.handOver(),
      camera: cameraOn && Boolean(videoTrack),
      microphone: microphoneOn && Boolean(audioTrack),
      cameraId: preview.choice.cameraId,
      speakerId: preview.choice.speakerId,
    });
  };
  const toggle = (track: MediaStreamTrack | undefined, on: boolean, set: (on: boolean) => void) => {
    if (track) track.enabled = on;
    set(on);
  };

  return (
    <Stack gap="md">
      <Title order={headingOrder} size="h4">
        Check your camera and microphone
      </Title>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
        <Stack gap="xs">
          <AspectRatio ratio={16 / 9} style={{ borderRadius: 'var(--mantine-radius-md)', overflow: 'hidden' }} bg="dark.7">
            {preview.opening && !preview.stream ? (
              <Center c="gray.3" role="status">
                <Stack align="center" gap={4}>
                  <Loader color="gray.3" size="sm" aria-hidden="true" />
                  <Text size="sm">Your browser may ask to use the camera and microphone: choose Allow.</Text>
                </Stack>
              </Center>
            ) : videoTrack && cameraOn ? (
              <VideoElement stream={preview.stream} self mirrored={preview.choice.facingMode === 'user'} label="Your camera preview" testId="camera-preview" />
            ) : (
              <Center c="gray.3">
                <Group gap="xs">
                  <IconVideoOff size={20} aria-hidden="true" />
                  <Text size="sm">{videoTrack ? 'Camera off' : 'No camera'}</Text>
                </Group>
              </Center>
            )}
          </AspectRatio>
          <Group gap="md">
            <Switch size="md" label="Camera on" checked={cameraOn && Boolean(videoTrack)} disabled={!videoTrack} onChange={(e) => toggle(videoTrack, e.currentTarget.checked, setCameraOn)} />
            <Switch size="md" label="Microphone on" checked={microphoneOn && Boolean(audioTrack)} disabled={!audioTrack} onChange={(e) => toggle(audioTrack, e.currentTarget.checked, setMicrophoneOn)} />
          </Group>
        </Stack>
        <Stack gap="sm">
          <Problems preview={preview} />
          {cameras.length > 0 && (
            <Group gap="xs" align="flex-end" wrap="nowrap">
              <Select label="Camera" data={options(cameras, 'Camera')} value={preview.choice.cameraId} onChange={(id) => id && preview.pickCamera(id)} allowDeselect={false} style={{ flex: 1 }} />
              {cameras.length > 1 && (
                <Button variant="default" leftSection={<IconCameraRotate size={16} aria-hidden="true" />} onClick={preview.flipCamera}>
                  Switch camera
                </Button>
              )}
            </Group>
          )}
          {microphones.length > 0 && (
            <Stack gap={6}>
              <Select label="Microphone" data={options(microphones, 'Microphone')} value={preview.choice.microphoneId} onChange={(id) => id && preview.pickMicrophone(id)} allowDeselect={false} />
              <LevelMeter stream={preview.stream} trackId={audioTrack?.id ?? null} />
              <Text size="xs" c="dimmed">
                Say something: the bar should move.
              </Text>
            </Stack>
          )}
          {canChooseSpeaker() && speakers.length > 0 && (
            <Select label="Speaker" data={options(speakers, 'Speaker')} value={preview.choice.speakerId ?? speakers[0]!.deviceId} onChange={(id) => id && preview.pickSpeaker(id)} allowDeselect={false} />
          )}
          <SpeakerTest speakerId={preview.choice.speakerId} />
        </Stack>
      </SimpleGrid>
      <Group gap="sm">
        <Button size="md" onClick={join} disabled={preview.opening}>
          Join
        </Button>
        {onCancel && (
          <Button size="md" variant="default" onClick={onCancel}>
            Cancel
          </Button>
        )}
      </Group>
    </Stack>
  );
}

const options = (devices: readonly MediaDeviceInfo[], kind: string) => devices.map((d, i) => ({ value: d.deviceId, label: d.label || `${kind} ${i + 1}` }));

/** One notice per problem; the same problem for both devices is told once. */
function Problems({ preview }: { readonly preview: DevicePreview }) {
  const { camera, microphone } = preview.problems;
  const browser = browserOf(navigator.userAgent, navigator.maxTouchPoints);
  type Notice = readonly [DeviceProblem, 'camera' | 'microphone' | 'camera and microphone'];
  const notices: Notice[] =
    camera && camera === microphone
      ? [[camera, 'camera and microphone']]
      : [...(camera ? [[camera, 'camera'] as const] : []), ...(microphone ? [[microphone, 'microphone'] as const] : [])];
  return notices.map(([problem, devices]) => {
    const guidance = guidanceFor(problem, devices, browser);
    return (
      <Alert key={devices} color="orange" variant="light" title={guidance.title}>
        <Stack gap="xs" align="flex-start">
          {guidance.steps.map((step) => (
            <Text key={step} size="sm">
              {step}
            </Text>
          ))}
          {guidance.retry && (
            <Button size="xs" variant="light" color="orange" onClick={preview.retry} loading={preview.opening}>
              Try again
            </Button>
          )}
        </Stack>
      </Alert>
    );
  });
}
