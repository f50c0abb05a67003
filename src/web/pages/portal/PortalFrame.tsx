import { Box, Button, Container, Group, List, Loader, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import type { OrganizationLogo as OrganizationLogoData } from '../../../shared/logo';
import { Logo } from '../../components/Logo/Logo';
import { OrganizationLogo } from '../../components/OrganizationLogo/OrganizationLogo';

/** Lets long names and words wrap instead of pushing the page sideways on a phone. */
export const wrapAnywhere = { overflowWrap: 'anywhere' } as const;

export interface PortalFrameProps {
  /** The clinic's name (and logo, if it has one) once known; the header says Carebeam until then. */
  readonly organization?: { readonly name: string; readonly logo: OrganizationLogoData | null };
  readonly children: ReactNode;
}

/** The participants' page frame: a plain header and one narrow column, no staff navigation. */
export function PortalFrame({ organization, children }: PortalFrameProps) {
  return (
    <Box mih="100dvh" bg="gray.0">
      <Box component="header" bg="white" style={{ borderBottom: '1px solid var(--mantine-color-gray-3)' }}>
        <Container size="sm" px="md" py="sm">
          <Group gap="sm" wrap="nowrap">
            {organization?.logo ? <OrganizationLogo logo={organization.logo} maxHeight={40} alt="" /> : <Logo size={32} />}
            <Stack gap={0} miw={0}>
              <Text fw={600} lh={1.3} style={wrapAnywhere}>
                {organization?.name ?? 'Carebeam'}
              </Text>
              {organization && (
                <Text size="xs" c="dimmed">
                  with Carebeam
                </Text>
              )}
            </Stack>
          </Group>
        </Container>
      </Box>
      <Container component="main" size="sm" px="md" py="lg">
        {children}
      </Container>
    </Box>
  );
}

/** A calm, centred wait with its reason in words. */
export function PortalLoader({ label }: { readonly label: string }) {
  return (
    <Stack align="center" gap="sm" py={64} role="status">
      <Loader aria-hidden="true" />
      <Text c="dimmed">{label}</Text>
    </Stack>
  );
}

export interface PortalMessageProps {
  readonly title: string;
  readonly children: ReactNode;
  /** Shown as a large "Try again" button when given. */
  readonly onRetry?: () => void;
}

/** A full page that explains, in plain words, why the session cannot be shown. */
export function PortalMessage({ title, children, onRetry }: PortalMessageProps) {
  return (
    <PortalFrame>
      <Stack gap="md" py="md">
        <Title order={1} size="h2">
          {title}
        </Title>
        {children}
        {onRetry && (
          <Button size="md" onClick={onRetry} style={{ alignSelf: 'flex-start' }}>
            Try again
          </Button>
        )}
      </Stack>
    </PortalFrame>
  );
}

/** For a dead invitation link (404) and for a participant cookie that is gone (401). */
export function LinkNotWorking() {
  return (
    <PortalMessage title="This link doesn't work anymore">
      <Text>This can happen when:</Text>
      <List spacing="xs">
        <List.Item>the session has already taken place and the link has expired,</List.Item>
        <List.Item>the session was canceled, or</List.Item>
        <List.Item>the link was copied incompletely from your email or text message.</List.Item>
      </List>
      <Text>
        Open the link from your invitation again. If it still doesn't work, please contact the clinic: they can send
        you a new one.
      </Text>
    </PortalMessage>
  );
}
