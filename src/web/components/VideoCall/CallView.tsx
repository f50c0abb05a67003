import { Alert, Box, Flex, Group, Loader, Stack, Text } from '@mantine/core';
import { type ReactNode, useState } from 'react';
import type { CallMember } from '../../../shared/video';
import type { Call } from '../../video/useCall';
import { CallControls } from './CallControls';
import { ElapsedTime } from './ElapsedTime';
import { VideoTile } from './VideoTile';

export interface CallViewProps {
  readonly call: Call;
  readonly viewer: 'staff' | 'participant';
  /** The output chosen in the device check. */
  readonly speakerId: string | null;
  /** Actions on another member's tile (staff: capture a still, remove); `video` gives their `<video>`. */
  readonly tileActions?: (member: CallMember, video: () => HTMLVideoElement | null) => ReactNode;
  /** More controls after Leave. */
  readonly controls?: ReactNode;
  /** Beside the video on wide screens, below it on phones: the chat. */
  readonly aside?: ReactNode;
  /** Above the tiles, e.g. that a still was taken. */
  readonly notice?: ReactNode;
}

const roleOf = (member: CallMember) => (member.host ? 'Host' : member.kind === 'staff' ? 'Clinic' : undefined);

/** The call: everyone's tiles (ours last), how long we have been in it, and the controls. */
export function CallView({ call, viewer, speakerId, tileActions, controls, aside, notice }: CallViewProps) {
  const { state } = call;
  // Each tile's <video>, filled by ref callbacks and read only when a tile action runs.
  const [videos] = useState(() => new Map<string, HTMLVideoElement>());
  const me = state.members.find((m) => m.clientId === state.you);
  const others = state.members.filter((m) => m.clientId !== state.you);

  return (
    <Flex direction={{ base: 'column', md: 'row' }} gap="md" align="stretch">
      <Stack gap="sm" style={{ flex: 1, minWidth: 0 }}>
        {state.reconnecting && (
          <Alert color="yellow" variant="light" title="Reconnecting…">
            The connection to Carebeam dropped. The call comes back by itself as soon as it returns.
          </Alert>
        )}
        {notice}
        <Group justify="space-between" gap="xs">
          {state.joinedAt !== null ? <ElapsedTime since={state.joinedAt} /> : <span />}
          {state.phase === 'joining' && (
            <Group gap="xs" role="status">
              <Loader size="xs" aria-hidden="true" />
              <Text size="sm">Joining the call…</Text>
            </Group>
          )}
          {state.phase === 'in_call' && others.length === 0 && (
            <Text size="sm" c="dimmed" role="status">
              {viewer === 'staff' ? 'No one else is in the call yet.' : 'The others will appear here when they join.'}
            </Text>
          )}
        </Group>
        <Box style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(min(100%, 240px), 1fr))', gap: 'var(--mantine-spacing-sm)' }}>
          {others.map((member) => {
            const remote = state.remotes[member.clientId];
            return (
              <VideoTile
                key={member.clientId}
                name={member.name}
                role={roleOf(member)}
                clientId={member.clientId}
                stream={remote?.stream ?? null}
                media={member}
                speaking={remote?.speaking ?? false}
                quality={remote?.quality ?? null}
                connection={remote?.connection ?? 'new'}
                speakerId={speakerId}
                onVideo={(video) => (video ? videos.set(member.clientId, video) : videos.delete(member.clientId))}
                actions={tileActions?.(member, () => videos.get(member.clientId) ?? null)}
              />
            );
          })}
          <VideoTile name={me?.name ?? 'You'} stream={state.preview} media={state.media} self speaking={state.speaking} />
        </Box>
        <CallControls call={call} canShareScreen={viewer === 'staff'}>
          {controls}
        </CallControls>
      </Stack>
      {aside && (
        <Box w={{ base: '100%', md: 360 }} h={{ base: 480, md: 'auto' }} mah={{ md: 640 }} style={{ display: 'flex', flexDirection: 'column', minHeight: 0 }}>
          {aside}
        </Box>
      )}
    </Flex>
  );
}
