import { Alert, Button, Group, Image, Modal, Stack, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect, useState } from 'react';
import { IMAGE_LABEL_MAX } from '../../../../shared/images';
import { useSaveScreenshot } from './video-api';

export interface CapturedStill {
  readonly image: Blob;
  readonly participantId: string;
  readonly name: string;
}

export interface ScreenshotModalProps {
  readonly sessionId: string;
  readonly still: CapturedStill;
  readonly onClose: () => void;
}

/** The still just captured, an optional label ("left ear"), and Save: it is kept with the session. */
export function ScreenshotModal({ sessionId, still, onClose }: ScreenshotModalProps) {
  const [label, setLabel] = useState('');
  const [preview] = useState(() => URL.createObjectURL(still.image));
  useEffect(() => () => URL.revokeObjectURL(preview), [preview]);
  const save = useSaveScreenshot(sessionId);

  const submit = () =>
    save.mutate(
      { image: still.image, participantId: still.participantId, label: label.trim() },
      {
        onSuccess: () => {
          notifications.show({ color: 'teal', title: 'Screenshot saved', message: `Kept with the session${label.trim() ? `: ${label.trim()}` : ''}.` });
          onClose();
        },
      },
    );

  return (
    <Modal opened onClose={onClose} title={`Screenshot of ${still.name}`} centered>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
      >
        <Stack gap="md">
          <Image src={preview} alt={`The still of ${still.name}'s video`} radius="sm" />
          <TextInput label="Label (optional)" placeholder="For example: left ear" value={label} onChange={(e) => setLabel(e.currentTarget.value)} maxLength={IMAGE_LABEL_MAX} data-autofocus />
          {save.error && (
            <Alert color="red" variant="light" title="The screenshot was not saved">
              {save.error.message}
            </Alert>
          )}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose}>
              Discard
            </Button>
            <Button type="submit" loading={save.isPending}>
              Save screenshot
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
