import { Button, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconCalendarDown, IconExternalLink } from '@tabler/icons-react';
import { googleCalendarUrl, outlookCalendarUrl } from '../../../shared/calendar-links';
import type { PortalView } from '../../../shared/portal';
import { calendarEventOf } from './session-text';

/** The calendar file from the server, and Google and Outlook links that prefill the event. */
export function AddToCalendar({ view }: { readonly view: PortalView }) {
  const event = calendarEventOf(view);
  const external = { component: 'a', target: '_blank', rel: 'noopener noreferrer', variant: 'default', size: 'md' } as const;
  return (
    <Paper component="section" aria-labelledby="portal-calendar-title" withBorder radius="md" p="md">
      <Stack gap="sm">
        <Title order={2} size="h4" id="portal-calendar-title">
          Add to calendar
        </Title>
        <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="sm">
          <Button component="a" href="/api/portal/calendar.ics" download size="md" leftSection={<IconCalendarDown size={18} aria-hidden="true" />}>
            Calendar file
          </Button>
          <Button {...external} href={googleCalendarUrl(event)} rightSection={<IconExternalLink size={16} aria-hidden="true" />}>
            Google Calendar
          </Button>
          <Button {...external} href={outlookCalendarUrl(event)} rightSection={<IconExternalLink size={16} aria-hidden="true" />}>
            Outlook
          </Button>
        </SimpleGrid>
        <Text size="sm" c="dimmed">
          The calendar file works with Apple Calendar and most calendar apps. Google Calendar and Outlook open in a new tab.
        </Text>
      </Stack>
    </Paper>
  );
}
