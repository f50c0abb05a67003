import { Alert, EmptyState, Stack } from '@mantine/core';
import { IconDeviceHeartMonitor, IconPlugConnectedX } from '@tabler/icons-react';

/** MedCart readings and screenshots of the session; none arrive yet, and no EHR is connected. */
export function MedCartTab() {
  return (
    <Stack gap="md">
      <EmptyState icon={<IconDeviceHeartMonitor size={28} aria-hidden="true" />} withIndicatorBackground>
        <EmptyState.Title order={3}>No MedCart data yet</EmptyState.Title>
        <EmptyState.Description>Vital signs and screenshots from MedCart devices used in this session will appear here.</EmptyState.Description>
      </EmptyState>
      <Alert variant="light" color="gray" icon={<IconPlugConnectedX size={18} aria-hidden="true" />}>
        No EHR connection is set up for your organization.
      </Alert>
    </Stack>
  );
}
