import { Button, Stack, Text } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { IconExternalLink, IconFileText } from '@tabler/icons-react';

export interface PdfToReadProps {
  readonly name: string;
  readonly url: string;
}

/** Phones seldom show a PDF inside a page (or only its first page): there, a button opens it. */
export function PdfToRead({ name, url }: PdfToReadProps) {
  const narrow = useMediaQuery('(max-width: 36em)', false, { getInitialValueInEffect: false });
  return (
    <Stack gap="xs">
      <Text>Read the document, then sign below to say you agree to it.</Text>
      {!narrow && (
        <iframe
          src={url}
          title={`${name} (PDF)`}
          style={{ width: '100%', height: '60vh', minHeight: 320, border: '1px solid var(--mantine-color-gray-3)', borderRadius: 'var(--mantine-radius-md)' }}
        />
      )}
      <Button
        component="a"
        href={url}
        target="_blank"
        rel="noopener noreferrer"
        size="md"
        variant={narrow ? 'filled' : 'default'}
        leftSection={<IconFileText size={18} aria-hidden="true" />}
        rightSection={<IconExternalLink size={16} aria-hidden="true" />}
        style={{ alignSelf: 'flex-start' }}
      >
        Open the PDF
      </Button>
      {!narrow && (
        <Text size="sm" c="dimmed">
          If the document does not show above, open the PDF.
        </Text>
      )}
    </Stack>
  );
}
