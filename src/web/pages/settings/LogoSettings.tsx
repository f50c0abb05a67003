import { Alert, Box, Button, FileButton, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { LOGO_CONTENT_TYPES, type OrganizationLogo as Logo } from '../../../shared/logo';
import type { OrganizationSettings } from '../../../shared/organization';
import { api } from '../../api/client';
import { uploadLogo } from '../../api/logo';
import { OrganizationLogo } from '../../components/OrganizationLogo/OrganizationLogo';

/** Shown at most this tall in the preview, as on the participant's page. */
const PREVIEW_HEIGHT = 48;

/** The organization's logo: shown to participants beside its name and in its emails. */
export function LogoSettings({ organization }: { readonly organization: OrganizationSettings }) {
  const queryClient = useQueryClient();
  const saved = (logo: Logo | null) => queryClient.setQueryData<OrganizationSettings>(['organization'], (old) => (old ? { ...old, logo } : old));
  const upload = useMutation({
    mutationFn: uploadLogo,
    onSuccess: (logo) => {
      saved(logo);
      notifications.show({ color: 'teal', title: 'Logo saved', message: 'Participants see it on their page and in new emails.' });
    },
  });
  const remove = useMutation({
    mutationFn: () => api<void>('/organization/logo', { method: 'DELETE' }),
    onSuccess: () => saved(null),
  });
  const failure = upload.error ?? remove.error;
  const { logo } = organization;

  return (
    <Paper withBorder radius="md" p="lg" maw={560}>
      <Stack gap="sm">
        <Title order={2} size="h4">
          Logo
        </Title>
        <Text size="sm" c="dimmed">
          Shown beside your organization&apos;s name on participants&apos; pages and in emails. PNG, JPEG or WebP, at most 512 KB.
        </Text>
        {failure && (
          <Alert color="red" role="alert">
            {failure.message}
          </Alert>
        )}
        <Box>
          {logo ? (
            <OrganizationLogo logo={logo} maxHeight={PREVIEW_HEIGHT} alt={`${organization.name} logo`} />
          ) : (
            <Text size="sm">No logo yet: your organization&apos;s name is shown alone.</Text>
          )}
        </Box>
        <Group>
          <FileButton onChange={(file) => file && upload.mutate(file)} accept={LOGO_CONTENT_TYPES.join(',')}>
            {(props) => (
              <Button {...props} variant="light" loading={upload.isPending}>
                {logo ? 'Replace logo' : 'Upload logo'}
              </Button>
            )}
          </FileButton>
          {logo && (
            <Button variant="subtle" color="red" loading={remove.isPending} onClick={() => remove.mutate()}>
              Remove logo
            </Button>
          )}
        </Group>
      </Stack>
    </Paper>
  );
}
