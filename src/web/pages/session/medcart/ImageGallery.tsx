import { Alert, Anchor, Badge, Button, FileInput, Group, Image, Modal, Paper, SimpleGrid, Stack, Text, TextInput, UnstyledButton } from '@mantine/core';
import { IconDownload, IconPhotoPlus } from '@tabler/icons-react';
import { useState } from 'react';
import type { SendState } from '../../../../shared/ehr';
import { IMAGE_LABEL_MAX, MAX_IMAGE_BYTES, type SessionImage } from '../../../../shared/images';
import { ApiError } from '../../../api/client';
import { fileSize } from '../../../lib/file-size';
import { formatMoment } from '../../../lib/format-moment';
import { imageUrl, useUploadImage } from './medcart-api';
import { SendStateBadge } from './SendStateBadge';

export interface ImageGalleryProps {
  readonly sessionId: string;
  readonly images: SessionImage[];
  readonly participants: { id: string; name: string }[];
  readonly viewerTimeZone: string;
  readonly sendStates: Map<string, SendState> | null;
}

const titleOf = (image: SessionImage) => image.label ?? (image.kind === 'screenshot' ? 'Screenshot' : 'Image');

/** Screenshots from the call and uploaded images: thumbnails that open full size, with a download. */
export function ImageGallery({ sessionId, images, participants, viewerTimeZone, sendStates }: ImageGalleryProps) {
  const [open, setOpen] = useState<SessionImage | null>(null);
  const [uploading, setUploading] = useState(false);
  const nameOf = (id: string | null) => participants.find((p) => p.id === id)?.name;

  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <Text size="sm" c="dimmed">
          {images.length === 0 ? 'No screenshots or images yet.' : `${images.length} image${images.length === 1 ? '' : 's'}`}
        </Text>
        <Button size="xs" variant="light" leftSection={<IconPhotoPlus size={16} aria-hidden="true" />} onClick={() => setUploading(true)}>
          Upload image
        </Button>
      </Group>
      {images.length > 0 && (
        <SimpleGrid cols={{ base: 2, sm: 3, md: 4 }} spacing="sm" role="list" aria-label="Screenshots and images">
          {images.map((image) => (
            <Paper key={image.id} withBorder radius="md" p={6} role="listitem">
              <UnstyledButton onClick={() => setOpen(image)} aria-label={`Open ${titleOf(image)} full size`} w="100%">
                <Image src={imageUrl(sessionId, image.id, true)} alt={titleOf(image)} h={110} fit="cover" radius="sm" />
              </UnstyledButton>
              <Stack gap={2} mt={6}>
                <Text size="sm" fw={500} lineClamp={1}>
                  {titleOf(image)}
                </Text>
                <Text size="xs" c="dimmed">
                  {image.kind === 'screenshot' ? `Screenshot${nameOf(image.participantId) ? ` of ${nameOf(image.participantId)}` : ''}` : 'Uploaded'} by {image.takenBy.name}
                </Text>
                <Text size="xs" c="dimmed" component="time" dateTime={image.createdAt}>
                  {formatMoment(image.createdAt, viewerTimeZone)}
                </Text>
                {sendStates && <SendStateBadge state={sendStates.get(image.id)} />}
              </Stack>
            </Paper>
          ))}
        </SimpleGrid>
      )}
      <Modal opened={open !== null} onClose={() => setOpen(null)} title={open ? titleOf(open) : ''} size="xl" centered>
        {open && (
          <Stack gap="sm">
            <Image src={imageUrl(sessionId, open.id, true)} alt={titleOf(open)} fit="contain" mah="70vh" />
            <Group justify="space-between">
              <Group gap="xs">
                <Badge variant="light">{open.kind === 'screenshot' ? 'Screenshot' : 'Upload'}</Badge>
                <Text size="xs" c="dimmed">
                  {fileSize(open.size)} · {formatMoment(open.createdAt, viewerTimeZone)}
                </Text>
              </Group>
              <Anchor href={imageUrl(sessionId, open.id, false)} download size="sm">
                <Group gap={4}>
                  <IconDownload size={16} aria-hidden="true" />
                  Download
                </Group>
              </Anchor>
            </Group>
          </Stack>
        )}
      </Modal>
      <UploadImageModal sessionId={sessionId} opened={uploading} onClose={() => setUploading(false)} />
    </Stack>
  );
}

function UploadImageModal({ sessionId, opened, onClose }: { readonly sessionId: string; readonly opened: boolean; readonly onClose: () => void }) {
  const upload = useUploadImage(sessionId);
  const [file, setFile] = useState<File | null>(null);
  const [label, setLabel] = useState('');
  const [error, setError] = useState('');
  const close = () => {
    setFile(null);
    setLabel('');
    setError('');
    upload.reset();
    onClose();
  };
  const tooBig = file !== null && file.size > MAX_IMAGE_BYTES;

  return (
    <Modal opened={opened} onClose={close} title="Upload an image" centered>
      <Stack gap="sm">
        {error && (
          <Alert color="red" role="alert">
            {error}
          </Alert>
        )}
        <FileInput label="Image (PNG or JPEG, at most 10 MB)" accept="image/png,image/jpeg" value={file} onChange={setFile} error={tooBig ? 'This image is larger than 10 MB' : undefined} clearable />
        <TextInput label="Label" description="e.g. “Right ear, otoscope”" maxLength={IMAGE_LABEL_MAX} value={label} onChange={(e) => setLabel(e.currentTarget.value)} />
        <Group justify="flex-end">
          <Button variant="default" onClick={close}>
            Cancel
          </Button>
          <Button
            disabled={!file || tooBig}
            loading={upload.isPending}
            onClick={() =>
              file &&
              upload.mutate({ file, label }, { onSuccess: close, onError: (e) => setError(e instanceof ApiError ? e.message : 'The image could not be uploaded. Please try again.') })
            }
          >
            Upload
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
