import { CloseButton, Group, Paper, Progress, Text } from '@mantine/core';
import { IconFile } from '@tabler/icons-react';
import { fileSize } from '../../lib/file-size';
import type { DraftFile } from './drafts';

export interface AttachmentChipsProps {
  readonly files: readonly DraftFile[];
  readonly onRemove: (localId: string) => void;
}

/** The files chosen for the next message: name, size, upload progress or why it failed, and a way to remove each. */
export function AttachmentChips({ files, onRemove }: AttachmentChipsProps) {
  if (files.length === 0) return null;
  return (
    <Group component="ul" aria-label="Attached files" gap={6} m={0} p={0} style={{ listStyle: 'none' }}>
      {files.map((file) => (
        <Paper component="li" key={file.localId} withBorder radius="md" px={8} py={4} maw="100%" bg={file.state === 'failed' ? 'red.0' : 'gray.0'}>
          <Group gap={6} wrap="nowrap">
            <IconFile size={14} aria-hidden="true" style={{ flexShrink: 0 }} />
            <Text size="sm" truncate="end" maw={180}>
              {file.name}
            </Text>
            <Text size="xs" c="dimmed" style={{ flexShrink: 0 }}>
              {fileSize(file.size)}
            </Text>
            <CloseButton size="sm" aria-label={`Remove ${file.name}`} onClick={() => onRemove(file.localId)} />
          </Group>
          {file.state === 'uploading' && (
            <Progress.Root size="xs" mt={4}>
              <Progress.Section value={Math.round(file.progress * 100)} aria-label={`Uploading ${file.name}`} />
            </Progress.Root>
          )}
          {file.state === 'failed' && (
            <Text size="xs" c="red.9" maw={260}>
              {file.error}
            </Text>
          )}
        </Paper>
      ))}
    </Group>
  );
}
