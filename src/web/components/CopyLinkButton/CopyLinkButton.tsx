import { Button, CopyButton, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { IconLink } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { api } from '../../api/client';
import { formatMoment } from '../../lib/format-moment';

export interface CopyLinkButtonProps {
  readonly sessionId: string;
  readonly participant: { id: string; name: string };
  readonly viewerTimeZone: string;
}

/** Makes a fresh private link for a participant and shows it once, to copy and pass on. */
export function CopyLinkButton({ sessionId, participant, viewerTimeZone }: CopyLinkButtonProps) {
  const link = useMutation({
    mutationFn: () => api<{ url: string; expiresAt: string }>(`/sessions/${sessionId}/participants/${participant.id}/link`, { method: 'POST' }),
  });
  return (
    <>
      <Button size="compact-xs" variant="subtle" leftSection={<IconLink size={14} aria-hidden="true" />} onClick={() => link.mutate()} loading={link.isPending} aria-label={`Copy link for ${participant.name}`}>
        Copy link
      </Button>
      <Modal opened={link.isSuccess} onClose={() => link.reset()} title={`Private link for ${participant.name}`} centered>
        {link.data && (
          <Stack gap="sm">
            <Text size="sm">Anyone with this link can open {participant.name}’s session page: share it only with them.</Text>
            <TextInput readOnly value={link.data.url} aria-label="Private link" onFocus={(event) => event.currentTarget.select()} />
            <Text size="xs" c="dimmed">
              Works until {formatMoment(link.data.expiresAt, viewerTimeZone)}. We do not keep it: a new link is made each time.
            </Text>
            <Group justify="flex-end">
              <CopyButton value={link.data.url}>
                {({ copied, copy }) => (
                  <Button onClick={copy} color={copied ? 'teal' : undefined}>
                    {copied ? 'Copied' : 'Copy link'}
                  </Button>
                )}
              </CopyButton>
            </Group>
          </Stack>
        )}
      </Modal>
    </>
  );
}
