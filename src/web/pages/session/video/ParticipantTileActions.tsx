import { ActionIcon, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconCamera, IconUserMinus } from '@tabler/icons-react';
import type { CallMember } from '../../../../shared/video';
import { captureStill } from '../../../video/capture';
import type { CapturedStill } from './ScreenshotModal';

export interface ParticipantTileActionsProps {
  readonly member: CallMember;
  readonly video: () => HTMLVideoElement | null;
  readonly onCaptured: (still: CapturedStill) => void;
  readonly onRemove: (member: CallMember) => void;
}

/** On a participant's tile, for staff: "Capture screenshot" (a PNG of their video right now) and "Remove from call". */
export function ParticipantTileActions({ member, video, onCaptured, onRemove }: ParticipantTileActionsProps) {
  const capture = async () => {
    const element = video();
    try {
      if (!element || !member.camera) throw new Error(`${member.name}'s camera is off.`);
      onCaptured({ image: await captureStill(element), participantId: member.id, name: member.name });
    } catch (error) {
      notifications.show({ color: 'orange', title: 'No screenshot taken', message: error instanceof Error ? error.message : 'The still could not be made.' });
    }
  };
  return (
    <>
      <Tooltip label="Capture screenshot">
        <ActionIcon variant="filled" color="dark" size="lg" aria-label="Capture screenshot" onClick={() => void capture()}>
          <IconCamera size={18} aria-hidden="true" />
        </ActionIcon>
      </Tooltip>
      <Tooltip label="Remove from call">
        <ActionIcon variant="filled" color="dark" size="lg" aria-label="Remove from call" onClick={() => onRemove(member)}>
          <IconUserMinus size={18} aria-hidden="true" />
        </ActionIcon>
      </Tooltip>
    </>
  );
}
