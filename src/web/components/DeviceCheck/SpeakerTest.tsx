import { Button, Group, Text } from '@mantine/core';
import { IconVolume } from '@tabler/icons-react';
import { useState } from 'react';
import { playTone } from '../../video/tone';

/** "Play test sound": a short tone on the chosen speaker, and what to do if nothing was heard. */
export function SpeakerTest({ speakerId }: { readonly speakerId: string | null }) {
  const [state, setState] = useState<'idle' | 'played' | 'blocked'>('idle');
  const play = () =>
    playTone(speakerId).then(
      () => setState('played'),
      () => setState('blocked'),
    );

  return (
    <Group gap="sm" wrap="wrap">
      <Button variant="default" leftSection={<IconVolume size={16} aria-hidden="true" />} onClick={() => void play()}>
        Play test sound
      </Button>
      <Text size="sm" c="dimmed" role="status">
        {state === 'played' && 'Did you hear a tone? If not, turn up the volume or choose another speaker.'}
        {state === 'blocked' && 'The browser did not play the sound. Check that this tab is not muted, then try again.'}
      </Text>
    </Group>
  );
}
