import { Box, Button } from '@mantine/core';
import { IconVolume } from '@tabler/icons-react';
import { useEffect, useRef, useState } from 'react';
import { playOn } from '../../video/local-media';

export interface VideoElementProps {
  readonly stream: MediaStream | null;
  /** The accessible name, e.g. "Video of Marta García". */
  readonly label: string;
  /** Our own picture: always muted, so we never hear ourselves. */
  readonly self?: boolean;
  /** The front camera reads like a mirror. */
  readonly mirrored?: boolean;
  readonly speakerId?: string | null;
  readonly testId: string;
  readonly clientId?: string;
  readonly fit?: 'cover' | 'contain';
  /** The element itself, e.g. to capture a still of it. */
  readonly onElement?: (video: HTMLVideoElement | null) => void;
}

/**
 * A `<video>` playing a stream. `playsInline` keeps iOS Safari from going full screen, `autoplay`
 * starts it, and only our own preview is `muted`. Browsers (iOS Safari always, others on a page
 * not yet clicked) refuse to start sound without a user gesture: then a "Turn on sound" button
 * calls `play()` again from the tap itself.
 */
export function VideoElement({ stream, label, self = false, mirrored = false, speakerId = null, testId, clientId, fit = 'cover', onElement }: VideoElementProps) {
  const element = useRef<HTMLVideoElement | null>(null);
  const [soundBlocked, setSoundBlocked] = useState(false);

  useEffect(() => {
    const video = element.current;
    if (!video) return;
    video.muted = self;
    video.srcObject = stream;
    if (!stream) return;
    video.play()?.then(
      () => setSoundBlocked(false),
      (error: unknown) => setSoundBlocked(error instanceof DOMException && error.name === 'NotAllowedError'),
    );
  }, [stream, self]);

  useEffect(() => {
    if (element.current && !self) void playOn(element.current, speakerId);
  }, [speakerId, self]);

  const attach = (video: HTMLVideoElement | null) => {
    element.current = video;
    onElement?.(video);
  };

  return (
    <Box pos="relative" w="100%" h="100%">
      <video
        ref={attach}
        autoPlay
        playsInline
        muted={self}
        aria-label={label}
        data-testid={testId}
        data-client-id={clientId}
        style={{ width: '100%', height: '100%', objectFit: fit, display: 'block', background: 'var(--mantine-color-dark-7)', transform: mirrored ? 'scaleX(-1)' : undefined }}
      />
      {soundBlocked && (
        <Button
          pos="absolute"
          top="50%"
          left="50%"
          style={{ transform: 'translate(-50%, -50%)' }}
          leftSection={<IconVolume size={18} aria-hidden="true" />}
          onClick={() => void element.current?.play().then(() => setSoundBlocked(false))}
        >
          Turn on sound
        </Button>
      )}
    </Box>
  );
}
