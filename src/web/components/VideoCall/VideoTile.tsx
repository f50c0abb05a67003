import { Avatar, Box, Center, Group, Loader, Stack, Text, VisuallyHidden } from '@mantine/core';
import { IconMicrophoneOff, IconScreenShare, IconVideoOff } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import type { MediaState } from '../../../shared/video';
import type { Quality } from '../../video/quality';
import { QualityIndicator } from './QualityIndicator';
import { VideoElement } from './VideoElement';

export interface VideoTileProps {
  readonly name: string;
  /** "Host", "Clinic", "You"… */
  readonly role?: string;
  readonly stream: MediaStream | null;
  readonly media: MediaState;
  readonly self?: boolean;
  readonly speaking: boolean;
  readonly quality?: Quality | null;
  readonly connection?: RTCPeerConnectionState;
  readonly speakerId?: string | null;
  readonly clientId?: string;
  /** Staff's actions on a participant's tile. */
  readonly actions?: ReactNode;
  readonly onVideo?: (video: HTMLVideoElement | null) => void;
}

const initials = (name: string) =>
  name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((part) => part[0]!.toUpperCase())
    .join('');

const CONNECTING: readonly RTCPeerConnectionState[] = ['new', 'connecting'];
const TROUBLE: readonly RTCPeerConnectionState[] = ['disconnected', 'failed'];

/**
 * One person in the call. The `<video>` stays mounted with the camera off (it also plays their
 * sound); their initials cover it then. A ring shows who is speaking.
 */
export function VideoTile({ name, role, stream, media, self = false, speaking, quality = null, connection, speakerId, clientId, actions, onVideo }: VideoTileProps) {
  const showsPicture = media.camera || media.screen;
  const label = self ? 'You' : name;
  return (
    <Box
      component="section"
      aria-label={label}
      data-speaking={speaking}
      pos="relative"
      bg="dark.7"
      style={{
        aspectRatio: '16 / 9',
        borderRadius: 'var(--mantine-radius-md)',
        overflow: 'hidden',
        outline: speaking ? '3px solid var(--mantine-color-teal-5)' : '1px solid var(--mantine-color-dark-4)',
        outlineOffset: -3,
      }}
    >
      <VideoElement
        stream={stream}
        self={self}
        mirrored={self && !media.screen}
        label={self ? 'Your video' : `Video of ${name}`}
        testId={self ? 'local-video' : 'remote-video'}
        fit={media.screen ? 'contain' : 'cover'}
        {...(clientId ? { clientId } : {})}
        {...(speakerId !== undefined ? { speakerId } : {})}
        {...(onVideo ? { onElement: onVideo } : {})}
      />
      {!showsPicture && (
        <Center pos="absolute" inset={0} bg="dark.6">
          <Avatar size="lg" radius="xl" color="gray" aria-hidden="true">
            {initials(name)}
          </Avatar>
        </Center>
      )}
      {connection && (CONNECTING.includes(connection) || TROUBLE.includes(connection)) && (
        <Center pos="absolute" inset={0} style={{ pointerEvents: 'none' }}>
          <Group gap="xs" bg="rgba(0,0,0,0.6)" px="sm" py={4} style={{ borderRadius: 4 }}>
            <Loader size="xs" color="gray.2" aria-hidden="true" />
            <Text size="sm" c="gray.1">
              {TROUBLE.includes(connection) ? 'Reconnecting…' : 'Connecting…'}
            </Text>
          </Group>
        </Center>
      )}
      <Stack pos="absolute" left={0} right={0} bottom={0} gap={2} px="xs" py={4} bg="rgba(0,0,0,0.55)">
        <Group justify="space-between" wrap="nowrap" gap="xs">
          <Group gap={6} wrap="nowrap" miw={0}>
            <Text size="sm" c="white" fw={500} truncate>
              {self ? `You (${name})` : name}
            </Text>
            {role && (
              <Text size="xs" c="gray.4">
                {role}
              </Text>
            )}
          </Group>
          <Group gap={6} wrap="nowrap" c="gray.2">
            {!media.microphone && <Status icon={<IconMicrophoneOff size={16} aria-hidden="true" />} text="Microphone off" />}
            {!media.camera && !media.screen && <Status icon={<IconVideoOff size={16} aria-hidden="true" />} text="Camera off" />}
            {media.screen && <Status icon={<IconScreenShare size={16} aria-hidden="true" />} text="Sharing screen" />}
            {!self && <QualityIndicator quality={quality} />}
          </Group>
        </Group>
      </Stack>
      {actions && (
        <Group pos="absolute" top={6} right={6} gap={6}>
          {actions}
        </Group>
      )}
    </Box>
  );
}

/** An icon, its words for screen readers, and a hover title: tiles on a phone have no room for words. */
function Status({ icon, text }: { readonly icon: ReactNode; readonly text: string }) {
  return (
    <Group gap={2} wrap="nowrap" title={text}>
      {icon}
      <VisuallyHidden>{text}</VisuallyHidden>
    </Group>
  );
}
