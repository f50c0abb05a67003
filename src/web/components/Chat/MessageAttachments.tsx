import { Anchor, Group, Image, Stack, Text } from '@mantine/core';
import { IconPaperclip } from '@tabler/icons-react';
import type { ChatAttachment } from '../../../shared/chat';
import { fileSize } from '../../lib/file-size';

export interface MessageAttachmentsProps {
  readonly attachments: readonly ChatAttachment[];
  readonly attachmentUrl: (attachmentId: string, options?: { inline?: boolean }) => string;
}

// HEIC is an image most browsers cannot draw: it downloads like any other file.
const PREVIEWED = new Set<ChatAttachment['contentType']>(['image/png', 'image/jpeg']);

/** Images as thumbnails that open full size; then every file (images too) as a download link with its size. */
export function MessageAttachments({ attachments, attachmentUrl }: MessageAttachmentsProps) {
  if (attachments.length === 0) return null;
  const images = attachments.filter((a) => PREVIEWED.has(a.contentType));
  return (
    <Stack gap={6} mt={6}>
      {images.length > 0 && (
        <Group gap={6}>
          {images.map((a) => (
            <Anchor key={a.id} href={attachmentUrl(a.id, { inline: true })} target="_blank" rel="noopener noreferrer" aria-label={`${a.name}, open full size`}>
              <Image src={attachmentUrl(a.id, { inline: true })} alt={a.name} w={96} h={96} fit="cover" radius="sm" />
            </Anchor>
          ))}
        </Group>
      )}
      {attachments.map((a) => (
        <Group key={a.id} gap={4} wrap="nowrap">
          <IconPaperclip size={14} aria-hidden="true" style={{ flexShrink: 0 }} />
          <Anchor href={attachmentUrl(a.id)} download={a.name} size="sm" style={{ overflowWrap: 'anywhere' }}>
            {a.name}
          </Anchor>
          <Text size="xs" c="dimmed" style={{ flexShrink: 0 }}>
            {fileSize(a.size)}
          </Text>
        </Group>
      ))}
    </Stack>
  );
}
