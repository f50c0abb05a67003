import { Box } from '@mantine/core';
import { useEffect, useState } from 'react';
import { levelMeter } from '../../video/audio-level';

export interface LevelMeterProps {
  readonly stream: MediaStream | null;
  /** The track's id: a new microphone gets a new meter. */
  readonly trackId: string | null;
}

/** How loud the microphone hears you, as a bar; a flat bar while speaking means the wrong microphone. */
export function LevelMeter({ stream, trackId }: LevelMeterProps) {
  const [level, setLevel] = useState(0);
  useEffect(() => {
    const meter = stream && trackId ? levelMeter(stream) : null;
    if (!meter) return;
    const timer = setInterval(() => setLevel(Math.round(meter.level() * 100)), 100);
    return () => {
      clearInterval(timer);
      meter.stop();
      setLevel(0);
    };
  }, [stream, trackId]);

  return (
    <Box
      role="meter"
      aria-label="Microphone level"
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={level}
      h={8}
      bg="gray.2"
      style={{ borderRadius: 4, overflow: 'hidden' }}
    >
      <Box h="100%" w={`${level}%`} bg={level > 60 ? 'orange.6' : 'teal.6'} style={{ transition: 'width 100ms linear' }} />
    </Box>
  );
}
